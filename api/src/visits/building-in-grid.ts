/** Which grid in force holds a building (core's placement rule, in PostGIS), or null. */
import type { Db } from '../db/db.types.js';
import { placementSql } from '../plans/unit-placement.sql.js';

export async function gridOfBuilding(db: Db, districtCode: string, buildingId: number): Promise<string | null> {
  const r = await db.query<{ grid_code: string }>(
    `SELECT p.grid_code FROM ${placementSql({
      grids: 'current_grids',
      gridsWhere: 'g.district_code = $1',
      buildingsWhere: 'b.district_code = $1 AND b.id = $2',
      fewBuildings: true,
    })} p`,
    [districtCode, buildingId],
  );
  return r.rows[0]?.grid_code ?? null;
}
