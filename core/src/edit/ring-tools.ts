/**
 * Small helpers shared by the editing operations: rounding to 1e-7 degrees, dropping
 * repeated and collinear vertices, and turning Turf/polyclip results back into one clean
 * Polygon. Coordinates are WGS84 `[lng, lat]` degrees throughout.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';

/** 1e-7 degrees ≈ 1 cm: finer than any survey we get, coarse enough to make shared edges identical. */
export const COORD_PRECISION = 1e7;

export function roundPosition(p: Position): [number, number] {
  return [Math.round(p[0]! * COORD_PRECISION) / COORD_PRECISION, Math.round(p[1]! * COORD_PRECISION) / COORD_PRECISION];
}

export function samePosition(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** Twice the signed area of a ring in degrees² (positive = counter-clockwise). */
export function signedArea2(ring: readonly Position[]): number {
  let s = 0;
  for (let i = 1; i < ring.length; i++) s += ring[i - 1]![0]! * ring[i]![1]! - ring[i]![0]! * ring[i - 1]![1]!;
  return s;
}

/**
 * Rounds a ring, drops repeated vertices and, where `dropCollinear` says so, vertices lying on
 * the straight line between their neighbours; returns a closed ring or null when it collapsed.
 */
export function cleanRing(ring: readonly Position[], dropCollinear: (p: Position) => boolean = () => false): Position[] | null {
  const open: Position[] = [];
  for (const p of ring) {
    const r = roundPosition(p);
    if (open.length === 0 || !samePosition(open[open.length - 1]!, r)) open.push(r);
  }
  while (open.length > 1 && samePosition(open[0]!, open[open.length - 1]!)) open.pop();
  let changed = true;
  while (changed && open.length > 3) {
    changed = false;
    for (let i = 0; i < open.length && open.length > 3; i++) {
      const prev = open[(i - 1 + open.length) % open.length]!;
      const here = open[i]!;
      const next = open[(i + 1) % open.length]!;
      if (samePosition(prev, next) || (dropCollinear(here) && isCollinear(prev, here, next))) {
        open.splice(i, 1);
        changed = true;
        i--;
      }
    }
  }
  if (open.length < 3) return null;
  return [...open, open[0]!];
}

/** Whether `b` lies on the segment a–c (relative tolerance: about a millimetre at city scale). */
export function isCollinear(a: Position, b: Position, c: Position): boolean {
  const cross = (b[0]! - a[0]!) * (c[1]! - a[1]!) - (b[1]! - a[1]!) * (c[0]! - a[0]!);
  const len2 = (c[0]! - a[0]!) ** 2 + (c[1]! - a[1]!) ** 2;
  if (len2 === 0) return true;
  // |cross| / |ac| is the distance of b from the line, in degrees; 1e-8° ≈ 1 mm.
  if (Math.abs(cross) / Math.sqrt(len2) > 1e-8) return false;
  const dot = (b[0]! - a[0]!) * (c[0]! - a[0]!) + (b[1]! - a[1]!) * (c[1]! - a[1]!);
  return dot >= 0 && dot <= len2;
}

/** Cleans every ring of a polygon; outer ring counter-clockwise, holes clockwise (RFC 7946). */
export function cleanPolygon(rings: readonly Position[][], dropCollinear?: (p: Position) => boolean): Polygon | null {
  const out: Position[][] = [];
  for (let i = 0; i < rings.length; i++) {
    const ring = cleanRing(rings[i]!, dropCollinear);
    if (!ring) {
      if (i === 0) return null;
      continue;
    }
    const ccw = signedArea2(ring) > 0;
    out.push((i === 0) === ccw ? ring : ring.reverse());
  }
  return { type: 'Polygon', coordinates: out };
}

/** One clean Polygon from a boolean-operation result, or the number of pieces it has. */
export function singlePolygon(
  geometry: Polygon | MultiPolygon | null | undefined,
  dropCollinear?: (p: Position) => boolean,
): Polygon | number {
  if (!geometry) return 0;
  const parts = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const cleaned = parts.map((rings) => cleanPolygon(rings, dropCollinear)).filter((p): p is Polygon => p !== null);
  return cleaned.length === 1 ? cleaned[0]! : cleaned.length;
}
