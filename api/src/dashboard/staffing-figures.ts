/**
 * N+5 staffing of a region's grids (from `staff_assignments`, the roster as it is now: the
 * table keeps no history). A grid's role is filled by an assignment of that role to the grid
 * itself, to its zone (片区, 2–3 grids), or — with neither grid nor zone — to its community or
 * an enclosing region (a subdistrict's supervisor). The required roles of the district's
 * staffing model (migration 0038; N+5 by default) are counted.
 */
import type { Db } from '../db/db.types.js';
import { modelKeySql, ROLE_NAME_COLUMNS } from '../staff/staff-model.js';
import type { GridInForce } from './grids-in-force.js';

export interface StaffRole {
  key: string;
  zh: string;
  en: string;
}

export interface StaffingCounts {
  grids: number;
  fullyStaffed: number;
  /** Role key → grids lacking it. */
  vacancies: Record<string, number>;
}

/** The required roles of the district's staffing model, in the model's order. */
export async function staffRoles(db: Db, districtCode: string): Promise<StaffRole[]> {
  return (
    await db.query<StaffRole>(
      `SELECT r.key, ${ROLE_NAME_COLUMNS} FROM staff_model_roles mr JOIN staff_roles r ON r.key = mr.role
       WHERE mr.model_key = ${modelKeySql('$1')} AND mr.required ORDER BY mr.sort, r.key`,
      [districtCode],
    )
  ).rows;
}

export async function countStaffing(
  db: Db,
  districtCode: string,
  grids: readonly GridInForce[],
  roles: readonly StaffRole[],
): Promise<StaffingCounts> {
  const r = await db.query<{ role: string | null; vacant: number }>(
    `WITH g AS (SELECT * FROM unnest($2::text[], $3::text[], $4::text[]) AS g(code, zone_code, community_code)),
     a AS MATERIALIZED (SELECT DISTINCT role, grid_code, zone_code, region_code FROM staff_assignments WHERE district_code = $1),
     -- Roles filled per grid, by hash joins (region codes nest: a community's enclosing regions are its 9- and 6-digit prefixes).
     filled AS (
       SELECT g.code, a.role FROM g JOIN a ON a.grid_code = g.code
       UNION SELECT g.code, a.role FROM g JOIN a ON a.grid_code IS NULL AND a.zone_code = g.zone_code
       -- One equality per level, each a hash join (an IN over the three made a nested loop: 0.25 s for a district).
       UNION SELECT g.code, a.role FROM g JOIN a ON a.grid_code IS NULL AND a.zone_code IS NULL AND a.region_code = g.community_code
       UNION SELECT g.code, a.role FROM g JOIN a ON a.grid_code IS NULL AND a.zone_code IS NULL AND a.region_code = left(g.community_code, 9)
       UNION SELECT g.code, a.role FROM g JOIN a ON a.grid_code IS NULL AND a.zone_code IS NULL AND a.region_code = left(g.community_code, 6)
     ),
     gap AS (
       SELECT g.code, r.key AS role FROM g CROSS JOIN unnest($5::text[]) AS r(key)
       WHERE NOT EXISTS (SELECT 1 FROM filled f WHERE f.code = g.code AND f.role = r.key)
     )
     SELECT role, count(*)::int AS vacant FROM gap GROUP BY role
     UNION ALL
     SELECT NULL, count(DISTINCT code)::int FROM gap`,
    [districtCode, grids.map((g) => g.code), grids.map((g) => g.zoneCode), grids.map((g) => g.communityCode), roles.map((r) => r.key)],
  );
  const vacancies = Object.fromEntries(roles.map((role) => [role.key, 0]));
  let understaffed = 0;
  for (const row of r.rows) {
    if (row.role === null) understaffed = row.vacant;
    else vacancies[row.role] = row.vacant;
  }
  return { grids: grids.length, fullyStaffed: grids.length - understaffed, vacancies };
}
