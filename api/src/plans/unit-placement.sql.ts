/**
 * Which grid holds a building, in PostGIS — the rule of `@gridatlas/core`'s placeUnits:
 * a polygon footprint is held by the grid with the largest share of its area (ties: the
 * smallest grid code); a point footprint by the grid containing it (a point on a shared edge:
 * the smallest code). Fast for the common case: a footprint wholly inside the grid holding
 * its point on surface is found through the index on `ST_PointOnSurface(footprint)`; only
 * the others (cut by a grid edge, or with their point in no grid) pay for intersections.
 */
import { MIN_CUT_SHARE } from '@gridatlas/core';

export interface PlacementSqlOptions {
  /** A relation (table, view or subquery in parentheses) of grids with `district_code`, `code`, `geometry`. */
  grids: string;
  /** A condition on grids `g` (plan, region…), with `$n` parameters of the caller's query. */
  gridsWhere: string;
  /** A condition on buildings `b` (district, region…), with `$n` parameters of the caller's query. */
  buildingsWhere: string;
  /** The buildings relation, with `id`, `district_code`, `footprint` (default `buildings`). */
  buildings?: string;
  /**
   * Place each building once per plan (`plan_id` of the grids) instead of once among all the
   * grids given: for grids of several plans that overlap (e.g. every approved version), where
   * a building is held by one grid of each plan. The relation then has a `plan_id` column.
   */
  perPlan?: boolean;
  /**
   * The buildings of `buildingsWhere` are few (one region's) and the grids many (a district's):
   * read only the grids whose box meets the buildings' extent, so the planner starts from a few
   * grids instead of probing the buildings' indexes for every grid of the district.
   */
  fewBuildings?: boolean;
}

/**
 * SQL of a relation `(building_id, grid_code, share)`: each building of `buildingsWhere`
 * held by a grid of `grids`, once (once per plan with `perPlan`, plus `plan_id`); `share` is
 * the fraction of its footprint in that grid (1 for a point, or a footprint wholly inside).
 * Use it in parentheses as a FROM item.
 *
 * @example
 * `SELECT p.grid_code, sum(b.households) FROM ${placementSql({ grids: 'grids', gridsWhere: 'g.plan_id = $2', buildingsWhere: 'b.district_code = $1' })} p JOIN buildings b ON b.id = p.building_id GROUP BY 1`
 */
export function placementSql(o: PlacementSqlOptions): string {
  const buildings = o.buildings ?? 'buildings';
  // Per plan, the plan is part of every key: a building is placed once in each plan's grids.
  const plan = o.perPlan ? { key: 'g.plan_id, ', column: 'plan_id, ' } : { key: '', column: '' };
  // The grids are read once (a view such as current_grids joins plans and regions). Footprints
  // near an edge are the pairs of a footprint not wholly inside a grid and a grid whose box
  // meets it, found by the boxes alone (a hashed NOT IN, not an anti-join the planner would nest
  // over a CTE it guesses holds one row) and kept apart so that the exact, costly tests run on
  // these few pairs only.
  // With few buildings, the grids read are those meeting the buildings' extent, filtered after
  // the view (a condition on the view itself turns its plan into a much slower one).
  const reach = o.fewBuildings
    ? {
        cte: `reach AS MATERIALIZED (SELECT ST_Extent(b.footprint)::geometry AS box FROM ${buildings} b WHERE ${o.buildingsWhere}), `,
        where: 'g.geometry && (SELECT box FROM reach) AND ',
      }
    : { cte: '', where: '' };
  return `(
    WITH ${reach.cte}grid AS MATERIALIZED (
      SELECT ${plan.key}g.district_code, g.code, g.geometry FROM ${o.grids} g WHERE (${o.gridsWhere})
    ), whole AS MATERIALIZED (
      SELECT DISTINCT ON (${plan.key}b.id) ${plan.key}b.id AS building_id, g.code AS grid_code, 1.0::float8 AS share
        FROM grid g
        JOIN ${buildings} b ON b.district_code = g.district_code AND ST_Intersects(g.geometry, ST_PointOnSurface(b.footprint))
       WHERE ${reach.where}(${o.buildingsWhere})
         AND (GeometryType(b.footprint) = 'POINT' OR ST_CoveredBy(b.footprint, g.geometry))
       ORDER BY ${plan.key}b.id, g.code
    ), near AS MATERIALIZED (
      SELECT ${plan.key}b.id AS building_id, g.code AS grid_code, b.footprint, g.geometry
        FROM grid g
        JOIN ${buildings} b ON b.district_code = g.district_code AND b.footprint && g.geometry
       WHERE ${reach.where}(${o.buildingsWhere})
         AND GeometryType(b.footprint) = 'POLYGON'
         AND (${plan.key}b.id) NOT IN (SELECT ${plan.column}building_id FROM whole)
    ), shares AS (
      SELECT ${plan.column}building_id, grid_code, ST_Area(ST_Intersection(footprint, geometry)) / NULLIF(ST_Area(footprint), 0) AS share
        FROM near WHERE ST_Intersects(geometry, footprint)
    ), cut AS (
      SELECT DISTINCT ON (${plan.column}building_id) ${plan.column}building_id, grid_code, share
        FROM shares WHERE share >= ${MIN_CUT_SHARE}
       ORDER BY ${plan.column}building_id, share DESC, grid_code
    )
    SELECT ${plan.column}building_id, grid_code, share FROM whole
    UNION ALL
    SELECT ${plan.column}building_id, grid_code, share FROM cut
  )`;
}
