/**
 * Bad and awkward files, made at test time from the real data in `../shared/data/real` (never
 * copied into the repository), for the format tests here and the district import's tests:
 * a Gauss–Krüger GBK Shapefile of Chinese-named polygons without a .cpg, the same without a
 * .prj, GCJ-02 GeoJSON and KML, a zip with macOS junk and two layers, a zip bomb, an empty
 * layer, and lines where polygons are expected. GDAL's ogr2ogr makes the shapefiles, so
 * they are independent of GridAtlas's own writer.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mapGeometry, wgs84ToGcj02 } from '@gridatlas/core';
import { zipSync } from 'fflate';
import type { Feature, FeatureCollection, Geometry } from 'geojson';

/** The real data folder (`GRIDATLAS_REAL_DATA`, else `../shared/data/real` beside the checkout). */
export const REAL_DATA = process.env.GRIDATLAS_REAL_DATA ?? join(import.meta.dirname, '../../../../../shared/data/real');

export function realGeojson(file: string): FeatureCollection {
  return JSON.parse(readFileSync(join(REAL_DATA, file), 'utf8')) as FeatureCollection;
}

/** A fresh temp folder; `dispose()` removes it. */
export function fixtureDir(prefix = 'gridatlas-formats-'): { dir: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** gdal-bin is installed. Tests that need it are skipped without it, except in CI (whose bootstrap installs it). */
export const HAS_GDAL = spawnSync('ogr2ogr', ['--version'], { stdio: 'ignore' }).status === 0;
export const RUN_GDAL_TESTS = HAS_GDAL || process.env.CI === 'true';

/** A file as GDAL reads it: GeoJSON features in WGS84 (`-t_srs EPSG:4326`), attributes as GDAL decodes them. */
export function gdalRead(path: string, options: { layer?: string; openOptions?: string[] } = {}): FeatureCollection {
  const args = [
    '-f',
    'GeoJSON',
    '-t_srs',
    'EPSG:4326',
    '-lco',
    'COORDINATE_PRECISION=10',
    '/vsistdout/',
    path.endsWith('.zip') ? `/vsizip/${path}` : path,
  ];
  for (const o of options.openOptions ?? []) args.push('-oo', o);
  if (options.layer) args.push(options.layer);
  return JSON.parse(execFileSync('ogr2ogr', args, { encoding: 'utf8', maxBuffer: 256 << 20 })) as FeatureCollection;
}

/** `ogrinfo -so -al` of a file: its summary (geometry type, count, CRS as WKT2 with the EPSG id GDAL recognised). */
export function gdalInfo(path: string): string {
  return execFileSync('ogrinfo', ['-so', '-al', path.endsWith('.zip') ? `/vsizip/${path}` : path], { encoding: 'utf8' });
}

function ogr2ogr(args: string[]): void {
  execFileSync('ogr2ogr', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

function writeJson(path: string, features: Feature[]): string {
  writeFileSync(path, JSON.stringify({ type: 'FeatureCollection', features }));
  return path;
}

/**
 * Polygons with Chinese names and codes: the districts of Wuhan (web-map data, 13 polygons,
 * taken here as WGS84), with `名称` (name), `代码` (the 6-digit code) and `备注` (a note).
 */
export function chinesePolygons(): Feature[] {
  return realGeojson('wuhan-districts-echarts.geojson').features.map((f) => ({
    type: 'Feature',
    geometry: f.geometry,
    properties: { 名称: f.properties!.name, 代码: String(f.id ?? f.properties!.id), 备注: `${f.properties!.name}（武汉市）` },
  }));
}

/** The Wuhan OpenStreetMap tiles' layer (`buildings` or `roads`), WGS84. */
export function wuhanTiles(layer: 'buildings' | 'roads'): Feature[] {
  return realGeojson('wuhan-hongshan-osm-tiles.geojson').features.filter((f) => f.properties?.layer === layer);
}

export interface ShapefileFixture {
  /** The .shp on disk (its siblings beside it). */
  shp: string;
  /** The same files zipped. */
  zip: string;
  features: Feature[];
}

/** Zips the files of `stem` (all extensions found) into `stem.zip`. */
function zipStem(dir: string, stem: string, extra: Record<string, Uint8Array> = {}): string {
  const files: Record<string, Uint8Array> = { ...extra };
  for (const ext of ['shp', 'shx', 'dbf', 'prj', 'cpg']) {
    try {
      files[`${stem}.${ext}`] = readFileSync(join(dir, `${stem}.${ext}`));
    } catch {
      // not every fixture has every part
    }
  }
  const zip = join(dir, `${stem}.zip`);
  writeFileSync(zip, zipSync(files));
  return zip;
}

/**
 * A GBK Shapefile of Chinese-named polygons projected to a CGCS2000 Gauss–Krüger zone
 * (default EPSG:4526, 3° zone 38 with the zone prefix, where Wuhan lies), made by ogr2ogr.
 * `cpg: false` removes the .cpg (the usual office file), `prj: false` the .prj.
 */
export function gkGbkShapefile(dir: string, options: { crs?: string; cpg?: boolean; prj?: boolean; name?: string } = {}): ShapefileFixture {
  const name = options.name ?? 'communities';
  const features = chinesePolygons();
  const src = writeJson(join(dir, `${name}-src.geojson`), features);
  ogr2ogr([
    '-f',
    'ESRI Shapefile',
    '-s_srs',
    'EPSG:4326',
    '-t_srs',
    options.crs ?? 'EPSG:4526',
    '-lco',
    'ENCODING=GBK',
    '-nln',
    name,
    join(dir, `${name}.shp`),
    src,
  ]);
  if (options.cpg === false) unlinkSync(join(dir, `${name}.cpg`));
  if (options.prj === false) unlinkSync(join(dir, `${name}.prj`));
  return { shp: join(dir, `${name}.shp`), zip: zipStem(dir, name), features };
}

/** Real WGS84 features moved into GCJ-02, as a web map serves them, as GeoJSON and KML (ogr2ogr). */
export function gcj02Files(dir: string, features: Feature[] = wuhanTiles('buildings')): { geojson: string; kml: string; truth: Feature[] } {
  const shifted = features.map((f) => ({
    ...f,
    properties: { id: f.properties?.id, kind: f.properties?.kind },
    geometry: mapGeometry(f.geometry as Geometry, wgs84ToGcj02),
  }));
  const geojson = writeJson(join(dir, 'gcj02-buildings.geojson'), shifted);
  const kml = join(dir, 'gcj02-buildings.kml');
  ogr2ogr(['-f', 'KML', kml, geojson]);
  return { geojson, kml, truth: features };
}

/** A zip of two shapefile layers (communities, roads) in a folder, with macOS junk and a stray readme. */
export function twoLayerZip(dir: string): string {
  const sub = join(dir, 'two');
  mkdirSync(sub, { recursive: true });
  gkGbkShapefile(sub, { name: 'communities' });
  const roads = writeJson(join(sub, 'roads-src.geojson'), wuhanTiles('roads'));
  ogr2ogr(['-f', 'ESRI Shapefile', '-lco', 'ENCODING=UTF-8', '-nln', 'roads', join(sub, 'roads.shp'), roads]);
  const files: Record<string, Uint8Array> = {
    '数据/.DS_Store': new Uint8Array(64),
    '数据/readme.txt': new TextEncoder().encode('导出说明'),
  };
  for (const stem of ['communities', 'roads']) {
    for (const ext of ['shp', 'shx', 'dbf', 'prj', 'cpg']) {
      const bytes = readFileSync(join(sub, `${stem}.${ext}`));
      files[`数据/${stem}.${ext}`] = bytes;
      files[`__MACOSX/数据/._${stem}.${ext}`] = new Uint8Array(244).fill(7);
    }
  }
  const zip = join(dir, 'two-layers.zip');
  writeFileSync(zip, zipSync(files));
  return zip;
}

/** Lines where polygons are expected: the Wuhan roads as a zipped shapefile. */
export function linesShapefile(dir: string): string {
  const src = writeJson(join(dir, 'lines-src.geojson'), wuhanTiles('roads'));
  ogr2ogr(['-f', 'ESRI Shapefile', '-nln', 'streets', join(dir, 'streets.shp'), src]);
  return zipStem(dir, 'streets');
}

/** A shapefile layer with no features (ogr2ogr of an empty collection, polygons declared). */
export function emptyShapefile(dir: string): string {
  const src = writeJson(join(dir, 'empty-src.geojson'), []);
  ogr2ogr(['-f', 'ESRI Shapefile', '-nlt', 'POLYGON', '-a_srs', 'EPSG:4490', '-nln', 'empty', join(dir, 'empty.shp'), src]);
  return zipStem(dir, 'empty');
}

/**
 * A zip whose one entry (a megabyte of spaces in `big.csv`) declares it unpacks to 1,000
 * bytes: the sizes in its local header and central directory are rewritten.
 */
export function zipBomb(): Uint8Array {
  const zip = zipSync({ 'big.csv': new Uint8Array(1 << 20).fill(0x20) }, { level: 9 });
  const dv = new DataView(zip.buffer);
  for (let at = 0; at + 4 <= zip.length; at++) {
    const sig = dv.getUint32(at, true);
    if (sig === 0x04034b50) dv.setUint32(at + 22, 1000, true);
    if (sig === 0x02014b50) dv.setUint32(at + 24, 1000, true);
  }
  return zip;
}

/** Features of a layer that GDAL (SQLite dialect, GEOS) finds invalid. */
export function gdalInvalidCount(path: string, layer: string): number {
  const out = execFileSync(
    'ogrinfo',
    [
      '-ro',
      '-q',
      '-dialect',
      'SQLite',
      '-sql',
      `SELECT count(*) AS bad FROM "${layer}" WHERE NOT ST_IsValid(geometry)`,
      path.endsWith('.zip') ? `/vsizip/${path}` : path,
    ],
    { encoding: 'utf8' },
  );
  const m = /bad \(Integer\) = (\d+)/.exec(out);
  if (!m) throw new Error(`ogrinfo gave no count: ${out}`);
  return Number(m[1]);
}
