/**
 * Merges adjacent grids into one. Degrees `[lng, lat]`; the union is polyclip's (via Turf).
 */
import { featureCollection, polygon as turfPolygon, union } from '@turf/turf';
import type { Polygon, Position } from 'geojson';
import { singlePolygon } from './ring-tools.js';

/**
 * The union of `polys` as one Polygon, or an error when they do not form one piece.
 * Vertices left on the old shared edges (collinear or repeated) are removed; other
 * collinear vertices stay, since a neighbour's edge may end there.
 *
 * @example
 * const merged = mergePolygons([a, b]);
 * if ('error' in merged) showProblem(merged.error);
 */
export function mergePolygons(polys: readonly Polygon[]): Polygon | { error: string } {
  if (polys.length < 2) return { error: 'Select at least two grids to merge.' };
  const seen = new Map<string, number>();
  for (const p of polys) {
    const mine = new Set(p.coordinates.flatMap((ring) => ring.map(key)));
    for (const k of mine) seen.set(k, (seen.get(k) ?? 0) + 1);
  }
  const shared = (p: Position) => (seen.get(key(p)) ?? 0) > 1;
  const merged = union(featureCollection(polys.map((p) => turfPolygon(p.coordinates))));
  const result = singlePolygon(merged?.geometry, shared);
  if (typeof result === 'number') {
    return {
      error: result === 0 ? 'The merge left nothing.' : `The grids are not adjacent: merging them gives ${result} separate pieces.`,
    };
  }
  return result;
}

function key(p: Position): string {
  return `${Math.round(p[0]! * 1e7)},${Math.round(p[1]! * 1e7)}`;
}
