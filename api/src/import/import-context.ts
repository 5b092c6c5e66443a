/** What an import checks rows against, read from the database: the district and its boundary. */
import type { MultiPolygon, Polygon } from 'geojson';
import type { Db } from '../db/db.types.js';
import { ImportError } from './import.types.js';

export interface DistrictContext {
  districtCode: string;
  /** The district's boundary; null skips the "inside the district" check. */
  boundary: Polygon | MultiPolygon | null;
}

/**
 * The district an import writes to: the one named, else the only one in the database (with
 * several, the import must name it).
 */
export async function loadDistrict(db: Db, skipBoundary = false, districtCode?: string): Promise<DistrictContext> {
  const r = await db.query<{ code: string; boundary: Polygon | MultiPolygon }>(
    `SELECT district_code::text AS code, ST_AsGeoJSON(boundary)::json AS boundary
       FROM regions WHERE level = 'district' AND ($1::text IS NULL OR code = $1) ORDER BY district_code LIMIT 2`,
    [districtCode ?? null],
  );
  const row = r.rows[0];
  if (!row) {
    throw new ImportError(
      districtCode
        ? `there is no district ${districtCode}`
        : 'the database holds no district yet: bring one in with "gridatlas district create" (or "gridatlas seed" for the demo) first',
    );
  }
  if (r.rows.length > 1)
    throw new ImportError(
      `the database holds several districts (${r.rows.map((x) => x.code).join(', ')}, …): name the one to import into (--district)`,
    );
  return { districtCode: row.code, boundary: skipBoundary ? null : row.boundary };
}
