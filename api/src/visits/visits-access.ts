/**
 * Who may see and record which grid's visits: a grid in force inside the caller's
 * jurisdiction, and for recording, a grid the caller's own staff row (`users.staff_id`) is
 * assigned to — by grid, or by the zone of 2–3 grids that holds it.
 */
import type { Context } from 'hono';
import { currentUser, requireInsideJurisdiction } from '../auth/jurisdiction.js';
import type { Db } from '../db/db.types.js';
import type { AppEnv } from '../http/app-env.js';
import { forbidden, notFound } from '../http/http-error.js';
import { referenceDay, shanghaiDate } from '../analytics/patrols-period.js';

export interface GridInForce {
  districtCode: string;
  code: string;
  name: string;
  communityCode: string;
  zoneCode: string | null;
}

/** The grid in force with this code, inside the caller's jurisdiction: else 404 or 403. */
export async function gridInForce(c: Context<AppEnv>, code: string): Promise<GridInForce> {
  const r = await c.var.db.query<GridInForce>(
    `SELECT district_code AS "districtCode", code, name, community_code AS "communityCode", zone_code AS "zoneCode"
     FROM current_grids WHERE district_code = left($1, 6) AND code = $1`,
    [code],
  );
  const grid = r.rows[0];
  if (!grid) throw notFound(`no grid ${code} in force`);
  requireInsideJurisdiction(currentUser(c).jurisdictions, code, 'grid');
  return grid;
}

/**
 * The active staff row the user's account names in a district (`users.staff_district_code`,
 * `staff_id`, migration 0039), or null: a deactivated worker (0038) records nothing.
 */
export async function linkedStaff(db: Db, userId: number, districtCode: string): Promise<{ id: number; name: string } | null> {
  const r = await db.query<{ id: string; name: string }>(
    `SELECT s.id, s.name FROM users u JOIN staff s ON s.district_code = u.staff_district_code AND s.id = u.staff_id
     WHERE u.id = $1 AND u.staff_district_code = $2 AND s.active`,
    [userId, districtCode],
  );
  const row = r.rows[0];
  return row ? { id: Number(row.id), name: row.name } : null;
}

/** The grids in force a staff member serves (by grid, or by zone), inside `jurisdictions`. */
export async function staffGrids(
  db: Db,
  districtCode: string,
  staffId: number,
  jurisdictions: readonly string[],
): Promise<{ code: string; name: string }[]> {
  const r = await db.query<{ code: string; name: string }>(
    `SELECT DISTINCT g.code, g.name FROM current_grids g
     JOIN staff_assignments a ON a.district_code = g.district_code AND a.staff_id = $2
       AND (a.grid_code = g.code OR (a.grid_code IS NULL AND a.zone_code IS NOT NULL AND a.zone_code = g.zone_code))
     WHERE g.district_code = $1
       AND EXISTS (SELECT 1 FROM unnest($3::text[]) AS jur(jur_code) WHERE g.code LIKE jur.jur_code || '%')
     ORDER BY g.code`,
    [districtCode, staffId, jurisdictions],
  );
  return r.rows;
}

/** The caller's staff row in the grid's district, assigned to that grid: else 403 saying why. */
export async function requireOwnGrid(c: Context<AppEnv>, grid: GridInForce): Promise<{ id: number; name: string }> {
  const user = currentUser(c);
  const staff = await linkedStaff(c.var.db, user.id, grid.districtCode);
  if (!staff) throw forbidden('your account is not linked to a staff member of this district: ask an administrator to link it');
  const grids = await staffGrids(c.var.db, grid.districtCode, staff.id, user.jurisdictions);
  if (!grids.some((g) => g.code === grid.code))
    throw forbidden(`grid ${grid.code} is not one of your grids: record visits in your own grids only`);
  return staff;
}

/** The day asked for, else the district's reference day (the demo's last day), else today. */
export async function dayOrReference(db: Db, districtCode: string, day: string | undefined): Promise<string> {
  return day ?? shanghaiDate(await referenceDay(db, districtCode));
}
