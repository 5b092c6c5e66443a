/**
 * The normalising step every imported layer goes through, in the shape of core's
 * `normaliseFeatures()` (wip/geom): each feature named by its own id and name, its geometry
 * checked for the kind the layer needs, and a report that accounts for every feature
 * (read = accepted + rejected) with each reason counted and sampled.
 *
 * Interim: until core's normaliser is in the tree, this checks structure only (type, finite
 * WGS84 positions, closed rings of four or more positions, single-part Multi* unwrapped,
 * rings closed) and repairs nothing else. It is replaced by core's, with the same call.
 */
import type { Feature, Geometry, LineString, MultiLineString, MultiPolygon, Point, Polygon, Position } from 'geojson';

export type GeometryExpectation = 'polygon' | 'line' | 'point';
export type NormalisedGeometryType = Polygon | MultiPolygon | LineString | MultiLineString | Point;

export interface NormalisedFeature {
  index: number;
  id: string;
  name?: string;
  properties: Record<string, unknown>;
  geometry: NormalisedGeometryType;
  repairs: { reason: string; detail: string; informational?: boolean }[];
}

export interface NormaliseEntry {
  index: number;
  id: string;
  name?: string;
  reason: string;
  detail: string;
}

export interface ReasonSummary {
  kind: 'repair' | 'rejection';
  count: number;
  informational?: boolean;
  sample: { id: string; name?: string; detail: string };
}

export interface NormaliseReport {
  read: number;
  accepted: number;
  repaired: number;
  rejected: number;
  reasons: Record<string, ReasonSummary>;
  repairs: NormaliseEntry[];
  rejections: NormaliseEntry[];
}

export interface NormaliseFeaturesOptions {
  expect: GeometryExpectation;
  idField?: string;
  nameField?: string;
}

const ID_FIELDS = ['id', 'ID', 'code', 'CODE'];
const NAME_FIELDS = ['name', 'NAME', 'Name', '名称', 'title'];
const WANTED: Record<GeometryExpectation, string[]> = {
  polygon: ['Polygon', 'MultiPolygon'],
  line: ['LineString', 'MultiLineString'],
  point: ['Point'],
};

function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() === '' ? undefined : v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

function okPosition(p: unknown): p is Position {
  return Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]) && Math.abs(p[0] as number) <= 180 && Math.abs(p[1] as number) <= 90;
}

type Outcome = { geometry: NormalisedGeometryType; repairs: NormalisedFeature['repairs'] } | { reject: string; detail: string };

function ring(r: unknown, repairs: NormalisedFeature['repairs']): Position[] | string {
  if (!Array.isArray(r) || !r.every(okPosition)) return 'a ring has a position that is not [lng, lat] in WGS84 degrees';
  const out = r.map((p) => [p[0]!, p[1]!]);
  const [a, b] = [out[0]!, out.at(-1)!];
  if (a[0] !== b[0] || a[1] !== b[1]) {
    out.push([a[0]!, a[1]!]);
    repairs.push({ reason: 'ring_closed', detail: 'an open ring was closed' });
  }
  return out.length < 4 ? 'a ring has fewer than 4 positions' : out;
}

