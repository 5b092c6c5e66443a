/**
 * GeoJSON: RFC 7946 says WGS84, and that is the default; a legacy `crs` member
 * (`urn:ogc:def:crs:EPSG::4490`, `EPSG:4527` …) is honoured. JSON has no streaming parse
 * in the platform: the text is parsed whole (the input limit bounds it). UTF-8 by the RFC;
 * GBK text, which some Chinese tools write, is detected and reported.
 */
import { parseCrs, CrsError, WGS84 } from '@gridatlas/core';
import type { Geometry } from 'geojson';
import { FormatError } from './format-error.js';
import { LayerWarnings } from './layer-warnings.js';
import type { LayerEncoding } from './layer.types.js';
import { FieldTypes, type RawLayer, type RawRecord } from './raw-layer.js';
import { bomOf, decodesAs, encodingName } from './text-encoding.js';

interface JsonFeature {
  type?: string;
  geometry?: Geometry | null;
  properties?: Record<string, unknown> | null;
  id?: unknown;
}

const GEOMETRY_TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']);

/** Text of a JSON or XML file: the encoding given, else a BOM, else UTF-8, else GBK (reported). */
export function decodeText(bytes: Uint8Array, given: string | undefined, declared?: string): { text: string; encoding: LayerEncoding } {
  if (given !== undefined) {
    const name = encodingName(given);
    if (!name) throw new FormatError('bad_encoding', `unknown encoding "${given}"; try utf-8 or gbk`);
    if (!decodesAs(bytes, name))
      throw new FormatError('bad_encoding', `the file is not valid ${name}; try --encoding ${name === 'gbk' ? 'utf-8' : 'gbk'}`);
    return { text: new TextDecoder(name).decode(bytes), encoding: { name, how: 'given' } };
  }
  const bom = bomOf(bytes);
  if (bom) return { text: new TextDecoder(bom.name).decode(bytes.subarray(bom.length)), encoding: { name: bom.name, how: 'detected' } };
  const said = declared ? encodingName(declared) : null;
  for (const name of [...(said ? [said] : []), 'utf-8', 'gbk']) {
    if (decodesAs(bytes, name)) return { text: new TextDecoder(name).decode(bytes), encoding: { name, how: 'detected' } };
  }
  throw new FormatError('bad_encoding', 'the file is neither UTF-8 nor GBK; give its encoding with --encoding');
}

function crsOfMember(doc: { crs?: { type?: string; properties?: { name?: string } } }): RawLayer['declaredCrs'] {
  const name = doc.crs?.properties?.name;
  if (typeof name !== 'string') return { crs: WGS84, how: 'default' };
  if (/CRS84$/i.test(name)) return { crs: WGS84, how: 'prj' };
  const code = /EPSG:(?:[\d.]*:)?(\d+)$/i.exec(name)?.[1];
  try {
    return { crs: parseCrs(code ? `EPSG:${code}` : name), how: 'prj' };
  } catch (error) {
    if (!(error instanceof CrsError)) throw error;
    throw new FormatError('unknown_crs', `the GeoJSON's crs member names ${name}: ${error.message}`);
  }
}

export function geojsonLayer(name: string, bytes: Uint8Array, options: { encoding?: string }): RawLayer {
  const warnings = new LayerWarnings();
  const { text, encoding } = decodeText(bytes, options.encoding);
  if (encoding.name !== 'utf-8' && encoding.how === 'detected')
    warnings.add('not_utf8', `GeoJSON should be UTF-8 (RFC 7946); this file is ${encoding.name} and was read as such`, encoding.name);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new FormatError('unreadable', `not valid JSON: ${(error as Error).message}`);
  }
  const d = doc as { type?: string; features?: unknown; crs?: { properties?: { name?: string } } };
  let features: JsonFeature[];
  if (d?.type === 'FeatureCollection' && Array.isArray(d.features)) features = d.features as JsonFeature[];
  else if (d?.type === 'Feature') features = [d as JsonFeature];
  else if (typeof d?.type === 'string' && GEOMETRY_TYPES.has(d.type))
    features = [{ type: 'Feature', geometry: d as Geometry, properties: {} }];
  else throw new FormatError('unreadable', 'expected a GeoJSON FeatureCollection, Feature or geometry');
  const declaredCrs = crsOfMember(d);
  const types = new FieldTypes();
  return {
    format: 'geojson',
    name,
    encoding,
    declaredCrs,
    fields: null,
    count: features.length,
    bbox: null,
    warnings,
    fieldTypes: types,
    async *records(): AsyncIterable<RawRecord> {
      for (let i = 0; i < features.length; i++) {
        const f = features[i]!;
        const properties = { ...(f?.properties ?? {}) };
        if (f?.id !== undefined && properties.id === undefined) properties.id = f.id;
        let geometry = f?.geometry ?? null;
        if (geometry !== null && (typeof geometry !== 'object' || !GEOMETRY_TYPES.has(geometry.type))) {
          warnings.add('bad_geometry', 'features whose geometry is not a GeoJSON geometry were read without one', i + 1);
          geometry = null;
        }
        types.see(properties);
        yield { row: i + 1, geometry, properties };
      }
    },
  };
}
