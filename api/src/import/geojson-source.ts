/**
 * GeoJSON features. JSON has no streaming parse in the platform: the file is read once as a
 * string and parsed (the string is dropped before the features are walked).
 */
import { readFileSync } from 'node:fs';
import { ImportError, type ImportInput, type SourceRecord } from './import.types.js';

interface Feature {
  geometry?: { type?: string; coordinates?: unknown } | null;
  properties?: Record<string, unknown> | null;
  id?: unknown;
}

function parseFeatures(input: ImportInput): Feature[] {
  let doc: unknown;
  try {
    doc = JSON.parse('path' in input ? readFileSync(input.path, 'utf8') : new TextDecoder().decode(input.bytes));
  } catch (error) {
    throw new ImportError(`not valid JSON: ${(error as Error).message}`);
  }
  const d = doc as { type?: string; features?: unknown };
  if (d?.type === 'FeatureCollection' && Array.isArray(d.features)) return d.features as Feature[];
  if (d?.type === 'Feature') return [d as Feature];
  throw new ImportError('expected a GeoJSON FeatureCollection');
}

function pointOf(geometry: Feature['geometry']): [number, number] | null {
  if (!geometry) return null;
  const c = geometry.coordinates;
  if (geometry.type === 'Point' && Array.isArray(c)) return [Number(c[0]), Number(c[1])];
  // A one-point MultiPoint, as some exporters write every point.
  if (geometry.type === 'MultiPoint' && Array.isArray(c) && c.length === 1 && Array.isArray(c[0])) return [Number(c[0][0]), Number(c[0][1])];
  return null;
}

export async function* geojsonRecords(input: ImportInput): AsyncIterable<SourceRecord> {
  const features = parseFeatures(input);
  for (let i = 0; i < features.length; i++) {
    const f = features[i]!;
    const fields = { ...(f.properties ?? {}) };
    if (f.id !== undefined && fields.id === undefined) fields.id = f.id;
    yield { row: i + 1, fields, point: pointOf(f.geometry) };
  }
}
