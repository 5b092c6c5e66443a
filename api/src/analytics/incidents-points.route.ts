/**
 * `GET /api/analytics/incidents/points?bbox=w,s,e,n&limit=N`: the incidents in a viewport as
 * flat arrays a browser turns straight into typed arrays for deck.gl's binary attributes
 * (`new Float64Array(positions)` → `getPosition`, `Uint16Array(categories)`, `Uint32Array(times)`).
 * The newest `limit` first; `truncated` says more matched.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { requirePermission } from '../auth/require-permission.js';
import { createRouter } from '../http/router.js';
import { errorResponse } from '../http/error-response.js';
import { IncidentFilterQuery, incidentConditions, resolveIncidentFilter } from './incidents-filter.js';
import { bboxSchema } from './viewport-query.js';
import { IncidentPointsSchema } from './analytics.schemas.js';

export const MAX_POINTS = 200_000;
const DEFAULT_POINTS = 50_000;

export const incidentsPointsRoute = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/incidents/points',
    tags: ['analytics'],
    summary: 'Incidents in the viewport as flat arrays for deck.gl binary attributes (incidents.read)',
    middleware: [requirePermission('incidents.read')],
    request: {
      query: IncidentFilterQuery.extend({
        bbox: bboxSchema,
        limit: z
          .string()
          .regex(/^\d{1,7}$/, { error: `expected a whole number from 1 to ${MAX_POINTS}` })
          .transform(Number)
          .refine((n) => n >= 1 && n <= MAX_POINTS, { error: `expected a whole number from 1 to ${MAX_POINTS}` })
          .optional()
          .openapi({
            type: 'string',
            description: `most points returned, newest first (default ${DEFAULT_POINTS}, at most ${MAX_POINTS})`,
          }),
      }),
    },
    responses: {
      200: { description: 'points as flat arrays', content: { 'application/json': { schema: IncidentPointsSchema } } },
      400: errorResponse('a malformed bbox, limit or filter'),
      403: errorResponse('the region is outside your jurisdiction'),
      404: errorResponse('no such region'),
    },
  }),
  async (c) => {
    const query = c.req.valid('query');
    const f = await resolveIncidentFilter(c, query);
    const limit = query.limit ?? DEFAULT_POINTS;
    const params: unknown[] = [...query.bbox, limit + 1];
    const where = incidentConditions(f, params);
    const r = await c.var.db.query<{ x: number; y: number; category: string; t: number }>(
      `SELECT round(ST_X(i.location)::numeric, 6)::float8 AS x, round(ST_Y(i.location)::numeric, 6)::float8 AS y,
         i.category, extract(epoch FROM i.reported_at)::bigint AS t
       FROM incidents i
       WHERE ${where} AND i.location && ST_MakeEnvelope($1::float8, $2::float8, $3::float8, $4::float8, 4326)
         AND ST_Intersects(i.location, ST_MakeEnvelope($1::float8, $2::float8, $3::float8, $4::float8, 4326))
       ORDER BY i.reported_at DESC, i.id DESC LIMIT $5`,
      params,
    );
    const rows = r.rows.slice(0, limit);
    const categoryKeys: string[] = [];
    const keyIndex = new Map<string, number>();
    const positions = new Array<number>(rows.length * 2);
    const categories = new Array<number>(rows.length);
    const times = new Array<number>(rows.length);
    rows.forEach((row, k) => {
      let index = keyIndex.get(row.category);
      if (index === undefined) {
        index = categoryKeys.push(row.category) - 1;
        keyIndex.set(row.category, index);
      }
      positions[2 * k] = row.x;
      positions[2 * k + 1] = row.y;
      categories[k] = index;
      times[k] = Number(row.t);
    });
    return c.json({ count: rows.length, truncated: r.rows.length > limit, positions, categories, times, categoryKeys }, 200);
  },
);
