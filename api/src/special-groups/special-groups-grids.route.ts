/**
 * `GET /api/analytics/special-groups/grids?region=&category=`: special-group people per grid
 * in force and category — aggregates only, never points — inside the caller's jurisdiction,
 * with small cells and the cells that totals would give away suppressed at the district's
 * threshold (`analytics_settings`). Each read is audited. A person counts in the grid holding
 * the largest share of their building's footprint (placementSql, core's rule).
 */
import { createRoute } from '@hono/zod-openapi';
import { auditRequest } from '../audit/audit.store.js';
import { currentUser, insideJurisdiction, resolveRegionFor } from '../auth/jurisdiction.js';
import { requirePermission } from '../auth/require-permission.js';
import { createRouter } from '../http/router.js';
import { RegionQuerySchema } from '../layers/layer-schemas.js';
import { errorResponse } from '../http/error-response.js';
import { placementSql } from '../plans/unit-placement.sql.js';
import { suppressTable } from './suppression.js';
import { readAnalyticsSettings } from '../analytics/settings.store.js';
import { CATEGORY_KEYS, categoryQuerySchema, cellsByCategory } from './special-groups-category.js';
import { SpecialGroupGridsSchema } from './special-groups.schemas.js';

export const specialGroupsGridsRoute = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/special-groups/grids',
    tags: ['analytics'],
    summary: 'Special-group people per grid in force and category, small cells suppressed (special_groups.aggregate)',
    middleware: [requirePermission('special_groups.aggregate')],
    request: { query: RegionQuerySchema.extend({ category: categoryQuerySchema }) },
    responses: {
      200: { description: 'the suppressed table', content: { 'application/json': { schema: SpecialGroupGridsSchema } } },
      403: errorResponse('the region is outside your jurisdiction'),
      404: errorResponse('no such region'),
    },
  }),
  async (c) => {
    const { region: code, category } = c.req.valid('query');
    const region = await resolveRegionFor(c, code);
    const db = c.var.db;
    const params = [region.districtCode, region.code, currentUser(c).jurisdictions];
    // Buildings of the region inside the jurisdiction: only theirs are placed.
    const peopleBuildings = `b.district_code = $1 AND b.community_code LIKE $2 || '%' AND ${insideJurisdiction('b.community_code', '$3')}`;
    const [grids, counts, settings] = await Promise.all([
      db.query<{ code: string; name: string }>(
        `SELECT code, name FROM current_grids WHERE district_code = $1 AND community_code LIKE $2 || '%'
           AND ${insideJurisdiction('community_code', '$3')} ORDER BY code`,
        params,
      ),
      db.query<{ grid: string | null; category: string; n: number }>(
        `SELECT p.grid_code AS grid, s.category, count(*) AS n
         FROM special_group_records s
         JOIN buildings b ON b.district_code = s.district_code AND b.id = s.building_id
         LEFT JOIN ${placementSql({ grids: 'current_grids', gridsWhere: 'g.district_code = $1', buildingsWhere: peopleBuildings, fewBuildings: true })} p ON p.building_id = b.id
         WHERE s.district_code = $1 AND ${peopleBuildings}
         GROUP BY 1, 2`,
        params,
      ),
      readAnalyticsSettings(db, region.districtCode),
    ]);
    const rows: { code: string | null; name: string }[] = [...grids.rows];
    if (counts.rows.some((r) => r.grid === null)) rows.push({ code: null, name: '未划入网格' });
    const index = new Map(rows.map((r, i) => [r.code, i]));
    const table = rows.map(() => CATEGORY_KEYS.map(() => 0));
    for (const r of counts.rows) {
      const i = index.get(r.grid);
      const j = CATEGORY_KEYS.indexOf(r.category);
      if (i !== undefined && j >= 0) table[i]![j]! += Number(r.n);
    }
    const threshold = settings.suppressionThreshold;
    const t = suppressTable(table, CATEGORY_KEYS.length, threshold);
    await auditRequest(c, 'special_groups.grids.read', region.code, { rows: rows.length, category: category ?? null });
    return c.json(
      {
        threshold,
        category: category ?? null,
        rows: rows.map((r, i) => ({ code: r.code, name: r.name, cells: cellsByCategory(t.cells[i]!, category), total: t.rowTotals[i]! })),
        totals: { cells: cellsByCategory(t.columnTotals, category), total: t.total },
      },
      200,
    );
  },
);