function normaliseOne(g: Geometry | null | undefined, expect: GeometryExpectation): Outcome {
  if (!g || typeof g !== 'object') return { reject: 'no_geometry', detail: 'the feature has no geometry' };
  const singlePoint = expect === 'point' && g.type === 'MultiPoint' && Array.isArray(g.coordinates) && g.coordinates.length === 1;
  if (!WANTED[expect].includes(g.type) && !singlePoint) {
    return { reject: 'wrong_type', detail: `a ${g.type} where ${expect === 'polygon' ? 'polygons' : expect === 'line' ? 'lines' : 'points'} are needed` };
  }
  const repairs: NormalisedFeature['repairs'] = [];
  const bad = (detail: string): Outcome => ({ reject: 'bad_coordinates', detail });
  switch (g.type) {
    case 'Point':
    case 'MultiPoint': {
      const p = g.type === 'Point' ? g.coordinates : g.coordinates[0];
      return okPosition(p) ? { geometry: { type: 'Point', coordinates: [p[0]!, p[1]!] }, repairs } : bad('the point is not [lng, lat] in WGS84 degrees');
    }
    case 'LineString':
    case 'MultiLineString': {
      const lines = g.type === 'LineString' ? [g.coordinates] : g.coordinates;
      if (!Array.isArray(lines) || lines.length === 0) return { reject: 'empty', detail: 'the geometry has no coordinates' };
      for (const l of lines) if (!Array.isArray(l) || l.length < 2 || !l.every(okPosition)) return bad('a line has fewer than 2 positions or one that is not [lng, lat] in WGS84 degrees');
      const coords = lines.map((l) => l.map((p) => [p[0]!, p[1]!]));
      return { geometry: coords.length === 1 ? { type: 'LineString', coordinates: coords[0]! } : { type: 'MultiLineString', coordinates: coords }, repairs };
    }
    case 'Polygon':
    case 'MultiPolygon': {
      const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
      if (!Array.isArray(polys) || polys.length === 0) return { reject: 'empty', detail: 'the geometry has no coordinates' };
      const out: Position[][][] = [];
      for (const p of polys) {
        if (!Array.isArray(p) || p.length === 0) return { reject: 'empty', detail: 'a polygon has no rings' };
        const rings: Position[][] = [];
        for (const r of p) {
          const fixed = ring(r, repairs);
          if (typeof fixed === 'string') return bad(fixed);
          rings.push(fixed);
        }
        out.push(rings);
      }
      if (out.length === 1) {
        if (g.type === 'MultiPolygon') repairs.push({ reason: 'single_part_multi', detail: 'a MultiPolygon of one part was read as a Polygon', informational: true });
        return { geometry: { type: 'Polygon', coordinates: out[0]! }, repairs };
      }
      return { geometry: { type: 'MultiPolygon', coordinates: out }, repairs };
    }
    default:
      return { reject: 'wrong_type', detail: `a ${g.type} is not a geometry this layer can hold` };
  }
}

export function normaliseFeatures(features: readonly Feature<Geometry | null>[], options: NormaliseFeaturesOptions): { items: NormalisedFeature[]; report: NormaliseReport } {
  const items: NormalisedFeature[] = [];
  const report: NormaliseReport = { read: features.length, accepted: 0, repaired: 0, rejected: 0, reasons: {}, repairs: [], rejections: [] };
  const count = (kind: 'repair' | 'rejection', entry: NormaliseEntry, informational?: boolean): void => {
    const s = report.reasons[entry.reason];
    if (s) s.count++;
    else report.reasons[entry.reason] = { kind, count: 1, ...(informational ? { informational } : {}), sample: { id: entry.id, ...(entry.name ? { name: entry.name } : {}), detail: entry.detail } };
    (kind === 'repair' ? report.repairs : report.rejections).push(entry);
  };
  features.forEach((f, index) => {
    const props = (f?.properties ?? {}) as Record<string, unknown>;
    const id = (options.idField ? text(props[options.idField]) : (ID_FIELDS.map((k) => text(props[k])).find(Boolean) ?? text(f?.id))) ?? String(index + 1);
    const name = options.nameField ? text(props[options.nameField]) : NAME_FIELDS.map((k) => text(props[k])).find(Boolean);
    const outcome = normaliseOne(f?.geometry, options.expect);
    const who = { index, id, ...(name ? { name } : {}) };
    if ('reject' in outcome) {
      report.rejected++;
      count('rejection', { ...who, reason: outcome.reject, detail: outcome.detail });
      return;
    }
    report.accepted++;
    for (const r of outcome.repairs) count('repair', { ...who, reason: r.reason, detail: r.detail }, r.informational);
    if (outcome.repairs.some((r) => !r.informational)) report.repaired++;
    items.push({ ...who, properties: props, geometry: outcome.geometry, repairs: outcome.repairs });
  });
  return { items, report };
}
