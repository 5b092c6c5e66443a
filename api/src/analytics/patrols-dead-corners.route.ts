/**
 * `GET /api/analytics/patrols/dead-corners?days=N&region=` ("no dead corners"): street
 * segments of at most 100 m (streets clipped to the caller's communities, then cut in equal
 * parts) with no patrol track within 30 m in the N days up to and including the district's
 * reference date — not the wall clock, so demo data works. `lastPatrolled` is the end of the
 * latest track that came within 30 m before then, or null.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { currentUser, insideJurisdiction, resolveRegionFor } from '../auth/jurisdiction.js';
import { requirePermission } from '../auth/require-permission.js';
import { createRouter } from '../http/router.js';
import { RegionQuerySchema } from '../layers/layer-schemas.js';
import { errorResponse } from '../plans/plan-schemas.js';
import { PATROL_REACH_M } from './patrols-coverage.route.js';
import { DAY_MS, referenceDay } from './patrols-period.js';

/** Longest segment a street is cut into, metres. */
export const SEGMENT_M = 100;

const Query = RegionQuerySchema.extend({
  days: z.coerce.number().int().min(1).max(3650).default(30).openapi({ description: 'N: not patrolled in the last N days (default 30)' }),
  limit: z.coerce.number().int().min(1).max(50_000).default(10_000).openapi({ description: 'most segments returned, longest-unpatrolled first' }),
});

const SegmentFeature = z.object({
  type: z.literal('Feature'),
  id: z.number(),
  geometry: z.object({ type: z.string(), coordinates: z.array(z.unknown()) }).openapi({ description: 'GeoJSON LineString, [lng, lat] WGS84' }),
  properties: z.object({
    streetId: z.number(),
    name: z.string(),
    class: z.string(),
    lengthM: z.number(),
    lastPatrolled: z.string().nullable(),
  }),
});

const DeadCornersSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    asOf: z.string().openapi({ description: 'the reference date the N days end on (inclusive)' }),
    days: z.number(),
    truncated: z.boolean(),
    features: z.array(SegmentFeature),
  })
  .openapi('PatrolDeadCorners');

interface SegmentRow {
  streetId: number;
  name: string;
  class: string;
  lengthM: number;
  last: Date | null;
  geometry: { type: string; coordinates: unknown[] };
}

export const patrolsDeadCornersRoute = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/patrols/dead-corners',
    tags: ['analytics'],
    summary: 'Street segments (≤ 100 m) with no patrol track within 30 m in the last N days (patrols.read)',
    middleware: [requirePermission('patrols.read')],
    request: { query: Query },
    responses: {
      200: { description: 'the unpatrolled segments', content: { 'application/json': { schema: DeadCornersSchema } } },
      403: errorResponse('the region is outside your jurisdiction'),
    },
  }),
  async (c) => {
    const { region: code, days, limit } = c.req.valid('query');
    const region = await resolveRegionFor(c, code);
    const db = c.var.db;
    const dayEnd = (await referenceDay(db, region.districtCode)) + DAY_MS;
    const since = dayEnd - days * DAY_MS;
    const r = await db.query<SegmentRow>(
      `WITH area AS (
         SELECT ST_Union(boundary) AS geom FROM regions
         WHERE district_code = $1 AND level = 'community' AND code LIKE $2 || '%' AND ${insideJurisdiction('code', '$3')}
       ),
       piece AS (
         SELECT s.id, s.name, s.class, (ST_Dump(ST_CollectionExtract(ST_Intersection(s.geom, area.geom), 2))).geom AS geom
         FROM streets s, area WHERE s.district_code = $1 AND ST_Intersects(s.geom, area.geom)
       ),
       sized AS (SELECT *, greatest(1, ceil(ST_Length(geom::geography) / ${SEGMENT_M}))::int AS n FROM piece),
       seg AS (
         SELECT id, name, class, i, ST_LineSubstring(geom, i::float8 / n, (i + 1)::float8 / n) AS geom
         FROM sized, generate_series(0, n - 1) AS i
       ),
       -- 0.0003° ≈ 33 m of latitude; divided by cos(lat) for longitude: a bbox prefilter for the index.
       near AS (SELECT seg.*, ST_Expand(geom, 0.0003 / greatest(cos(radians(ST_Y(ST_StartPoint(geom)))), 0.05)) AS box FROM seg),
       dead AS (
         SELECT * FROM near WHERE NOT EXISTS (
           SELECT 1 FROM patrol_tracks t
           WHERE t.district_code = $1 AND t.started_at < to_timestamp($5::float8) AND t.ended_at >= to_timestamp($4::float8)
             AND t.geom && near.box AND ST_DWithin(t.geom::geography, near.geom::geography, ${PATROL_REACH_M}))
       )
       SELECT id AS "streetId", name, class, ST_Length(geom::geography)::float8 AS "lengthM", ST_AsGeoJSON(geom, 6)::json AS geometry,
         (SELECT max(t.ended_at) FROM patrol_tracks t
           WHERE t.district_code = $1 AND t.started_at < to_timestamp($5::float8)
             AND t.geom && dead.box AND ST_DWithin(t.geom::geography, dead.geom::geography, ${PATROL_REACH_M})) AS last
       FROM dead
       ORDER BY last NULLS FIRST, id, i
       LIMIT $6`,
      [region.districtCode, region.code, currentUser(c).jurisdictions, since / 1000, dayEnd / 1000, limit + 1],
    );
    const rows = r.rows.slice(0, limit);
    return c.json(
      {
        type: 'FeatureCollection' as const,
        asOf: new Date(dayEnd - DAY_MS).toISOString().slice(0, 10),
        days,
        truncated: r.rows.length > limit,
        features: rows.map((row, i) => ({
          type: 'Feature' as const,
          id: i + 1,
          geometry: row.geometry,
          properties: {
            streetId: Number(row.streetId),
            name: row.name,
            class: row.class,
            lengthM: Math.round(row.lengthM * 10) / 10,
            lastPatrolled: row.last ? new Date(row.last).toISOString() : null,
          },
        })),
      },
      200,
    );
  },
);
