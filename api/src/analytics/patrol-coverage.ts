/**
 * Patrol coverage per grid in force, worked out in PostGIS: what `GET
 * /api/analytics/patrols/coverage` answers and what the coverage job computes for periods with
 * days not worked out yet. Kept apart from the route so the route and the job both import it
 * without importing each other.
 */
import { insideJurisdiction } from '../auth/jurisdiction.js';
import type { Db } from '../db/db.types.js';
import { splitPeriod } from './incident-aggregates.js';
import type { Period } from './patrols-period.js';

/** Metres around a track that count as patrolled (as `patrol_reach_m()` of migration 0017). */
export const PATROL_REACH_M = 30;
/**
 * Streets are judged in stretches of at most this many metres (`street_stretches`, migration
 * 0017), each by its midpoint: a covered run's ends are exact to half a stretch. Which days
 * each stretch was patrolled is worked out once per day on first use and kept
 * (`patrol_days_ensure`, `stretch_patrol_days`), so a period of whole days reads an index;
 * only the partial days at the edges of a period given to the minute are tested against the
 * tracks themselves.
 */
export const SAMPLE_M = 5;

export interface CoverageRowValue {
  code: string;
  name: string;
  communityCode: string;
  streetLengthM: number;
  coveredLengthM: number;
  coveredShare: number;
  daysSinceLastPatrol: number | null;
  patrolMinutes: number;
}

