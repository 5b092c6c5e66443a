/**
 * `GET /api/analytics/incidents/grids`: incidents counted per grid for a choropleth. Each
 * incident counts in the grid of the plan in force when it happened (kept on the incident by
 * migration 0015), so a grid superseded mid-period keeps what happened while it stood. Rows:
 * every grid in force now in the region (count 0 included) and every older grid that counted
 * any; households from the buildings whose point on surface lies in the grid.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { requirePermission } from '../auth/require-permission.js';
import { insideJurisdiction } from '../auth/jurisdiction.js';
import { createRouter } from '../http/router.js';
import { errorResponse } from '../plans/plan-schemas.js';
import { periodSelects } from './incident-aggregates.js';
import { IncidentFilterQuery, resolveIncidentFilter } from './incidents-filter.js';

const GridCountsSchema = z
  .object({
    rows: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        communityCode: z.string(),
        count: z.number(),
        households: z.number(),
        perThousandHouseholds: z.number().nullable().openapi({ description: 'incidents per 1,000 households; null for a grid without households' }),
      }),
    ),
    total: z.number().openapi({ description: 'incidents matching the filters' }),
    outside: z.number().openapi({ description: 'of them, incidents in no grid of the plan in force' }),
  })
  .openapi('IncidentGridCounts');

interface Row {
  code: string;
  name: string;
  communityCode: string;
  count: number;
  households: number;
}

export const incidentsGridsRoute = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/incidents/grids',
    tags: ['analytics'],
    summary: 'Incidents per grid (the grid in force when each happened), with households (incidents.read)',
    middleware: [requirePermission('incidents.read')],
    request: { query: IncidentFilterQuery },
    responses: {
      200: { description: 'counts per grid', content: { 'application/json': { schema: GridCountsSchema } } },
      400: errorResponse('a malformed filter'),
      403: errorResponse('the region is outside your jurisdiction'),
      404: errorResponse('no such region'),
    },
  }),
  async (c) => {
    const f = await resolveIncidentFilter(c, c.req.valid('query'));
    const db = c.var.db;
    // Whole days (and months) from the pre-aggregates of migration 0016, partial days raw.
    const params: unknown[] = [];
    const selects = periodSelects(f, params, { day: 'incident_daily_grid', month: 'incident_monthly_grid' }, (a) => `${a}.grid_code AS grid`);
    const counts = await db.query<{ grid: string | null; n: number }>(`SELECT grid, sum(n) AS n FROM (${selects.join(' UNION ALL ')}) q GROUP BY 1 HAVING sum(n) > 0`, params);
    const counted = counts.rows.flatMap((r) => (r.grid === null ? [] : [r.grid]));
    const grids = await db.query<Row>(
      `WITH codes AS (
         SELECT g.code FROM current_grids g
         WHERE g.district_code = $1 AND g.community_code LIKE $2 || '%' AND ${insideJurisdiction('g.community_code', '$3')}
         UNION SELECT unnest($4::text[])
       ), latest AS (
         SELECT DISTINCT ON (g.code) g.district_code, g.code, g.name, g.community_code, g.geometry
         FROM grids g JOIN plans p ON p.district_code = g.district_code AND p.id = g.plan_id
         WHERE g.district_code = $1 AND p.approved_at IS NOT NULL AND g.code IN (SELECT code FROM codes)
         ORDER BY g.code, p.approved_at DESC, p.id DESC
       )
       SELECT l.code, l.name, l.community_code AS "communityCode", 0 AS count,
         (SELECT coalesce(sum(b.households), 0) FROM buildings b
          WHERE b.district_code = l.district_code AND ST_Contains(l.geometry, ST_PointOnSurface(b.footprint))) AS households
       FROM latest l ORDER BY l.code`,
      [f.region.districtCode, f.region.code, f.jurisdictions, counted],
    );
    const byGrid = new Map(counts.rows.map((r) => [r.grid, Number(r.n)]));
    const total = counts.rows.reduce((s, r) => s + Number(r.n), 0);
    const rows = grids.rows.map((g) => {
      const count = byGrid.get(g.code) ?? 0;
      const households = Number(g.households);
      return { ...g, count, households, perThousandHouseholds: households > 0 ? Math.round((count * 100_000) / households) / 100 : null };
    });
    return c.json({ rows, total, outside: byGrid.get(null) ?? 0 }, 200);
  },
);
