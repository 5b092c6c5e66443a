/**
 * `GET /api/analytics/patrols/dead-corners?days=N&region=` ("no dead corners"): street
 * segments of at most 100 m (streets cut in equal parts, each drawn over its 5 m stretches
 * inside the caller's communities) with no patrol track within 30 m of any of their 5 m stretches (judged at
 * each stretch's midpoint) in the N days (Asia/Shanghai) up to and including the district's
 * reference date — not the wall clock, so demo data works. `lastPatrolled` is the last day
 * before then that a track came within 30 m, looking back 2N days (at least 30), or null.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { currentUser, insideJurisdiction, resolveRegionFor } from '../auth/jurisdiction.js';
import { requirePermission } from '../auth/require-permission.js';
import { createRouter } from '../http/router.js';
import { RegionQuerySchema } from '../layers/layer-schemas.js';
import { errorResponse } from '../http/error-response.js';
import { DAY_MS, referenceDay, shanghaiDate } from './patrols-period.js';
import { DeadCornersSchema } from './analytics.schemas.js';

/** Longest segment a street is cut into, metres. */
export const SEGMENT_M = 100;
/** How far back `lastPatrolled` looks: this many times N days, and at least MIN_LOOKBACK_DAYS. */
export const LOOKBACK_FACTOR = 2;
export const MIN_LOOKBACK_DAYS = 30;

const Query = RegionQuerySchema.extend({
  days: z.coerce.number().int().min(1).max(3650).default(30).openapi({ description: 'N: not patrolled in the last N days (default 30)' }),
  limit: z.coerce.number().int().min(1).max(50_000).default(10_000).openapi({ description: 'most segments returned, longest-unpatrolled first' }),
});

interface SegmentRow {
  streetId: number;
  name: string;
  class: string;
  lengthM: number;
  last: string | null;
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
    // lastPatrolled looks back LOOKBACK_FACTOR × N days (at least MIN_LOOKBACK_DAYS).
    const lookbackFrom = dayEnd - Math.max(LOOKBACK_FACTOR * days, MIN_LOOKBACK_DAYS) * DAY_MS;
    await db.query(`SELECT patrol_days_ensure($1::char(6), $2::date, $3::date)`, [region.districtCode, shanghaiDate(lookbackFrom), shanghaiDate(dayEnd)]);
    // Each street is cut in equal parts of at most SEGMENT_M; a part's 5 m stretches
    // (migration 0017, by their midpoints) say on which days it was patrolled.
    const r = await db.query<SegmentRow>(
      `WITH area AS (
         SELECT ST_Union(boundary) AS geom FROM regions
         WHERE district_code = $1 AND level = 'community' AND code LIKE $2 || '%' AND ${insideJurisdiction('code', '$3')}
       ),
       street AS MATERIALIZED (
         SELECT s.id, s.name, s.class, s.geom, greatest(1, ceil(ST_Length(s.geom::geography) / ${SEGMENT_M}))::int AS parts
         FROM streets s, area WHERE s.district_code = $1 AND s.geom && area.geom
       ),
       -- The stretches inside the area, found once (then joined to their streets by id).
       inside AS MATERIALIZED (
         SELECT st.id, st.street_id, st.seq, st.n FROM street_stretches st, area
         WHERE st.district_code = $1 AND ST_Intersects(st.mid, area.geom)
       ),
       part AS (
         SELECT st.street_id, floor((st.seq + 0.5) * street.parts / st.n)::int AS i, min(st.seq) AS first, max(st.seq) AS last_seq, min(st.n) AS n,
           max((SELECT max(d.day) FROM stretch_patrol_days d WHERE d.district_code = $1 AND d.stretch_id = st.id AND d.day < $5::date AND d.day >= $7::date)) AS last
         FROM inside st JOIN street ON street.id = st.street_id
         GROUP BY st.street_id, i
       ),
       -- Each part drawn over its stretches inside the area (no overlay: the embedded
       -- database's GEOS drops rows when one fails).
       dead AS (
         SELECT street.id, street.name, street.class, part.i, part.last,
           ST_LineSubstring(street.geom,
             greatest(part.i::float8 / street.parts, part.first::float8 / part.n),
             least((part.i + 1)::float8 / street.parts, (part.last_seq + 1)::float8 / part.n)) AS shown
         FROM part JOIN street ON street.id = part.street_id
         WHERE part.last IS NULL OR part.last < $4::date
       )
       SELECT id AS "streetId", name, class, ST_Length(shown::geography)::float8 AS "lengthM", ST_AsGeoJSON(shown, 6)::json AS geometry,
         to_char(last, 'YYYY-MM-DD') AS last
       FROM dead
       ORDER BY last NULLS FIRST, id, i
       LIMIT $6`,
      [region.districtCode, region.code, currentUser(c).jurisdictions, shanghaiDate(since), shanghaiDate(dayEnd), limit + 1, shanghaiDate(lookbackFrom)],
    );
    const rows = r.rows.slice(0, limit);
    return c.json(
      {
        type: 'FeatureCollection' as const,
        asOf: shanghaiDate(dayEnd - DAY_MS),
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
            lastPatrolled: row.last,
          },
        })),
      },
      200,
    );
  },
);
