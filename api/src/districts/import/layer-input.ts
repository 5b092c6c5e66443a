/**
 * The one place a district import reads a file: every layer comes through the formats
 * engine's `readLayer()` (zipped or bare Shapefile with .prj/.cpg, GeoJSON, KML, CSV, XLSX;
 * encoding and coordinate system given, read from the file or detected; converted to WGS84).
 * This only adapts its answer to what the layer importers read: field names, features whose
 * properties carry their 1-based row (`__row`), and warnings as sentences.
 */
import type { Feature, Geometry } from 'geojson';
import { readLayer } from '../../import/formats/read-layer.js';
import type { ExpectedGeometry, LayerFormat } from '../../import/formats/layer.types.js';
import { LAYER_FORMATS } from '../../import/formats/layer.types.js';
import { ImportError, type ImportInput } from '../../import/import.types.js';

export interface LayerReadOptions {
  format?: string;
  /** wgs84 | cgcs2000 | gcj02 | bd09 | EPSG:n | …: overrides the .prj and detection. */
  crs?: string;
  encoding?: string;
  /** Shapefile in a zip, XLSX sheet. */
  layer?: string;
  lngField?: string;
  latField?: string;
  /** The geometry the layer needs: a file holding none of it is refused whole (exit 2). */
  expect?: ExpectedGeometry;
  /** The district's boundary (WGS84): degrees are checked against it for the GCJ-02 offset, metres placed in its zone. */
  reference?: Feature[];
  crsHint?: [number, number, number, number];
  signal?: AbortSignal;
  /** Largest file accepted, bytes (default 256 MiB). */
  maxBytes?: number;
}

export interface LayerRead {
  format: string;
  encoding: { name: string; how: string };
  crs: { id: string; name: string; how: string; gcj02Suspected?: boolean };
  /** Field names, in file order. */
  fields: string[];
  /** WGS84 `[lng, lat]` GeoJSON features; rows of a table without coordinates have `geometry: null`. */
  features: Feature<Geometry | null>[];
  featureCount: number;
  warnings: string[];
}

export const DEFAULT_MAX_INPUT_BYTES = 256 * 2 ** 20;

export async function readLayerInput(input: ImportInput, options: LayerReadOptions = {}): Promise<LayerRead> {
  if (options.format !== undefined && !(LAYER_FORMATS as readonly string[]).includes(options.format)) {
    throw new ImportError(`unknown format "${options.format}"; expected one of ${LAYER_FORMATS.join(', ')}`);
  }
  const r = await readLayer(input, {
    ...(options.format ? { format: options.format as LayerFormat } : {}),
    ...(options.crs ? { crs: options.crs } : {}),
    ...(options.encoding ? { encoding: options.encoding } : {}),
    ...(options.layer ? { layer: options.layer } : {}),
    ...(options.lngField ? { lngField: options.lngField } : {}),
    ...(options.latField ? { latField: options.latField } : {}),
    ...(options.expect ? { expect: options.expect } : {}),
    ...(options.reference ? { reference: options.reference } : {}),
    ...(options.crsHint ? { crsHint: options.crsHint } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    maxBytes: options.maxBytes ?? DEFAULT_MAX_INPUT_BYTES,
  });
  const warnings = r.warnings.map((w) => `${w.message}${w.count > 1 ? ` (${w.count})` : ''}`);
  if (r.crs.gcj02Suspected)
    warnings.push('the layer sits a GCJ-02 offset away from the district: if it came from a Chinese web map, import it with --crs gcj02');
  return {
    format: r.format,
    encoding: r.encoding ?? { name: 'utf-8', how: 'given' },
    crs: r.crs,
    fields: r.fields.map((f) => f.name),
    features: r.features.map((f) => ({ type: 'Feature', properties: { ...f.properties, __row: f.id }, geometry: f.geometry })),
    featureCount: r.featureCount,
    warnings,
  };
}
