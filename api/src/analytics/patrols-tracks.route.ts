/**
 * `GET /api/analytics/patrols/tracks?date=YYYY-MM-DD[&staff=ID][&region=]`: the patrol tracks
 * that started on a day (Asia/Shanghai), per worker, simplified for display (ST_Simplify, which keeps
 * M, at ≈ 2 m) and shaped for deck.gl's TripsLayer: `path` `[lng, lat]` degrees WGS84 and
 * `timestamps` epoch seconds from each fix's M. Only tracks of grids inside the caller's
 * jurisdiction.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { currentUser, insideJurisdiction, resolveRegionFor } from '../auth/jurisdiction.js';
import { requirePermission } from '../auth/require-permission.js';
import { createRouter } from '../http/router.js';
import { RegionQuerySchema } from '../layers/layer-schemas.js';
import { errorResponse } from '../http/error-response.js';
import { isoDateSchema, shanghaiMidnight } from './patrols-period.js';
import { PatrolTracksSchema } from './analytics.schemas.js';

/** ≈ 2 m in degrees of latitude (longitude degrees are shorter, so never more than 2 m). */
export const TRACK_SIMPLIFY_DEG = 2 / 111_320;

const Query = RegionQuerySchema.extend({
  date: isoDateSchema.openapi({ description: 'the day (Asia/Shanghai) the tracks started on' }),
  staff: z
    .string()
    .regex(/^[1-9]\d{0,15}$/, { error: 'expected a staff id (a positive whole number)' })
    .optional()
    .openapi({ description: 'one worker only' }),
});

interface TrackRow {
  id: number;
  staffId: number;
  gridCode: string;
  startedAt: Date;
  endedAt: Date;
  xs: number[];
  ys: number[];
  ms: number[];
}

const r6 = (n: number): number => Math.round(n * 1e6) / 1e6;

export const patrolsTracksRoute = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/patrols/tracks',
    tags: ['analytics'],
    summary: 'Patrol tracks of a day per worker, simplified (≈ 2 m), with timestamps for TripsLayer (patrols.read)',
    middleware: [requirePermission('patrols.read')],
    request: { query: Query },
    responses: {
      200: { description: 'the tracks', content: { 'application/json': { schema: PatrolTracksSchema } } },
      400: errorResponse('a malformed date or staff id'),
      403: errorResponse('the region is outside your jurisdiction'),
    },
  }),
  async (c) => {
    const { region: code, date, staff } = c.req.valid('query');
    const region = await resolveRegionFor(c, code);
    const dayStart = shanghaiMidnight(date) / 1000;
    const r = await c.var.db.query<TrackRow>(
      `SELECT t.id, t.staff_id AS "staffId", t.grid_code AS "gridCode", t.started_at AS "startedAt", t.ended_at AS "endedAt",
         json_agg(ST_X(d.geom) ORDER BY d.path) AS xs, json_agg(ST_Y(d.geom) ORDER BY d.path) AS ys, json_agg(ST_M(d.geom) ORDER BY d.path) AS ms
       FROM patrol_tracks t
       CROSS JOIN LATERAL ST_DumpPoints(ST_Simplify(t.geom, ${TRACK_SIMPLIFY_DEG}, true)) d
       WHERE t.district_code = $1 AND t.grid_code LIKE $2 || '%' AND ${insideJurisdiction('t.grid_code', '$3')}
         AND t.started_at >= to_timestamp($4::float8) AND t.started_at < to_timestamp($4::float8 + 86400)
         AND ($5::bigint IS NULL OR t.staff_id = $5::bigint)
       GROUP BY t.id, t.staff_id, t.grid_code, t.started_at, t.ended_at
       ORDER BY t.staff_id, t.started_at, t.id`,
      [region.districtCode, region.code, currentUser(c).jurisdictions, dayStart, staff ?? null],
    );
    const tracks = r.rows.map((t) => ({
      id: Number(t.id),
      staffId: Number(t.staffId),
      gridCode: t.gridCode,
      startedAt: new Date(t.startedAt).toISOString(),
      endedAt: new Date(t.endedAt).toISOString(),
      path: t.xs.map((x, i): [number, number] => [r6(x), r6(t.ys[i]!)]),
      timestamps: t.ms,
    }));
    return c.json({ date, tracks }, 200);
  },
);
