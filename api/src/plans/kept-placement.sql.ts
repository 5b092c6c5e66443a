/**
 * Which grid holds a building, read from the pairs kept per approved plan
 * (`building_grid_shares`, migration 0044) instead of intersecting footprints again: the same
 * rule as `placementSql` (core's placeUnits) — among the grids given, a grid covering the
 * footprint first (a point: containing it; ties: the smallest code), else the largest share of
 * the footprint's area at least MIN_CUT_SHARE (ties: the smallest code) — over pairs worked out
 * when the plan was approved, its grids written or the buildings changed.
 *
 * Only for grids of plans approved or archived with an approval date (the plans that can be in
 * force, e.g. `current_grids`, or `gridsOfPlansSql` of `plansInForce`): a draft's grids have no
 * kept pairs, so its buildings would read as held by no grid — use `placementSql` for drafts.
 */

export interface KeptPlacementSqlOptions {
  /** A relation of grids of placed plans with `district_code`, `plan_id`, `code`. */
  grids: string;
  /** A condition on grids `g` (district, region…), with `$n` parameters of the caller's query. */
  gridsWhere: string;
}

/**
 * SQL of a relation `(building_id, grid_code, share)`: each building held by a grid of
 * `grids`, once; `share` as placementSql's (1 for a covered footprint or a point). Use it in
 * parentheses as a FROM item; join buildings on the grids' district as with placementSql.
 */
export function keptPlacementSql(o: KeptPlacementSqlOptions): string {
  // A building's pairs are few (one, or a handful at a grid edge): the grids' pairs are read
  // through their index and the pick is one sort, with no geometry touched.
  return `(
    SELECT DISTINCT ON (s.district_code, s.building_id) s.building_id, s.grid_code, s.share
      FROM ${o.grids} g
      JOIN building_grid_shares s ON s.district_code = g.district_code AND s.plan_id = g.plan_id AND s.grid_code = g.code
     WHERE (${o.gridsWhere})
     ORDER BY s.district_code, s.building_id, s.whole DESC, s.share DESC, s.grid_code
  )`;
}
