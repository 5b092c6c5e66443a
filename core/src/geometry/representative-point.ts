/**
 * A point inside a footprint that stands for it (the unit's grid is the grid containing it):
 * the vertex centroid when it lies inside, as it does for the convex footprints of most
 * buildings, otherwise Turf's point on surface. Degrees, `[lng, lat]`.
 */
import { pointOnFeature, polygon } from '@turf/turf';
import type { Position } from 'geojson';
import { pointInRing } from './point-in-polygon.js';

export function representativePoint(rings: readonly Position[][]): [number, number] {
  const outer = rings[0] ?? [];
  const n = outer.length > 1 && outer[0]![0] === outer[outer.length - 1]![0] && outer[0]![1] === outer[outer.length - 1]![1] ? outer.length - 1 : outer.length;
  let x = 0;
  let y = 0;
  for (let i = 0; i < n; i++) {
    x += outer[i]![0]!;
    y += outer[i]![1]!;
  }
  x /= n;
  y /= n;
  if (pointInRing(x, y, outer) && !rings.slice(1).some((hole) => pointInRing(x, y, hole))) return [x, y];
  const p = pointOnFeature(polygon(rings as Position[][])).geometry.coordinates;
  return [p[0]!, p[1]!];
}
