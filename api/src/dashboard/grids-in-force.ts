/**
 * The grids in force at an instant, with their households, persons and buildings: per
 * community, the grids of the plan approved last at or before it (as `incident_in_force` of
 * migration 0015 picks them); buildings placed by core's largest-share rule, read from the pairs
 * kept per approved plan (keptPlacementSql, migration 0044: no footprint is intersected here, so
 * a fresh process reads them as fast as a warm one). Buildings are as they are now (the table
 * keeps no history). Kept in memory once per analytics version (which moves with plan approvals
 * and buildings) and set of plans in force.
 */
import type { Db } from '../db/db.types.js';
import { memoAtVersion } from '../analytics/response-cache.js';
import { keptPlacementSql } from '../plans/kept-placement.sql.js';

export interface GridInForce {
  code: string;
  name: string;
  type: 'comprehensive' | 'dedicated';
  communityCode: string;
  zoneCode: string | null;
  households: number;
  persons: number;
  /** Buildings the grid holds. */
  units: number;
}

/** Per community of the district, the plan in force at `atMs` (epoch ms); communities without one are left out. */
export async function plansInForce(db: Db, districtCode: string, atMs: number): Promise<{ community: string; plan: string }[]> {
  const r = await db.query<{ community: string; plan: string }>(
    `SELECT DISTINCT ON (c.code) c.code AS community, p.id::text AS plan
     FROM regions c
     JOIN plans p ON p.district_code = c.district_code AND c.code LIKE p.region_code || '%'
       AND p.status IN ('approved', 'archived') AND p.approved_at IS NOT NULL AND p.approved_at <= to_timestamp($2::float8)
     WHERE c.district_code = $1 AND c.level = 'community'
     ORDER BY c.code, p.approved_at DESC, p.id DESC`,
    [districtCode, atMs / 1000],
  );
  return r.rows;
}

/** SQL of the grids (all columns) of the plans in force given as `$communities`/`$plans` arrays of the district `$district`. */
export function gridsOfPlansSql(district: string, communities: string, plans: string): string {
  return `(SELECT g.* FROM grids g
     JOIN unnest(${communities}::text[], ${plans}::bigint[]) AS f(community_code, plan_id)
       ON g.plan_id = f.plan_id AND g.community_code = f.community_code
     WHERE g.district_code = ${district})`;
}

/** The district's grids in force at `atMs` with their loads, every grid of the district (callers filter by region). */
export async function gridsInForce(db: Db, districtCode: string, atMs: number, analyticsVersion: number): Promise<GridInForce[]> {
  const inForce = await plansInForce(db, districtCode, atMs);
  const communities = inForce.map((f) => f.community);
  const plans = inForce.map((f) => f.plan);
  const key = `dashboard.grids-in-force:${districtCode}:${inForce.map((f) => `${f.community}=${f.plan}`).join(',')}`;
  return memoAtVersion(db, key, analyticsVersion, async () => {
    const grids = gridsOfPlansSql('$1', '$2', '$3');
    const r = await db.query<GridInForce>(
      `WITH placed AS (
         SELECT p.grid_code, b.households, b.persons
         FROM ${keptPlacementSql({ grids, gridsWhere: 'true' })} p
         JOIN buildings b ON b.district_code = $1 AND b.id = p.building_id
       ), held AS (
         SELECT grid_code, sum(households) AS households, sum(persons) AS persons, count(*) AS units FROM placed GROUP BY grid_code
       )
       SELECT g.code, g.name, g.type, g.community_code AS "communityCode", g.zone_code AS "zoneCode",
         coalesce(held.households, 0)::float8 AS households, coalesce(held.persons, 0)::float8 AS persons,
         coalesce(held.units, 0)::float8 AS units
       FROM ${grids} g LEFT JOIN held ON held.grid_code = g.code
       ORDER BY g.code`,
      [districtCode, communities, plans],
    );
    return r.rows;
  });
}
