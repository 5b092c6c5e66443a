/**
 * `GET /api/analytics/patrols/coverage?from&to&region=`: per grid in force, the grid's street
 * length (metres: the 5 m stretches whose midpoint the grid holds), the share of it within 30 m of a patrol track
 * recorded in the period (tracks cut to the period by their M = epoch seconds; distances in
 * true metres — on the sphere for a period's partial days, on a local plane that agrees with
 * it for the kept days of migration 0020 — judged every SAMPLE_M metres), days since the last patrol that touched
 * the grid (as of the period's end) and the minutes patrolled for the grid in the period
 * (tracks recorded for that grid, clipped to the period).
 */
import { createRoute } from '@hono/zod-openapi';
import type { Db } from '../db/db.types.js';
import { currentUser, insideJurisdiction, resolveRegionFor } from '../auth/jurisdiction.js';
import { requirePermission } from '../auth/require-permission.js';
import { createRouter } from '../http/router.js';
import { RegionQuerySchema } from '../layers/layer-schemas.js';
import { errorResponse } from '../plans/plan-schemas.js';
import { splitPeriod } from './incident-aggregates.js';
import { PeriodQuerySchema, resolvePeriod, type Period } from './patrols-period.js';
import { createJob } from '../jobs/job.store.js';
import { JobAcceptedSchema } from '../jobs/jobs.schemas.js';
import { missingPatrolDays, PATROL_COVERAGE_JOB, type PatrolCoverageJobParams } from './patrol-coverage-job.js';
import { PatrolCoverageSchema } from './analytics.schemas.js';

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
export async function patrolCoverage(db: Db, districtCode: string, regionCode: string, jurisdictions: readonly string[], period: Period): Promise<CoverageRowValue[]> {
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

export const patrolsCoverageRoute = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/patrols/coverage',
    tags: ['analytics'],
    summary: 'Patrol coverage per grid in force: street length within 30 m of a track, days since the last patrol, minutes (patrols.read)',
    middleware: [requirePermission('patrols.read')],
    request: { query: RegionQuerySchema.extend(PeriodQuerySchema.shape) },
    responses: {
      200: { description: 'one row per grid', content: { 'application/json': { schema: PatrolCoverageSchema } } },
      202: {
        description:
          'days of the period are not worked out yet and would take too long inside a request: a job (GET its href for progress; its result is the 200 body)',
        content: { 'application/json': { schema: JobAcceptedSchema } },
      },
      400: errorResponse('a malformed date or `to` not after `from`'),
      403: errorResponse('the region is outside your jurisdiction'),
    },
  }),
  async (c) => {
    const query = c.req.valid('query');
    const region = await resolveRegionFor(c, query.region);
    const period = await resolvePeriod(c.var.db, region.districtCode, query);
    const user = currentUser(c);
    const days = wholeDaysOf(period);
    if (days) {
      // Days not worked out yet: a few tracks are tested at once; more go to a job (see patrol-coverage-job.ts).
      const missing = await missingPatrolDays(c.var.db, region.districtCode, days[0], days[1]);
      if (missing.reduce((n, m) => n + m.tracks, 0) > c.var.inlinePatrolTracks) {
        const params: PatrolCoverageJobParams = { districtCode: region.districtCode, regionCode: region.code, jurisdictions: [...user.jurisdictions], from: period.from, to: period.to, days };
        const job = await createJob(c.var.db, { kind: PATROL_COVERAGE_JOB, districtCode: region.districtCode, params: { ...params }, createdBy: user.username });
        c.var.jobs.wake();
        c.header('Location', `/api/jobs/${job.id}`);
        return c.json({ job, href: `/api/jobs/${job.id}` }, 202);
      }
    }
    const rows = await patrolCoverage(c.var.db, region.districtCode, region.code, user.jurisdictions, period);
    return c.json({ from: new Date(period.from).toISOString(), to: new Date(period.to).toISOString(), reachM: PATROL_REACH_M, rows }, 200);
  },
);
