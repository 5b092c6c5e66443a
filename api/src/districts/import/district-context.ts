/** What a layer import checks against, read from the database: the district, its regions and boundary. */
import type { MultiPolygon, Polygon } from 'geojson';
import type { Db } from '../../db/db.types.js';
import { ImportError } from '../../import/import.types.js';

export interface RegionRow {
  code: string;
  level: 'district' | 'subdistrict' | 'community';
  parentCode: string | null;
  name: string;
  boundary: Polygon | MultiPolygon;
  codeOrigin: 'source' | 'matched' | 'generated';
}

export interface DistrictContext {
  districtCode: string;
  name: string;
  boundary: Polygon | MultiPolygon;
  regions: RegionRow[];
}

export async function loadDistrictContext(db: Db, districtCode: string): Promise<DistrictContext> {
  if (!/^\d{6}$/.test(districtCode)) throw new ImportError(`a district code has 6 digits, got "${districtCode}"`);
  const r = await db.query<RegionRow>(
    `SELECT code, level, parent_code AS "parentCode", name, ST_AsGeoJSON(boundary, 9)::json AS boundary, code_origin AS "codeOrigin"
     FROM regions WHERE district_code = $1 ORDER BY length(code), code`,
    [districtCode],
  );
  const district = r.rows.find((x) => x.level === 'district');
  if (!district) {
    throw new ImportError(
      `there is no district ${districtCode}: create it first with "pnpm gridatlas district create --code ${districtCode} --name … --boundary …"`,
    );
  }
  return { districtCode, name: district.name, boundary: district.boundary, regions: r.rows };
}
