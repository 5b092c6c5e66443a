/**
 * The geometry half of an ESRI shapefile: every shape type but MultiPatch, as GeoJSON in the
 * file's own coordinates. Z and M values are not kept (GridAtlas is 2D; the count is
 * reported). Polygon rings follow ESRI's rule: clockwise rings are shells, counter-clockwise
 * ones holes, each hole going to the smallest shell that contains it; several shells make a
 * MultiPolygon. Rings come out in RFC 7946 order (shells counter-clockwise).
 */
import type { Geometry, Position } from 'geojson';
import { FormatError } from './format-error.js';

export const SHAPE_TYPES: Record<number, string> = {
  0: 'Null',
  1: 'Point',
  3: 'PolyLine',
  5: 'Polygon',
  8: 'MultiPoint',
  11: 'PointZ',
  13: 'PolyLineZ',
  15: 'PolygonZ',
  18: 'MultiPointZ',
  21: 'PointM',
  23: 'PolyLineM',
  25: 'PolygonM',
  28: 'MultiPointM',
  31: 'MultiPatch',
};

/** The kind of geometry a shape type holds. */
export function shapeKind(type: number): 'point' | 'line' | 'polygon' | 'null' | 'other' {
  switch (type % 10) {
    case 0:
      return 'null';
    case 1:
    case 8:
      return 'point';
    case 3:
      return 'line';
    case 5:
      return 'polygon';
    default:
      return 'other';
  }
}

export interface ShpRecord {
  geometry: Geometry | null;
  /** The record carried Z or M values (not kept). */
  zm: boolean;
  /** Counter-clockwise rings no shell contains, read as shells (as GDAL does). */
  orphanHoles: number;
}

export interface ShpFile {
  shapeType: number;
  /** `[minX, minY, maxX, maxY]` of the file, its own coordinates. */
  bbox: [number, number, number, number];
  records(): Iterable<ShpRecord>;
}

/** Twice the signed area (shoelace): positive for counter-clockwise rings, negative for clockwise, in a y-up system. */
function signedArea2(ring: Position[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
  // Σ (x_prev − x_i)(y_prev + y_i): positive for counter-clockwise rings.
  return s;
}

function inRing(p: Position, ring: Position[]): boolean {
  let inside = false;
  const [x, y] = [p[0]!, p[1]!];
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = [ring[i]![0]!, ring[i]![1]!];
    const [xj, yj] = [ring[j]![0]!, ring[j]![1]!];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Most of a hole's vertices lie inside its shell (a vertex on the shell's edge may read either way). */
function holeInShell(hole: Position[], shell: Position[]): boolean {
  let votes = 0;
  const n = Math.min(hole.length - 1, 5);
  for (let i = 0; i < n; i++) votes += inRing(hole[i]!, shell) ? 1 : -1;
  return votes > 0;
}

/** ESRI rings → a Polygon or MultiPolygon, RFC 7946 winding. */
export function ringsToPolygon(rings: Position[][]): { geometry: Geometry | null; orphanHoles: number } {
  const shells: { ring: Position[]; area: number; holes: Position[][] }[] = [];
  const holes: Position[][] = [];
  for (const ring of rings) {
    const a = signedArea2(ring);
    // A ring with no area (a degenerate part) stays a part of its own: the normalising step reports it.
    if (a <= 0) shells.push({ ring, area: -a, holes: [] });
    else holes.push(ring);
  }
  let orphanHoles = 0;
  for (const hole of holes) {
    let best: (typeof shells)[number] | null = null;
    for (const s of shells) if ((best === null || s.area < best.area) && holeInShell(hole, s.ring)) best = s;
    if (best) best.holes.push(hole);
    else {
      orphanHoles++;
      shells.push({ ring: [...hole].reverse(), area: signedArea2(hole), holes: [] });
    }
  }
  if (shells.length === 0) return { geometry: null, orphanHoles };
  // RFC 7946: shells counter-clockwise, holes clockwise — the reverse of ESRI's.
  const polygons = shells.map((s) => [[...s.ring].reverse(), ...s.holes.map((h) => [...h].reverse())]);
  return {
    geometry: polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0]! } : { type: 'MultiPolygon', coordinates: polygons },
    orphanHoles,
  };
}