/** Coverage per grid in force; `regionCode` prefix and `jurisdictions` limit the grids. */
export async function patrolCoverage(
  db: Db,
  districtCode: string,
  regionCode: string,
  jurisdictions: readonly string[],
  period: Period,
): Promise<CoverageRowValue[]> {
  const params: unknown[] = [districtCode, regionCode, jurisdictions, period.from / 1000, period.to / 1000];
  const p = (v: unknown): string => {
    params.push(v);
    return `$${params.length}`;
  };
  // Whole Asia/Shanghai days from the kept coverage, partial days at the edges from the tracks.
  const pieces = splitPeriod(new Date(period.from).toISOString(), new Date(period.to).toISOString(), false);
  const days = wholeDaysOf(period);
  const edges = pieces.filter((piece) => piece.source === 'raw').map((piece) => [Date.parse(piece.from!), Date.parse(piece.to!)] as const);
  if (days) await db.query(`SELECT patrol_days_ensure($1::char(6), $2::date, $3::date)`, [districtCode, days[0], days[1]]);
  const covered: string[] = [];
  // The stretches patrolled on the whole days, as one set (a hash join, whatever the statistics say).
  const hit = days
    ? `SELECT DISTINCT d.stretch_id FROM stretch_patrol_days d WHERE d.district_code = $1 AND d.day >= ${p(days[0])}::date AND d.day < ${p(days[1])}::date`
    : `SELECT NULL::bigint AS stretch_id WHERE false`;
  covered.push('hit.stretch_id IS NOT NULL');
  for (const [e0, e1] of edges) {
    const [a, b] = [p(e0 / 1000), p(e1 / 1000)];
    covered.push(`EXISTS (
      SELECT 1 FROM patrol_tracks t
      WHERE t.district_code = $1 AND t.started_at < to_timestamp(${b}::float8) AND t.ended_at >= to_timestamp(${a}::float8)
        -- 0.0004°/cos(lat) ≥ 30 m in any direction: a planar prefilter that uses the index.
        AND ST_DWithin(t.geom, c.mid, 0.0004 / greatest(cos(radians(ST_Y(c.mid))), 0.05))
        AND ST_DWithin(ST_LocateBetween(t.geom, ${a}::float8, ${b}::float8 - 1e-6)::geography, c.mid::geography, ${PATROL_REACH_M}, false))`);
  }
  const r = await db.query<Omit<CoverageRowValue, 'coveredShare'>>(
    `WITH g AS (
       SELECT code, name, community_code, geometry FROM current_grids
       WHERE district_code = $1 AND community_code LIKE $2 || '%' AND ${insideJurisdiction('community_code', '$3')}
     ),
     -- The stretches of each grid: those whose midpoint it holds (on a shared edge, both
     -- grids). No overlay (ST_Intersection) here: the embedded database's GEOS drops the row
     -- when an overlay fails, as it does for stretches lying along a grid edge.
     c AS (
       SELECT g.code, s.id, s.mid, s.length_m AS w
       FROM g JOIN street_stretches s ON s.district_code = $1 AND s.mid && g.geometry AND ST_Intersects(s.mid, g.geometry)
     ),
     hit AS (${hit}),
     len AS (
       SELECT c.code, sum(c.w) AS street, coalesce(sum(c.w) FILTER (WHERE ${covered.join(' OR ')}), 0) AS covered
       FROM c LEFT JOIN hit ON hit.stretch_id = c.id GROUP BY c.code
     )
     SELECT g.code, g.name, g.community_code AS "communityCode",
       coalesce(len.street, 0)::float8 AS "streetLengthM", coalesce(len.covered, 0)::float8 AS "coveredLengthM",
       CASE WHEN coalesce(own.ended_at, other.ended_at) IS NOT NULL
         THEN floor(extract(epoch FROM to_timestamp($5::float8) - least(greatest(own.ended_at, other.ended_at), to_timestamp($5::float8))) / 86400)::float8
       END AS "daysSinceLastPatrol",
       (SELECT coalesce(sum(extract(epoch FROM least(t.ended_at, to_timestamp($5::float8)) - greatest(t.started_at, to_timestamp($4::float8)))), 0)::float8 / 60
          FROM patrol_tracks t WHERE t.district_code = $1 AND t.grid_code = g.code
            AND t.started_at < to_timestamp($5::float8) AND t.ended_at >= to_timestamp($4::float8)) AS "patrolMinutes"
     FROM g LEFT JOIN len USING (code)
     -- The last track touching the grid: the latest of the grid's own eight newest tracks
     -- that does, then any later track of another grid passing through — only tracks ended
     -- after it are tested against the polygon (all of them when none of the eight touches).
     LEFT JOIN LATERAL (
       SELECT r.ended_at FROM (
         SELECT t.ended_at, t.geom FROM patrol_tracks t
         WHERE t.district_code = $1 AND t.grid_code = g.code AND t.started_at < to_timestamp($5::float8)
         ORDER BY t.ended_at DESC LIMIT 8
       ) r
       WHERE ST_Intersects(r.geom, g.geometry) ORDER BY r.ended_at DESC LIMIT 1
     ) own ON true
     LEFT JOIN LATERAL (
       SELECT max(t.ended_at) AS ended_at FROM patrol_tracks t
       WHERE t.district_code = $1 AND t.started_at < to_timestamp($5::float8) AND t.geom && g.geometry
         AND (own.ended_at IS NULL OR t.ended_at > own.ended_at) AND ST_Intersects(t.geom, g.geometry)
     ) other ON true
     ORDER BY g.code`,
    params,
  );
  return r.rows.map((row) => ({
    ...row,
    streetLengthM: round(row.streetLengthM, 1),
    coveredLengthM: round(Math.min(row.coveredLengthM, row.streetLengthM), 1),
    coveredShare: row.streetLengthM > 0 ? round(Math.min(1, row.coveredLengthM / row.streetLengthM), 4) : 0,
    patrolMinutes: round(row.patrolMinutes, 1),
  }));
}

/** The whole Asia/Shanghai days `[d0, d1)` (`YYYY-MM-DD`) inside a period, or null. */
export function wholeDaysOf(period: Period): [string, string] | null {
  const pieces = splitPeriod(new Date(period.from).toISOString(), new Date(period.to).toISOString(), false);
  const whole = pieces.find((piece) => piece.source === 'day');
  return whole ? [whole.from!, whole.to!] : null;
}

const round = (n: number, digits: number): number => Math.round(n * 10 ** digits) / 10 ** digits;
