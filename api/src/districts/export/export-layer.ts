/**
 * Exports a district office expects: the current plan's grids, the communities or the
 * buildings as GeoJSON (WGS84), zipped Shapefile (DBF with .cpg and .prj, CGCS2000 or WGS84)
 * or the grid table as XLSX (code, name, community, households, persons, buildings, area,
 * staff). Grid figures count buildings by the point on their surface, as the plan checks do;
 * households carry whether any of them are estimated.
 */
import type { Feature, Geometry } from 'geojson';
import type { Db } from '../../db/db.types.js';
import { writeGeojson } from '../../import/formats/write-geojson.js';
import { writeShapefile } from '../../import/formats/write-shapefile.js';
import { writeXlsx } from '../../import/formats/write-xlsx.js';
import { ImportError } from '../../import/import.types.js';
import { districtModelRoleJoin } from '../../staff/staff-model.js';

export const EXPORT_LAYERS = ['grids', 'communities', 'buildings'] as const;
export type ExportLayer = (typeof EXPORT_LAYERS)[number];
export const EXPORT_FORMATS = ['geojson', 'shp', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  districtCode: string;
  layer: ExportLayer;
  format: ExportFormat;
  /** wgs84 (default) or cgcs2000 / EPSG:n for shapefiles. */
  crs?: string;
  /** DBF text encoding of a shapefile (default utf-8; gbk for older GIS). */
  encoding?: 'utf-8' | 'gbk';
}

export interface ExportedFile {
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
  features: number;
}

/** The layer's rows as GeoJSON features with the attributes every format writes. */
export async function exportFeatures(
  db: Db,
  districtCode: string,
  layer: ExportLayer,
): Promise<Feature<Geometry, Record<string, unknown>>[]> {
  const sql: Record<ExportLayer, string> = {
    grids: `SELECT g.code, g.name, g.type, g.community_code, c.name AS community,
         coalesce(sum(b.households), 0)::int AS households, coalesce(sum(b.persons), 0)::int AS persons, count(b.id)::int AS buildings,
         bool_or(b.households_source = 'estimated') IS TRUE AS estimated,
         round(ST_Area(g.geometry::geography))::bigint AS area_m2,
         (SELECT string_agg(s.name || '(' || coalesce(mr.zh, r.zh) || ')', '、' ORDER BY r.sort, s.name) FROM staff_assignments a
            JOIN staff s ON s.district_code = a.district_code AND s.id = a.staff_id JOIN staff_roles r ON r.key = a.role
            ${districtModelRoleJoin('$1', 'a.role')}
          WHERE a.district_code = g.district_code AND a.grid_code = g.code) AS staff,
         ST_AsGeoJSON(g.geometry, 9)::json AS geometry
       FROM current_grids g JOIN regions c ON c.district_code = g.district_code AND c.code = g.community_code
       LEFT JOIN buildings b ON b.district_code = g.district_code AND ST_Intersects(g.geometry, ST_PointOnSurface(b.footprint))
       WHERE g.district_code = $1 GROUP BY g.district_code, g.code, g.name, g.type, g.community_code, c.name, g.geometry ORDER BY g.code`,
    communities: `SELECT r.code, r.name, r.parent_code, p.name AS subdistrict, r.code_origin,
         (SELECT coalesce(sum(households), 0)::int FROM buildings b WHERE b.district_code = r.district_code AND b.community_code = r.code) AS households,
         (SELECT coalesce(sum(persons), 0)::int FROM buildings b WHERE b.district_code = r.district_code AND b.community_code = r.code) AS persons,
         round(ST_Area(r.boundary::geography))::bigint AS area_m2, ST_AsGeoJSON(r.boundary, 9)::json AS geometry
       FROM regions r LEFT JOIN regions p ON p.district_code = r.district_code AND p.code = r.parent_code
       WHERE r.district_code = $1 AND r.level = 'community' ORDER BY r.code`,
    buildings: `SELECT coalesce(b.code, b.source_id, b.id::text) AS code, b.name, b.community_code, b.address, b.floors, b.height_m,
         b.households, b.persons, b.households_source, ST_AsGeoJSON(b.footprint, 9)::json AS geometry
       FROM buildings b WHERE b.district_code = $1 ORDER BY b.id`,
  };
  const r = await db.query<Record<string, unknown> & { geometry: Geometry }>(sql[layer], [districtCode]);
  return r.rows.map(({ geometry, ...properties }) => ({ type: 'Feature', properties, geometry }));
}

export async function exportDistrictLayer(db: Db, options: ExportOptions): Promise<ExportedFile> {
  const exists = await db.query('SELECT 1 FROM districts WHERE district_code = $1', [options.districtCode]);
  if (exists.rows.length === 0) throw new ImportError(`there is no district ${options.districtCode}`);
  const crs = (options.crs ?? 'wgs84').toLowerCase();
  const features = await exportFeatures(db, options.districtCode, options.layer);
  const stem = `${options.districtCode}-${options.layer}`;
  if (options.format === 'geojson') {
    if (crs !== 'wgs84' && crs !== 'epsg:4326')
      throw new ImportError('GeoJSON is written in WGS84 (RFC 7946): use --format shp for CGCS2000 or another system');
    return { fileName: `${stem}.geojson`, contentType: 'application/geo+json', bytes: writeGeojson(features), features: features.length };
  }
  if (options.format === 'shp') {
    // DBF field names are at most 10 characters: the long ones are shortened, as offices' files have them.
    const short = features.map((f) => ({
      ...f,
      properties: Object.fromEntries(Object.entries(f.properties).map(([k, v]) => [DBF_NAMES[k] ?? k, v])),
    }));
    const written = writeShapefile(short, {
      crs: options.crs ?? 'wgs84',
      ...(options.encoding ? { encoding: options.encoding } : {}),
      name: stem,
    });
    return { fileName: `${stem}.zip`, contentType: 'application/zip', bytes: written.bytes, features: features.length };
  }
  // XLSX: the table without geometry (the grid table a district office keeps).
  const rows = features.map((f) => f.properties);
  const bytes = await writeXlsx(rows, { sheet: options.layer });
  return {
    fileName: `${stem}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    bytes,
    features: features.length,
  };
}

/** DBF names (≤ 10 characters) for the attributes longer than that. */
const DBF_NAMES: Record<string, string> = {
  community_code: 'comm_code',
  parent_code: 'parent',
  code_origin: 'code_orig',
  households_source: 'hh_source',
  subdistrict: 'subdistric',
};
