/**
 * `GET /api/special-groups/summary?region=`: special-group counts per category and per child
 * of the region (subdistricts of a district, communities of a subdistrict, grids of a
 * community), inside the caller's jurisdiction only, with small cells suppressed by
 * `suppressTable()` at the district's threshold (`analytics_settings`, default 5, never below 3).
 * Per grid, a person counts in the grid holding the largest share of their building's
 * footprint (placementSql, core's rule).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { SPECIAL_GROUP_CATEGORIES } from '@gridatlas/core';
import { readAnalyticsSettings } from '../analytics/settings.store.js';
import { auditRequest } from '../audit/audit.store.js';
import { currentUser, insideJurisdiction, overlapsJurisdiction, resolveRegionFor } from '../auth/jurisdiction.js';
import { requirePermission } from '../auth/require-permission.js';
import { forbidden, HttpError, notFound } from '../http/http-error.js';
import { createRouter } from '../http/router.js';
import { errorResponse } from '../http/error-response.js';
import { findPlan } from '../plans/plan.store.js';
import { placementSql } from '../plans/unit-placement.sql.js';
import { RegionQuerySchema } from '../layers/layer-schemas.js';
import { suppressTable, type SuppressedCell } from './suppression.js';
import { SpecialGroupSummarySchema } from './special-groups.schemas.js';

const CATEGORY_KEYS = SPECIAL_GROUP_CATEGORIES.map((c) => c.key);

const CHILD_LEVEL = { district: 'subdistrict', subdistrict: 'community', community: 'grid' } as const;

export const specialGroupsSummaryRoute = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/summary',
    tags: ['special-groups'],
    summary: 'Special-group counts per category and child region or grid, small cells suppressed (special_groups.aggregate)',
    middleware: [requirePermission('special_groups.aggregate')],
    request: {
      query: RegionQuerySchema.extend({
        plan: z
          .string()
          .regex(/^[1-9]\d{0,15}$/, { error: 'expected a plan id (a positive whole number)' })
          .optional()
          .openapi({ description: 'with a community: count by the grids of this plan (e.g. a draft) instead of the grids in force' }),
      }),
    },
    responses: {
      200: { description: 'the suppressed table', content: { 'application/json': { schema: SpecialGroupSummarySchema } } },
      400: errorResponse('`plan` given without a community'),
      403: errorResponse('the region or plan is outside your jurisdiction'),
      404: errorResponse('no such region or plan'),
    },
  }),
  async (c) => {
    const user = currentUser(c);
    const query = c.req.valid('query');
    const region = await resolveRegionFor(c, query.region);
    const db = c.var.db;
    const childLevel = CHILD_LEVEL[region.level];
    if (query.plan !== undefined && childLevel !== 'grid')
      throw new HttpError(400, 'bad_request', 'query parameter "plan": counting by a plan\'s grids needs a community as `region`');
    if (query.plan !== undefined) {
      const plan = await findPlan(db, query.plan, user.jurisdictions);
      if (!plan) throw notFound(`no plan with id ${query.plan}`);
      if (!plan.visible || plan.districtCode !== region.districtCode) throw forbidden(`plan ${query.plan} is outside your jurisdiction`);
    }
    // The grids counted by: a plan's (a draft being edited) or those in force.
    const gridSource = query.plan === undefined ? 'current_grids' : '(SELECT * FROM grids WHERE plan_id = $4::bigint)';
    const params = [region.districtCode, region.code, user.jurisdictions, ...(query.plan === undefined ? [] : [query.plan])];
    const children =
      childLevel === 'grid'
        ? await db.query<{ code: string; name: string }>(
            `SELECT code, name FROM ${gridSource} g WHERE district_code = $1 AND community_code = $2
               AND ${insideJurisdiction('community_code', '$3')} ORDER BY code`,
            params,
          )
        : await db.query<{ code: string; name: string }>(
            `SELECT code, name FROM regions WHERE district_code = $1 AND parent_code = $2
               AND ${overlapsJurisdiction('code', '$3')} ORDER BY code`,
            params,
          );
    const peopleBuildings = `b.district_code = $1 AND b.community_code LIKE $2 || '%' AND ${insideJurisdiction('b.community_code', '$3')}`;
    const [childOf, placed] =
      childLevel === 'grid'
        ? [
            'p.grid_code',
            `LEFT JOIN ${placementSql({ grids: gridSource, gridsWhere: 'g.district_code = $1', buildingsWhere: peopleBuildings, fewBuildings: true })} p ON p.building_id = b.id`,
          ]
        : [`left(b.community_code, ${childLevel === 'subdistrict' ? 9 : 12})`, ''];
    const counts = await db.query<{ child: string | null; category: string; n: number }>(
      `SELECT ${childOf} AS child, s.category, count(*) AS n
       FROM special_group_records s
       JOIN buildings b ON b.district_code = s.district_code AND b.id = s.building_id
       ${placed}
       WHERE s.district_code = $1 AND ${peopleBuildings}
       GROUP BY 1, 2`,
      params,
    );
    const rows: { code: string | null; name: string }[] = [...children.rows];
    if (counts.rows.some((r) => r.child === null)) rows.push({ code: null, name: '未划入网格' });
    const index = new Map(rows.map((r, i) => [r.code, i]));
    const table = rows.map(() => CATEGORY_KEYS.map(() => 0));
    for (const r of counts.rows) {
      const i = index.get(r.child);
      const j = CATEGORY_KEYS.indexOf(r.category);
      if (i !== undefined && j >= 0) table[i]![j]! += Number(r.n);
    }
    const threshold = (await readAnalyticsSettings(db, region.districtCode)).suppressionThreshold;
    const t = suppressTable(table, CATEGORY_KEYS.length, threshold);
    const byCategory = (cells: SuppressedCell[]): Record<string, SuppressedCell> =>
      Object.fromEntries(CATEGORY_KEYS.map((k, j) => [k, cells[j]!]));
    await auditRequest(c, 'special_groups.summary.read', region.code, { rows: rows.length });
    return c.json(
      {
        region: { code: region.code, name: region.name, level: region.level },
        threshold,
        childLevel,
        categories: SPECIAL_GROUP_CATEGORIES.map((cat) => ({ key: cat.key, kind: cat.kind, zh: cat.zh, en: cat.en })),
        rows: rows.map((r, i) => ({ code: r.code, name: r.name, cells: byCategory(t.cells[i]!), total: t.rowTotals[i]! })),
        totals: { cells: byCategory(t.columnTotals), total: t.total },
      },
      200,
    );
  },
);
