/**
 * A point that stands for a polygon and always lies inside it (a true point on surface), the
 * way GEOS's InteriorPointArea (PostGIS's ST_PointOnSurface) finds one: a horizontal line
 * through the middle of the shape, at a latitude that passes no vertex, crosses the rings;
 * between the crossings lie the inside stretches, and the midpoint of the widest is the point.
 * A vertex average is never used: it falls outside concave and holed shapes. For a
 * MultiPolygon, the point lies on the largest part (by area). Degrees `[lng, lat]`.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { areaM2 } from './geodesic.js';

/** The latitude of the scan line: the middle of the ring's extent, moved off any vertex. */
function scanLatitude(rings: readonly Position[][]): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of rings[0]!) {
    lo = Math.min(lo, p[1]!);
    hi = Math.max(hi, p[1]!);
  }
  const mid = (lo + hi) / 2;
  // The vertex latitudes nearest to the middle on either side; the line runs halfway between.
  let below = lo;
  let above = hi;
  for (const ring of rings) {
    for (const p of ring) {
      const y = p[1]!;
      if (y <= mid && y > below) below = y;
      if (y > mid && y < above) above = y;
    }
  }
  return (below + above) / 2;
}

/** Midpoint of the widest inside stretch of the scan line, or null for a ring with no area. */
function interiorPoint(rings: readonly Position[][]): [number, number] | null {
  if (!rings[0] || rings[0].length < 4) return null;
  const y = scanLatitude(rings);
  const xs: number[] = [];
  for (const ring of rings) {
    for (let i = 1; i < ring.length; i++) {
      const a = ring[i - 1]!;
      const b = ring[i]!;
      // Half-open rule: an edge counts when the line passes strictly between its ends' latitudes.
      if (a[1]! > y === b[1]! > y) continue;
      xs.push(a[0]! + ((y - a[1]!) * (b[0]! - a[0]!)) / (b[1]! - a[1]!));
    }
  }
  xs.sort((p, q) => p - q);
  let best: [number, number] | null = null;
  let width = -1;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    const w = xs[i + 1]! - xs[i]!;
    if (w > width) {
      width = w;
      best = [(xs[i]! + xs[i + 1]!) / 2, y];
    }
  }
  return best;
}

/**
 * A point inside the polygon (rings: exterior first, then holes) or on the largest part of a
 * MultiPolygon. Rings may be in any orientation; they must be valid (see normaliseGeometry).
 *
 * @example
 * representativePoint([[[0, 0], [10, 0], [10, 10], [8, 10], [8, 2], [0, 2], [0, 0]]]) // inside the L, not its vertex average
 */
export function representativePoint(geometry: readonly Position[][] | Polygon | MultiPolygon): [number, number] {
  let rings: readonly Position[][];
  if (Array.isArray(geometry)) rings = geometry;
  else {
    const g = geometry as Polygon | MultiPolygon;
    if (g.type === 'Polygon') rings = g.coordinates;
    else {
      let bestArea = -1;
      rings = g.coordinates[0] ?? [];
      for (const part of g.coordinates) {
        const a = areaM2({ type: 'Polygon', coordinates: part });
        if (a > bestArea) [rings, bestArea] = [part, a];
      }
    }
  }
  const p = interiorPoint(rings);
  if (p) return p;
  // A ring with no area: its first vertex is as inside as anything.
  const first = rings[0]?.[0];
  return [first?.[0] ?? NaN, first?.[1] ?? NaN];
}
