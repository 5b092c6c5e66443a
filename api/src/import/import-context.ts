/** What an import checks rows against, read from the database: the district and its boundary. */
import type { MultiPolygon, Polygon } from 'geojson';
import type { Db } from '../db/db.types.js';
import { ImportError } from './import.types.js';

export interface DistrictContext {
  districtCode: string;
  /** The district's boundary; null skips the "inside the district" check. */
  boundary: Polygon | MultiPolygon | null;
}

export async function loadDistrict(db: Db, skipBoundary = false): Promise<DistrictContext> {
  const r = await db.query<{ code: string; boundary: Polygon | MultiPolygon }>(
    `SELECT district_code::text AS code, ST_AsGeoJSON(boundary)::json AS boundary
       FROM regions WHERE level = 'district' ORDER BY district_code LIMIT 1`,
  );
  const row = r.rows[0];
  if (!row) throw new ImportError('the database holds no district yet: run "gridatlas seed" (or load one) first');
  return { districtCode: row.code, boundary: skipBoundary ? null : row.boundary };
}
