/**
 * `GET /api/layers/grids`: grids of the current plan (or a given plan) in a region with
 * their households, persons and buildings counted in PostGIS — a building belongs to the
 * grid holding the largest share of its footprint (core's rule: for the grids in force read from
 * the pairs kept per approved plan, keptPlacementSql; for a given plan placed afresh,
 * placementSql) — and the rule status from `gridLoad()`.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { gridLoad } from '@gridatlas/core';
import type { Db } from '../db/db.types.js';
import { notFound } from '../http/http-error.js';
import { createRouter } from '../http/router.js';
import { activeRuleProfile } from '../regions/active-rule-profile.js';
import { currentUser, insideJurisdiction, resolveRegionFor } from '../auth/jurisdiction.js';
import { requirePermission } from '../auth/require-permission.js';
import { keptPlacementSql } from '../plans/kept-placement.sql.js';
import { placementSql } from '../plans/unit-placement.sql.js';

import { GridsLayerSchema, RegionQuerySchema, geojsonResponse } from './layer-schemas.js';

const GridsQuery = RegionQuerySchema.extend({
  plan: z
    .string()
    .regex(/^(current|[1-9]\d{0,15})$/, { error: 'expected "current" or a plan id (a positive whole number)' })
    .optional()
    .openapi({ description: '"current" (default): the approved grids in force; or a plan id' }),
});

interface GridRow {
  code: string;
  name: string;
  type: 'comprehensive' | 'dedicated';
  communityCode: string;
  zoneCode: string | null;
  geometry: { type: string; coordinates: unknown[] };
  households: number;
  persons: number;
  buildings: number;
}

/**
 * Grids with counts; `$1` district, `$2` region prefix, `$3` plan id or null for current,
 * `$4` the jurisdictions (region codes) the grids must lie in.
 */
export async function gridsWithCounts(
  db: Db,
  districtCode: string,
  regionCode: string,
  planId: number | null,
  jurisdictions: readonly string[],
): Promise<GridRow[]> {
  const source = planId === null ? 'current_grids' : 'grids';
  const where = `g.district_code = $1 AND g.community_code LIKE $2 || '%' AND ($3::bigint IS NULL OR g.plan_id = $3::bigint) AND ${insideJurisdiction('g.community_code', '$4')}`;
  // The grids in force read the pairs kept per approved plan (migration 0044); a plan's own grids
  // (a draft among them) are placed afresh.
  const placed =
    planId === null
      ? keptPlacementSql({ grids: source, gridsWhere: where })
      : placementSql({ grids: source, gridsWhere: where, buildingsWhere: 'b.district_code = $1' });
  // The buildings are counted per grid code first and the grids joined to the few counts after:
  // grouping the grids themselves carried each grid's outline through the join, one copy per
  // building, into the sort (the whole district's layer on the embedded database, issue 15).
  const r = await db.query<GridRow>(
    `SELECT g.code, g.name, g.type, g.community_code AS "communityCode", g.zone_code AS "zoneCode",
       ST_AsGeoJSON(g.geometry, 6)::json AS geometry,
       coalesce(c.households, 0) AS households, coalesce(c.persons, 0) AS persons, coalesce(c.buildings, 0) AS buildings
     FROM ${source} g
     LEFT JOIN (
       SELECT p.grid_code, sum(b.households) AS households, sum(b.persons) AS persons, count(b.id) AS buildings
         FROM ${placed} p
         JOIN buildings b ON b.district_code = $1 AND b.id = p.building_id
        GROUP BY p.grid_code
     ) c ON c.grid_code = g.code
     WHERE ${where}
     ORDER BY g.code`,
    [districtCode, regionCode, planId, jurisdictions],
  );
  return r.rows;
}

export const gridsLayerRoute = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/grids',
    tags: ['layers'],
    summary: 'Grids with households, persons, buildings, load and rule status (map.read)',
    middleware: [requirePermission('map.read')],
    request: { query: GridsQuery },
    responses: geojsonResponse('grids as a FeatureCollection', GridsLayerSchema),
  }),
  async (c) => {
    const { region: code, plan } = c.req.valid('query');
    const db = c.var.db;
    const region = await resolveRegionFor(c, code);
    const planId = plan === undefined || plan === 'current' ? null : Number(plan);
    if (planId !== null) {
      const found = await db.query('SELECT 1 FROM plans WHERE district_code = $1 AND id = $2', [region.districtCode, planId]);
      if (found.rows.length === 0) throw notFound(`no plan with id ${planId} in district ${region.districtCode}`);
    }
    const [rows, profile] = await Promise.all([
      gridsWithCounts(db, region.districtCode, region.code, planId, currentUser(c).jurisdictions),
      activeRuleProfile(db, region.districtCode),
    ]);
    const features = rows.map(({ geometry, ...g }) => {
      const { load, status } = gridLoad(g, profile, { type: g.type });
      return {
        type: 'Feature' as const,
        id: Number(g.code),
        geometry,
        properties: { ...g, load: Math.round(load * 1000) / 1000, status },
      };
    });
    return c.json({ type: 'FeatureCollection' as const, features }, 200);
  },
);