export function readShp(bytes: Uint8Array): ShpFile {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 100 || view.getInt32(0, false) !== 9994) throw new FormatError('unreadable', 'not a shapefile (.shp): bad file code');
  const shapeType = view.getInt32(32, true);
  if (!(shapeType in SHAPE_TYPES)) throw new FormatError('unreadable', `the .shp declares an unknown shape type ${shapeType}`);
  if (shapeType === 31)
    throw new FormatError(
      'wrong_geometry',
      'the .shp holds MultiPatch (3D surfaces), which GridAtlas cannot read; export polygons instead',
    );
  const fileBytes = Math.min(bytes.length, view.getInt32(24, false) * 2);
  const f64 = (at: number) => view.getFloat64(at, true);
  return {
    shapeType,
    bbox: [f64(36), f64(44), f64(52), f64(60)],
    *records() {
      for (let at = 100; at + 8 <= fileBytes;) {
        const contentBytes = view.getInt32(at + 4, false) * 2;
        const c = at + 8;
        if (contentBytes < 4 || c + contentBytes > bytes.length) {
          throw new FormatError('unreadable', `the .shp is cut short at byte ${at} (record ${view.getInt32(at, false)})`);
        }
        yield readRecord(view, c, contentBytes);
        at = c + contentBytes;
      }
    },
  };
}

function readRecord(view: DataView, c: number, contentBytes: number): ShpRecord {
  const type = view.getInt32(c, true);
  const f64 = (at: number) => view.getFloat64(at, true);
  const zm = type > 10;
  const kind = shapeKind(type);
  if (kind === 'null') return { geometry: null, zm: false, orphanHoles: 0 };
  if (type === 1 || type === 11 || type === 21)
    return { geometry: { type: 'Point', coordinates: [f64(c + 4), f64(c + 12)] }, zm, orphanHoles: 0 };
  if (kind === 'point') {
    const n = view.getInt32(c + 36, true);
    const pts: Position[] = [];
    for (let i = 0; i < n; i++) pts.push([f64(c + 40 + 16 * i), f64(c + 48 + 16 * i)]);
    return { geometry: n === 1 ? { type: 'Point', coordinates: pts[0]! } : { type: 'MultiPoint', coordinates: pts }, zm, orphanHoles: 0 };
  }
  if (kind !== 'line' && kind !== 'polygon')
    throw new FormatError('unreadable', `a record holds shape type ${type}, which a shapefile of this kind cannot`);
  const numParts = view.getInt32(c + 36, true);
  const numPoints = view.getInt32(c + 40, true);
  const partsAt = c + 44;
  const pointsAt = partsAt + 4 * numParts;
  if (pointsAt + 16 * numPoints > c + contentBytes)
    throw new FormatError('unreadable', 'a .shp record is shorter than the points it declares');
  const parts: Position[][] = [];
  for (let p = 0; p < numParts; p++) {
    const from = view.getInt32(partsAt + 4 * p, true);
    const to = p + 1 < numParts ? view.getInt32(partsAt + 4 * (p + 1), true) : numPoints;
    const ring: Position[] = [];
    for (let i = from; i < to; i++) ring.push([f64(pointsAt + 16 * i), f64(pointsAt + 16 * i + 8)]);
    parts.push(ring);
  }
  if (kind === 'line') {
    return {
      geometry: parts.length === 1 ? { type: 'LineString', coordinates: parts[0]! } : { type: 'MultiLineString', coordinates: parts },
      zm,
      orphanHoles: 0,
    };
  }
  const { geometry, orphanHoles } = ringsToPolygon(parts);
  return { geometry, zm, orphanHoles };
}
