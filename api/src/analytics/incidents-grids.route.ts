/**
 * `GET /api/analytics/incidents/grids`: incidents counted per grid for a choropleth. Each
 * incident counts in the grid of the plan in force when it happened (kept on the incident by
 * migration 0015), so a grid superseded mid-period keeps what happened while it stood. Rows:
 * every grid in force now in the region (count 0 included) and every older grid that counted
 * any; households of the buildings each grid holds (the largest share of a footprint:
 * placementSql, core's rule) — a grid in force as the grids layer counts it, an older one
 * among the grids of the plan it last stood in.
 */
import { createRoute, type z } from '@hono/zod-openapi';
import { requirePermission } from '../auth/require-permission.js';
import { insideJurisdiction } from '../auth/jurisdiction.js';
import { createRouter } from '../http/router.js';
import { errorResponse } from '../http/error-response.js';
import { periodSelects } from './incident-aggregates.js';
import { IncidentFilterQuery, incidentCacheScope, resolveIncidentFilter, type IncidentFilter } from './incidents-filter.js';
import { memoAtVersion, serveCachedJson } from './response-cache.js';
import type { Db } from '../db/db.types.js';
import { placementSql } from '../plans/unit-placement.sql.js';
import { IncidentGridCountsSchema } from './analytics.schemas.js';

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
      200: { description: 'counts per grid', content: { 'application/json': { schema: IncidentGridCountsSchema } } },
      400: errorResponse('a malformed filter'),
      403: errorResponse('the region is outside your jurisdiction'),
      404: errorResponse('no such region'),
    },
  }),
  async (c) => {
    const f = await resolveIncidentFilter(c, c.req.valid('query'));
    // A JSON body through the cache: typed by IncidentGridCountsSchema in gridCounts().
    return (await serveCachedJson(c, incidentCacheScope(f), ['incident-grids', f], () => incidentGridCounts(c.var.db, f))) as never;
  },
);

/** Incident counts per grid for the filter, with each grid's households (also the reports' choropleth maps). */
export async function incidentGridCounts(db: Db, f: IncidentFilter): Promise<z.infer<typeof IncidentGridCountsSchema>> {
  // Whole days (and months) from the pre-aggregates of migration 0016, partial days raw.
  const params: unknown[] = [];
  const selects = periodSelects(f, params, { day: 'incident_daily_grid', month: 'incident_monthly_grid' }, (a) => `${a}.grid_code AS grid`);
  const counts = await db.query<{ grid: string | null; n: number }>(
    `SELECT grid, sum(n) AS n FROM (${selects.join(' UNION ALL ')}) q GROUP BY 1 HAVING sum(n) > 0`,
    params,
  );
  const current = await db.query<{ code: string }>(
    `SELECT g.code FROM current_grids g
     WHERE g.district_code = $1 AND g.community_code LIKE $2 || '%' AND ${insideJurisdiction('g.community_code', '$3')}`,
    [f.region.districtCode, f.region.code, f.jurisdictions],
  );
  const approved = await memoAtVersion(db, `approved-grids:${f.region.districtCode}`, f.region.analyticsVersion, () =>
    approvedGrids(db, f.region.districtCode),
  );
  const byGrid = new Map(counts.rows.map((r) => [r.grid, Number(r.n)]));
  const total = counts.rows.reduce((s, r) => s + Number(r.n), 0);
  // The grids in force in the region, and every older grid that counted any (the counts are already limited to the region).
  const codes = [...new Set([...current.rows.map((r) => r.code), ...counts.rows.flatMap((r) => (r.grid === null ? [] : [r.grid]))])].sort();
  const rows = codes.flatMap((code) => {
    const g = approved.get(code);
    if (!g) return [];
    const count = byGrid.get(code) ?? 0;
    return [
      {
        code,
        name: g.name,
        communityCode: g.communityCode,
        count,
        households: g.households,
        perThousandHouseholds: g.households > 0 ? Math.round((count * 100_000) / g.households) / 100 : null,
      },
    ];
  });
  return { rows, total, outside: byGrid.get(null) ?? 0 };
}

/**
 * Every grid code ever approved in the district, as its latest approved version: name,
 * community and households. A building counts in the grid holding the largest share of its
 * footprint among the grids of that version's plan (a retired grid's plan still holds the
 * grids beside it as they stood then), so a grid in force counts as the grids layer counts it.
 */
async function approvedGrids(db: Db, districtCode: string): Promise<Map<string, Omit<Row, 'code' | 'count'>>> {
  const r = await db.query<Omit<Row, 'count'>>(
    `WITH latest AS MATERIALIZED (
       SELECT DISTINCT ON (g.code) g.plan_id, g.code, g.name, g.community_code
       FROM grids g JOIN plans p ON p.district_code = g.district_code AND p.id = g.plan_id
       WHERE g.district_code = $1 AND p.approved_at IS NOT NULL
       ORDER BY g.code, p.approved_at DESC, p.id DESC
     ), held AS (
       SELECT p.plan_id, p.grid_code, sum(b.households) AS households
       FROM ${placementSql({ grids: 'grids', gridsWhere: 'g.district_code = $1 AND g.plan_id IN (SELECT plan_id FROM latest)', buildingsWhere: 'b.district_code = $1', perPlan: true })} p
       JOIN buildings b ON b.district_code = $1 AND b.id = p.building_id
       GROUP BY p.plan_id, p.grid_code
     )
     SELECT l.code, l.name, l.community_code AS "communityCode", coalesce(h.households, 0) AS households
     FROM latest l LEFT JOIN held h ON h.plan_id = l.plan_id AND h.grid_code = l.code`,
    [districtCode],
  );
  return new Map(r.rows.map((g) => [g.code, { name: g.name, communityCode: g.communityCode, households: Number(g.households) }]));
}
