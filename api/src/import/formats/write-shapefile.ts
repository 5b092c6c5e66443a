/**
 * A zipped Shapefile of WGS84 features, written in the system an office asks for: .shp,
 * .shx, .dbf (UTF-8 by default, GBK on request), .cpg naming the encoding, and .prj (WGS84,
 * CGCS2000 geographic, or any Gauss–Krüger zone by EPSG code), every position reprojected.
 */
import { converterFromWgs84, CrsError, esriWkt, mapGeometry, parseCrs, WGS84, type Crs } from '@gridatlas/core';
import type { Feature, Geometry } from 'geojson';
import { zipSync } from 'fflate';
import { writeDbf, type DbfEncoding } from './dbf-writer.js';
import { FormatError } from './format-error.js';
import { LayerWarnings } from './layer-warnings.js';
import type { LayerWarning } from './layer.types.js';
import { shapeKindOf, writeShp } from './shp-writer.js';

export interface WriteShapefileOptions {
  /** Target system (default WGS84): `cgcs2000`, `EPSG:4527` … (see `parseCrs`). */
  crs?: string | Crs;
  /** DBF text encoding (default utf-8). */
  encoding?: DbfEncoding;
  /** Name of the files inside the zip (default `layer`). */
  name?: string;
}

export interface WrittenFile {
  bytes: Uint8Array;
  warnings: LayerWarning[];
}

/** The .cpg text for each encoding (what GDAL writes and reads). */
const CPG: Record<DbfEncoding, string> = { 'utf-8': 'UTF-8', gbk: 'GBK' };

function targetCrs(crs: WriteShapefileOptions['crs']): Crs {
  if (crs === undefined) return WGS84;
  if (typeof crs !== 'string') return crs;
  try {
    return parseCrs(crs);
  } catch (error) {
    if (error instanceof CrsError) throw new FormatError('unknown_crs', error.message);
    throw error;
  }
}

/**
 * @param features WGS84 `[lng, lat]`, one kind of geometry (polygons, lines or points)
 * @example const { bytes } = writeShapefile(grids, { crs: 'EPSG:4527', encoding: 'gbk', name: 'grids' })
 */
export function writeShapefile(features: Feature<Geometry | null>[], options: WriteShapefileOptions = {}): WrittenFile {
  const warnings = new LayerWarnings();
  const crs = targetCrs(options.crs);
  let prj: string;
  try {
    prj = esriWkt(crs);
  } catch (error) {
    if (error instanceof CrsError) throw new FormatError('unknown_crs', error.message);
    throw error;
  }
  const convert = converterFromWgs84(crs);
  const geometries = features.map((f) => (f.geometry ? mapGeometry(f.geometry, convert) : null));
  const kind = shapeKindOf(geometries);
  const { shp, shx } = writeShp(geometries, kind);
  const encoding = options.encoding ?? 'utf-8';
  const dbf = writeDbf(
    features.map((f) => f.properties ?? {}),
    encoding,
    warnings,
  );
  const name = options.name ?? 'layer';
  const enc = new TextEncoder();
  const bytes = zipSync({
    [`${name}.shp`]: shp,
    [`${name}.shx`]: shx,
    [`${name}.dbf`]: dbf,
    [`${name}.prj`]: enc.encode(prj),
    [`${name}.cpg`]: enc.encode(CPG[encoding]),
  });
  return { bytes, warnings: warnings.list() };
}
