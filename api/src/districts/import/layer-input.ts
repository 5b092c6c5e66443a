/**
 * The one place a district import reads a file: every layer comes through `readLayerInput`,
 * shaped as the formats engine's `readLayer()` answers (format, encoding, coordinate system,
 * field names, WGS84 GeoJSON features). Until that engine is in the tree this reads what the
 * import sources read today — GeoJSON (any geometry, converted from the named system), CSV
 * and XLSX rows (features without geometry, or points from lng/lat fields) — and says plainly
 * that other formats need it.
 */
import { readFileSync, statSync } from 'node:fs';
import { isSourceCrs, toWgs84, type SourceCrs } from '@gridatlas/core';
import type { Feature, Geometry, Position } from 'geojson';
import { csvRecords } from '../../import/csv-source.js';
import { formatOf, inputName } from '../../import/import-source.js';
import { ImportError, type ImportInput } from '../../import/import.types.js';
import { xlsxRecords } from '../../import/xlsx-source.js';

export interface LayerReadOptions {
  format?: string;
  /** wgs84 | cgcs2000 | gcj02 | bd09 (EPSG codes once the formats engine is in). */
  crs?: string;
  encoding?: string;
  layer?: string;
  lngField?: string;
  latField?: string;
  signal?: AbortSignal;
  /** Largest file accepted, bytes (default 256 MiB): larger is unreadable input, not a crash. */
  maxBytes?: number;
}

export interface LayerRead {
  format: string;
  encoding: { name: string; how: 'given' | 'default' };
  crs: { id: string; name: string; how: 'given' | 'default' | 'none' };
  /** Field names, in file order. */
  fields: string[];
  /** WGS84 `[lng, lat]` GeoJSON features; rows of a table have `geometry: null`. */
  features: Feature<Geometry | null>[];
  featureCount: number;
  warnings: string[];
}

export const DEFAULT_MAX_INPUT_BYTES = 256 * 2 ** 20;

function sizeOf(input: ImportInput): number {
  return 'path' in input ? statSync(input.path).size : input.bytes.byteLength;
}

function mapPositions(g: Geometry, f: (p: Position) => Position): Geometry {
  const ring = (r: Position[]): Position[] => r.map(f);
  switch (g.type) {
    case 'Point':
      return { type: 'Point', coordinates: f(g.coordinates) };
    case 'MultiPoint':
    case 'LineString':
      return { type: g.type, coordinates: ring(g.coordinates) } as Geometry;
    case 'MultiLineString':
    case 'Polygon':
      return { type: g.type, coordinates: g.coordinates.map(ring) } as Geometry;
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(ring)) };
    case 'GeometryCollection':
      return { type: 'GeometryCollection', geometries: g.geometries.map((x) => mapPositions(x, f)) };
  }
}

function readGeojson(input: ImportInput, crs: SourceCrs): Feature<Geometry | null>[] {
  let doc: unknown;
  try {
    doc = JSON.parse('path' in input ? readFileSync(input.path, 'utf8') : new TextDecoder('utf-8', { fatal: true }).decode(input.bytes));
  } catch (error) {
    throw new ImportError(`not valid GeoJSON: ${(error as Error).message}`);
  }
  const d = doc as { type?: string; features?: unknown };
  const features = d?.type === 'FeatureCollection' && Array.isArray(d.features) ? (d.features as Feature[]) : d?.type === 'Feature' ? [d as Feature] : null;
  if (!features) throw new ImportError('expected a GeoJSON FeatureCollection (or one Feature)');
  // Positions that are not numbers stay as they are: the normalising step rejects them with a reason.
  const convert = (p: Position): Position =>
    crs === 'wgs84' || crs === 'cgcs2000' || typeof p?.[0] !== 'number' || typeof p?.[1] !== 'number' ? p : toWgs84(p, crs);
  return features.map((f) => ({
    type: 'Feature',
    ...(f?.id !== undefined ? { id: f.id } : {}),
    properties: { ...(f?.properties ?? {}) },
    geometry: f?.geometry && typeof f.geometry === 'object' ? safeMap(f.geometry, convert) : null,
  }));
}

