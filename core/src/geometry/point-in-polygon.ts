/**
 * Point in polygon by ray casting, for the hot paths (every unit against its candidate
 * grids on every edit). Coordinates are `[lng, lat]` degrees; holes count as outside; a point
 * exactly on an edge may fall either way, which callers treat as "on the boundary".
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';

/** Whether `[x, y]` lies inside the ring (closed or not). */
export function pointInRing(x: number, y: number, ring: readonly Position[]): boolean {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = ring[i]![0]!;
    const yi = ring[i]![1]!;
    const xj = ring[j]![0]!;
    const yj = ring[j]![1]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inRings(x: number, y: number, rings: readonly Position[][]): boolean {
  if (rings.length === 0 || !pointInRing(x, y, rings[0]!)) return false;
  for (let h = 1; h < rings.length; h++) {
    if (pointInRing(x, y, rings[h]!)) return false;
  }
  return true;
}

/**
 * Whether `[lng, lat]` lies inside the polygon or multipolygon (not in a hole).
 *
 * @example
 * pointInPolygon([0.5, 0.5], { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] }) // true
 */
export function pointInPolygon(point: readonly [number, number] | Position, geometry: Polygon | MultiPolygon): boolean {
  const x = point[0]!;
  const y = point[1]!;
  if (geometry.type === 'Polygon') return inRings(x, y, geometry.coordinates);
  return geometry.coordinates.some((rings) => inRings(x, y, rings));
}

/** `[minLng, minLat, maxLng, maxLat]` of a polygon or multipolygon. */
export function geometryBBox(geometry: Polygon | MultiPolygon): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const rings of polygons) {
    for (const p of rings[0] ?? []) {
      const x = p[0]!;
      const y = p[1]!;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  return [minX, minY, maxX, maxY];
}
