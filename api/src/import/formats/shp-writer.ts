/**
 * The .shp and .shx of one layer from GeoJSON geometry already in the target system: Point,
 * MultiPoint, PolyLine (LineString, MultiLineString) or Polygon (Polygon, MultiPolygon with
 * holes). Rings are written as ESRI wants them whatever their winding in: shells clockwise,
 * holes counter-clockwise, closed. A record without geometry is a Null shape.
 */
import type { Geometry, Position } from 'geojson';
import { FormatError } from './format-error.js';

export type ShapeKind = 'point' | 'multipoint' | 'line' | 'polygon';
const SHAPE_TYPE: Record<ShapeKind, number> = { point: 1, multipoint: 8, line: 3, polygon: 5 };

/** The one shape type a layer of these geometries takes. */
export function shapeKindOf(geometries: (Geometry | null)[]): ShapeKind {
  const kinds = new Set<string>();
  for (const g of geometries) if (g) kinds.add(g.type);
  const all = (...types: string[]) => [...kinds].every((k) => types.includes(k));
  if (kinds.size === 0) return 'point';
  if (all('Polygon', 'MultiPolygon')) return 'polygon';
  if (all('LineString', 'MultiLineString')) return 'line';
  if (all('Point')) return 'point';
  if (all('Point', 'MultiPoint')) return 'multipoint';
  throw new FormatError('wrong_geometry', `a shapefile holds one kind of geometry; this layer mixes ${[...kinds].join(', ')}`);
}

function signedArea2(ring: Position[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
  return s;
}

function closed(ring: Position[]): Position[] {
  const a = ring[0]!;
  const b = ring[ring.length - 1]!;
  return a[0] === b[0] && a[1] === b[1] ? ring : [...ring, a];
}

/** Shell clockwise (negative signed area), holes counter-clockwise. */
function wound(ring: Position[], shell: boolean): Position[] {
  const r = closed(ring);
  const clockwise = signedArea2(r) < 0;
  return clockwise === shell ? r : [...r].reverse();
}

function partsOf(g: Geometry): Position[][] {
  switch (g.type) {
    case 'LineString':
      return [g.coordinates];
    case 'MultiLineString':
      return g.coordinates;
    case 'Polygon':
      return g.coordinates.map((r, i) => wound(r, i === 0));
    case 'MultiPolygon':
      return g.coordinates.flatMap((p) => p.map((r, i) => wound(r, i === 0)));
    default:
      throw new FormatError('wrong_geometry', `${g.type} cannot be written in a line or polygon shapefile`);
  }
}

function recordBytes(g: Geometry | null, kind: ShapeKind): number {
  if (!g) return 4;
  if (kind === 'point') return 20;
  if (kind === 'multipoint') return 40 + 16 * (g.type === 'Point' ? 1 : (g as { coordinates: Position[] }).coordinates.length);
  const parts = partsOf(g);
  return 44 + 4 * parts.length + 16 * parts.reduce((a, p) => a + p.length, 0);
}

/** `.shp` and `.shx` bytes of the layer. */
export function writeShp(geometries: (Geometry | null)[], kind: ShapeKind): { shp: Uint8Array; shx: Uint8Array } {
  const sizes = geometries.map((g) => recordBytes(g, kind));
  const shpLength = 100 + sizes.reduce((a, s) => a + 8 + s, 0);
  const shp = new Uint8Array(shpLength);
  const shx = new Uint8Array(100 + 8 * geometries.length);
  const dv = new DataView(shp.buffer);
  const xv = new DataView(shx.buffer);
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  const grow = (p: Position, b: number[]) => {
    b[0] = Math.min(b[0]!, p[0]!);
    b[1] = Math.min(b[1]!, p[1]!);
    b[2] = Math.max(b[2]!, p[0]!);
    b[3] = Math.max(b[3]!, p[1]!);
  };
  let at = 100;
  geometries.forEach((g, i) => {
    const size = sizes[i]!;
    xv.setInt32(100 + 8 * i, at / 2, false);
    xv.setInt32(104 + 8 * i, size / 2, false);
    dv.setInt32(at, i + 1, false);
    dv.setInt32(at + 4, size / 2, false);
    const c = at + 8;
    if (!g) {
      dv.setInt32(c, 0, true);
    } else if (kind === 'point') {
      const p = (g as { coordinates: Position }).coordinates;
      dv.setInt32(c, 1, true);
      dv.setFloat64(c + 4, p[0]!, true);
      dv.setFloat64(c + 12, p[1]!, true);
      grow(p, box);
    } else {
      const parts =
        kind === 'multipoint' ? [g.type === 'Point' ? [g.coordinates] : (g as { coordinates: Position[] }).coordinates] : partsOf(g);
      const b = [Infinity, Infinity, -Infinity, -Infinity];
      for (const part of parts) for (const p of part) grow(p, b);
      grow([b[0]!, b[1]!], box);
      grow([b[2]!, b[3]!], box);
      dv.setInt32(c, SHAPE_TYPE[kind], true);
      b.forEach((v, k) => dv.setFloat64(c + 4 + 8 * k, v, true));
      if (kind === 'multipoint') {
        const pts = parts[0]!;
        dv.setInt32(c + 36, pts.length, true);
        pts.forEach((p, k) => {
          dv.setFloat64(c + 40 + 16 * k, p[0]!, true);
          dv.setFloat64(c + 48 + 16 * k, p[1]!, true);
        });
      } else {
        const n = parts.reduce((a, p) => a + p.length, 0);
        dv.setInt32(c + 36, parts.length, true);
        dv.setInt32(c + 40, n, true);
        let first = 0;
        parts.forEach((part, k) => {
          dv.setInt32(c + 44 + 4 * k, first, true);
          first += part.length;
        });
        let pt = c + 44 + 4 * parts.length;
        for (const part of parts) {
          for (const p of part) {
            dv.setFloat64(pt, p[0]!, true);
            dv.setFloat64(pt + 8, p[1]!, true);
            pt += 16;
          }
        }
      }
    }
    at = c + size;
  });
  if (!Number.isFinite(box[0]!)) box.fill(0);
  for (const [bytes, view, length] of [
    [shp, dv, shpLength],
    [shx, xv, shx.length],
  ] as const) {
    void bytes;
    view.setInt32(0, 9994, false);
    view.setInt32(24, length / 2, false);
    view.setInt32(28, 1000, true);
    view.setInt32(32, SHAPE_TYPE[kind], true);
    box.forEach((v, k) => view.setFloat64(36 + 8 * k, v, true));
  }
  return { shp, shx };
}
