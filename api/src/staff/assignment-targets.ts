/**
 * Where an assignment may point, by the role's scope in the district's model: a grid role
 * needs a grid in force, a zone role a zone (片) of the district, a community role a community
 * or subdistrict code. The grid's community (or the zone's) becomes the assignment's region,
 * as the dashboard and notice boards read it. Every refusal is a 400 naming the entry.
 */
import type { Db } from '../db/db.types.js';
import { isInsideJurisdiction } from '../auth/jurisdiction.js';
import { HttpError, forbidden } from '../http/http-error.js';
import type { StaffModel } from './staff-model.js';

export interface AssignmentInput {
  role: string;
  gridCode?: string | null | undefined;
  zoneCode?: string | null | undefined;
  regionCode?: string | null | undefined;
}

export interface ResolvedAssignment {
  role: string;
  regionCode: string;
  zoneCode: string | null;
  gridCode: string | null;
}

const bad = (message: string) => new HttpError(400, 'bad_request', message);

export async function resolveAssignments(
  db: Db,
  districtCode: string,
  model: StaffModel,
  input: readonly AssignmentInput[],
  jurisdictions: readonly string[],
): Promise<ResolvedAssignment[]> {
  const out: ResolvedAssignment[] = [];
  for (const [i, a] of input.entries()) {
    const at = `assignment ${i + 1}`;
    const role = model.roles.find((r) => r.key === a.role);
    if (!role) throw bad(`${at}: "${a.role}" is no role of the staffing model ${model.key} (${model.roles.map((r) => r.key).join(', ')})`);
    let resolved: ResolvedAssignment;
    if (role.scope === 'grid') {
      if (!a.gridCode) throw bad(`${at}: a ${role.en} serves a grid: give gridCode`);
      const g = await db.query<{ community: string; zone: string | null }>(
        'SELECT community_code AS community, zone_code AS zone FROM current_grids WHERE district_code = $1 AND code = $2',
        [districtCode, a.gridCode],
      );
      if (!g.rows[0]) throw bad(`${at}: ${a.gridCode} is no grid in force in district ${districtCode}`);
      resolved = { role: role.key, regionCode: g.rows[0].community, zoneCode: g.rows[0].zone, gridCode: a.gridCode };
    } else if (role.scope === 'zone') {
      if (!a.zoneCode) throw bad(`${at}: a ${role.en} serves a zone of 2–3 grids: give zoneCode`);
      const z = await db.query<{ community: string }>(
        'SELECT community_code AS community FROM zones WHERE district_code = $1 AND code = $2',
        [districtCode, a.zoneCode],
      );
      if (!z.rows[0]) throw bad(`${at}: ${a.zoneCode} is no zone of district ${districtCode}`);
      resolved = { role: role.key, regionCode: z.rows[0].community, zoneCode: a.zoneCode, gridCode: null };
    } else {
      if (!a.regionCode) throw bad(`${at}: a ${role.en} serves a community: give regionCode`);
      const r = await db.query<{ level: string }>('SELECT level FROM regions WHERE district_code = $1 AND code = $2', [
        districtCode,
        a.regionCode,
      ]);
      if (!r.rows[0] || !['community', 'subdistrict'].includes(r.rows[0].level))
        throw bad(`${at}: ${a.regionCode} is no community or subdistrict of district ${districtCode}`);
      resolved = { role: role.key, regionCode: a.regionCode, zoneCode: null, gridCode: null };
    }
    const target = resolved.gridCode ?? resolved.regionCode;
    if (!isInsideJurisdiction(jurisdictions, target)) throw forbidden(`${at}: ${target} is outside your jurisdiction`);
    if (
      out.some(
        (o) =>
          o.role === resolved.role &&
          o.gridCode === resolved.gridCode &&
          o.zoneCode === resolved.zoneCode &&
          o.regionCode === resolved.regionCode,
      )
    )
      throw bad(`${at}: the same assignment is listed twice`);
    out.push(resolved);
  }
  return out;
}

export async function replaceAssignments(
  tx: Db,
  districtCode: string,
  staffId: number,
  rows: readonly ResolvedAssignment[],
): Promise<void> {
  await tx.query('DELETE FROM staff_assignments WHERE district_code = $1 AND staff_id = $2', [districtCode, staffId]);
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO staff_assignments (district_code, staff_id, role, region_code, zone_code, grid_code)
     SELECT $1, $2, r.role, r.region, r.zone, r.grid FROM json_to_recordset($3::json) AS r(role text, region text, zone text, grid text)`,
    [districtCode, staffId, JSON.stringify(rows.map((r) => ({ role: r.role, region: r.regionCode, zone: r.zoneCode, grid: r.gridCode })))],
  );
}