function safeMap(g: Geometry, f: (p: Position) => Position): Geometry {
  try {
    return mapPositions(g, f);
  } catch {
    return g;
  }
}

async function readTable(input: ImportInput, format: 'csv' | 'xlsx', options: LayerReadOptions, crs: SourceCrs): Promise<{ fields: string[]; features: Feature<Geometry | null>[] }> {
  const source = { ...(options.encoding ? { encoding: options.encoding } : {}), ...(options.layer ? { layer: options.layer } : {}) };
  const records = format === 'csv' ? csvRecords(input, source) : xlsxRecords(input, source);
  const features: Feature<Geometry | null>[] = [];
  const fields = new Set<string>();
  for await (const r of records) {
    if (options.signal?.aborted) throw options.signal.reason ?? new Error('aborted');
    for (const k of Object.keys(r.fields)) fields.add(k);
    let geometry: Geometry | null = null;
    if (options.lngField && options.latField) {
      const x = Number(r.fields[options.lngField]);
      const y = Number(r.fields[options.latField]);
      if (Number.isFinite(x) && Number.isFinite(y)) geometry = { type: 'Point', coordinates: toWgs84([x, y], crs) };
    }
    features.push({ type: 'Feature', properties: { ...r.fields, __row: r.row }, geometry });
  }
  return { fields: [...fields], features };
}

export async function readLayerInput(input: ImportInput, options: LayerReadOptions = {}): Promise<LayerRead> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_INPUT_BYTES;
  const size = sizeOf(input);
  if (size > maxBytes) throw new ImportError(`${inputName(input)} is ${Math.round(size / 2 ** 20)} MiB; a layer may be at most ${Math.round(maxBytes / 2 ** 20)} MiB`);
  if (size === 0) throw new ImportError(`${inputName(input)} is empty`);
  const crsName = (options.crs ?? 'wgs84').toLowerCase();
  if (!isSourceCrs(crsName)) throw new ImportError(`unknown coordinate system "${options.crs}": use wgs84, cgcs2000, gcj02 or bd09`);
  const format = formatOf(input, options.format);
  const crs = { id: crsName, name: crsName.toUpperCase(), how: options.crs ? ('given' as const) : ('default' as const) };
  const encoding = { name: (options.encoding ?? 'utf-8').toLowerCase(), how: options.encoding ? ('given' as const) : ('default' as const) };
  if (format === 'geojson') {
    const features = readGeojson(input, crsName);
    const fields = [...new Set(features.flatMap((f) => Object.keys(f.properties ?? {})))];
    return { format, encoding: { name: 'utf-8', how: 'default' }, crs, fields, features, featureCount: features.length, warnings: [] };
  }
  if (format === 'csv' || format === 'xlsx') {
    const { fields, features } = await readTable(input, format, options, crsName);
    // Bytes that are not UTF-8 decode to U+FFFD: a GBK file read without --encoding.
    if (format === 'csv' && !options.encoding && (fields.some((f) => f.includes('\ufffd')) || features.slice(0, 200).some((f) => Object.values(f.properties ?? {}).some((v) => typeof v === 'string' && v.includes('\ufffd'))))) {
      throw new ImportError(`${inputName(input)} is not UTF-8 (its text does not decode): name its encoding, e.g. --encoding gbk`);
    }
    return { format, encoding, crs: options.lngField ? crs : { ...crs, how: 'none' }, fields, features, featureCount: features.length, warnings: [] };
  }
  throw new ImportError(`${format} layers are read by the formats engine (zipped Shapefile with .prj/.cpg, KML, GeoPackage), which this build does not have yet: convert the layer to GeoJSON`);
}
