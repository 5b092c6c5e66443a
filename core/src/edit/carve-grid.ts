/**
 * A newly drawn grid takes its area from the grids it overlaps: it is clipped to the
 * community and cut out of each neighbour, so shared edges follow it and no overlap is
 * left behind. Degrees `[lng, lat]`; results rounded to 1e-7°.
 */
import { difference, featureCollection, intersect, multiPolygon, polygon } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import type { GridGeometry } from '../plan/plan.types.js';
import { cleanPolygon } from './ring-tools.js';

export interface Carved {
  grid: GridGeometry;
  /** Each neighbour after the cut, in input order; null when the new grid swallowed it whole. */
  neighbours: (GridGeometry | null)[];
}

/**
 * @example
 * const carved = carveGrid(drawn, community, grids.map((g) => g.geometry));
 */
export function carveGrid(drawn: Polygon, boundary: GridGeometry, neighbours: readonly GridGeometry[]): Carved | { error: string } {
  const clipped = intersect(featureCollection<Polygon | MultiPolygon>([feature(drawn), feature(boundary)]));
  const grid = clean(clipped?.geometry);
  if (!grid) return { error: 'The new grid lies outside the community.' };
  const out = neighbours.map((n) => clean(difference(featureCollection<Polygon | MultiPolygon>([feature(n), feature(grid)]))?.geometry));
  return { grid, neighbours: out };
}

function feature(g: GridGeometry) {
  return g.type === 'Polygon' ? polygon(g.coordinates) : multiPolygon(g.coordinates);
}

function clean(g: Polygon | MultiPolygon | null | undefined): GridGeometry | null {
  if (!g) return null;
  const parts = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates)
    .map((rings) => cleanPolygon(rings))
    .filter((p): p is Polygon => p !== null);
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0]! : { type: 'MultiPolygon', coordinates: parts.map((p) => p.coordinates) };
}
