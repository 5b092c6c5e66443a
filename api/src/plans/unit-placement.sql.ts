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
}

/**
 * SQL of a relation `(building_id, grid_code, share)`: each building of `buildingsWhere`
 * held by a grid of `grids`, once; `share` is the fraction of its footprint in that grid
 * (1 for a point, or a footprint wholly inside). Use it in parentheses as a FROM item.
 *
 * @example
 * `SELECT p.grid_code, sum(b.households) FROM ${placementSql({ grids: 'grids', gridsWhere: 'g.plan_id = $2', buildingsWhere: 'b.district_code = $1' })} p JOIN buildings b ON b.id = p.building_id GROUP BY 1`
 */
export function placementSql(o: PlacementSqlOptions): string {
  const buildings = o.buildings ?? 'buildings';
  return `(
    WITH whole AS MATERIALIZED (
      SELECT DISTINCT ON (b.id) b.id AS building_id, g.code AS grid_code, 1.0::float8 AS share
        FROM ${o.grids} g
        JOIN ${buildings} b ON b.district_code = g.district_code AND ST_Intersects(g.geometry, ST_PointOnSurface(b.footprint))
       WHERE (${o.gridsWhere}) AND (${o.buildingsWhere})
         AND (GeometryType(b.footprint) = 'POINT' OR ST_CoveredBy(b.footprint, g.geometry))
       ORDER BY b.id, g.code
    ), shares AS (
      SELECT b.id AS building_id, g.code AS grid_code,
             ST_Area(ST_Intersection(b.footprint, g.geometry)) / NULLIF(ST_Area(b.footprint), 0) AS share
        FROM ${o.grids} g
        JOIN ${buildings} b ON b.district_code = g.district_code AND b.footprint && g.geometry AND ST_Intersects(g.geometry, b.footprint)
       WHERE (${o.gridsWhere}) AND (${o.buildingsWhere})
         AND GeometryType(b.footprint) = 'POLYGON'
         AND NOT EXISTS (SELECT 1 FROM whole w WHERE w.building_id = b.id)
    ), cut AS (
      SELECT DISTINCT ON (building_id) building_id, grid_code, share
        FROM shares WHERE share >= ${MIN_CUT_SHARE}
       ORDER BY building_id, share DESC, grid_code
    )
    SELECT building_id, grid_code, share FROM whole
    UNION ALL
    SELECT building_id, grid_code, share FROM cut
  )`;
}
