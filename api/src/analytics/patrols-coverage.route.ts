/**
 * `GET /api/analytics/patrols/coverage?from&to&region=`: per grid in force, the grid's street
 * length (metres, streets clipped to the grid), the share of it within 30 m of a patrol track
 * recorded in the period (tracks cut to the period by their M = epoch seconds; distances in
 * true metres on the geography, judged every SAMPLE_M metres), days since the last patrol that touched
 * the grid (as of the period's end) and the minutes patrolled for the grid in the period
 * (tracks recorded for that grid, clipped to the period).
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Db } from '../db/db.types.js';
import { currentUser, insideJurisdiction, resolveRegionFor } from '../auth/jurisdiction.js';
import { requirePermission } from '../auth/require-permission.js';
import { createRouter } from '../http/router.js';
import { RegionQuerySchema } from '../layers/layer-schemas.js';
import { errorResponse } from '../plans/plan-schemas.js';
import { PeriodQuerySchema, resolvePeriod, type Period } from './patrols-period.js';

/** Metres around a track that count as patrolled. */
export const PATROL_REACH_M = 30;
/**
 * Streets are judged in stretches of at most this many metres, each by its midpoint: a
 * covered stretch's ends are exact to half of it. (Buffering and unioning a grid's month of
 * tracks instead took ~11 s per grid at Lianhu scale; sampling takes ~0.2 ms per stretch.)
 */
export const SAMPLE_M = 5;

const CoverageRow = z.object({
  code: z.string(),
  name: z.string(),
  communityCode: z.string(),
  streetLengthM: z.number().openapi({ description: 'metres of street inside the grid' }),
  coveredLengthM: z.number().openapi({ description: 'metres of it within 30 m of a track of the period' }),
  coveredShare: z.number().openapi({ description: '0–1; 0 for a grid without streets' }),
  daysSinceLastPatrol: z.number().nullable().openapi({ description: 'whole days from the last track touching the grid to the end of the period; null: never' }),
  patrolMinutes: z.number(),
});

const CoverageSchema = z
  .object({ from: z.string(), to: z.string(), reachM: z.number(), rows: z.array(CoverageRow) })
  .openapi('PatrolCoverage');

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
  const r = await db.query<Omit<CoverageRowValue, 'coveredShare'>>(
    `WITH g AS (
       SELECT code, name, community_code, geometry FROM current_grids
       WHERE district_code = $1 AND community_code LIKE $2 || '%' AND ${insideJurisdiction('community_code', '$3')}
     ),
     piece AS (
       SELECT g.code, (ST_Dump(ST_CollectionExtract(ST_Intersection(s.geom, g.geometry), 2))).geom AS geom
       FROM g JOIN streets s ON s.district_code = $1 AND ST_Intersects(s.geom, g.geometry)
     ),
     sized AS (
       SELECT code, geom, ST_Length(geom::geography) AS len, greatest(1, ceil(ST_Length(geom::geography) / ${SAMPLE_M}))::int AS n FROM piece
     ),
     -- Each piece cut in n equal stretches of at most SAMPLE_M metres, judged at its midpoint.
     sample AS (
       SELECT code, len / n AS w, ST_LineInterpolatePoint(geom, (i + 0.5) / n) AS p FROM sized, generate_series(0, n - 1) AS i
     ),
     len AS (
       SELECT code, sum(w) AS street, coalesce(sum(w) FILTER (WHERE EXISTS (
         SELECT 1 FROM patrol_tracks t
         WHERE t.district_code = $1 AND t.started_at < to_timestamp($5::float8) AND t.ended_at >= to_timestamp($4::float8)
           -- 0.0004°/cos(lat) ≥ 30 m in any direction: a cheap planar prefilter that uses the index.
           AND ST_DWithin(t.geom, sample.p, 0.0004 / greatest(cos(radians(ST_Y(sample.p))), 0.05))
           -- The fixes of the period only (M = epoch seconds), on the sphere (≤ 0.5 % off the spheroid).
           AND ST_DWithin(ST_LocateBetween(t.geom, $4::float8, $5::float8 - 1e-6)::geography, sample.p::geography, ${PATROL_REACH_M}, false)
       )), 0) AS covered
       FROM sample GROUP BY code
     )
     SELECT g.code, g.name, g.community_code AS "communityCode",
       coalesce(len.street, 0)::float8 AS "streetLengthM", coalesce(len.covered, 0)::float8 AS "coveredLengthM",
       (SELECT floor(extract(epoch FROM to_timestamp($5::float8) - least(t.ended_at, to_timestamp($5::float8))) / 86400)::float8
          FROM patrol_tracks t WHERE t.district_code = $1 AND t.started_at < to_timestamp($5::float8) AND ST_Intersects(t.geom, g.geometry)
          ORDER BY t.ended_at DESC LIMIT 1) AS "daysSinceLastPatrol",
       (SELECT coalesce(sum(extract(epoch FROM least(t.ended_at, to_timestamp($5::float8)) - greatest(t.started_at, to_timestamp($4::float8)))), 0)::float8 / 60
          FROM patrol_tracks t WHERE t.district_code = $1 AND t.grid_code = g.code
            AND t.started_at < to_timestamp($5::float8) AND t.ended_at >= to_timestamp($4::float8)) AS "patrolMinutes"
     FROM g LEFT JOIN len USING (code)
     ORDER BY g.code`,
    [districtCode, regionCode, jurisdictions, period.from / 1000, period.to / 1000],
  );
  return r.rows.map((row) => ({
    ...row,
    streetLengthM: round(row.streetLengthM, 1),
    coveredLengthM: round(Math.min(row.coveredLengthM, row.streetLengthM), 1),
    coveredShare: row.streetLengthM > 0 ? round(Math.min(1, row.coveredLengthM / row.streetLengthM), 4) : 0,
    patrolMinutes: round(row.patrolMinutes, 1),
  }));
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
      200: { description: 'one row per grid', content: { 'application/json': { schema: CoverageSchema } } },
      400: errorResponse('a malformed date or `to` not after `from`'),
      403: errorResponse('the region is outside your jurisdiction'),
    },
  }),
  async (c) => {
    const query = c.req.valid('query');
    const region = await resolveRegionFor(c, query.region);
    const period = await resolvePeriod(c.var.db, region.districtCode, query);
    const rows = await patrolCoverage(c.var.db, region.districtCode, region.code, currentUser(c).jurisdictions, period);
    return c.json({ from: new Date(period.from).toISOString(), to: new Date(period.to).toISOString(), reachM: PATROL_REACH_M, rows }, 200);
  },
);
