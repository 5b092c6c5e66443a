/**
 * What the pointer snaps to while drawing or reshaping: street centrelines near the
 * community, the community boundary and the edges of the other grids. Degrees `[lng, lat]`.
 */
import { snapTargetsOf, WEB_MERCATOR_WORLD, type SnapTargets } from '@gridatlas/core';
import type { Position } from '@gridatlas/core';
import type { Geometry } from '@gridatlas/api/contract';
import type { DraftGrids } from './draft.store';

/** Snap radius on screen, pixels: turned into metres at the current zoom. */
export const SNAP_PX = 10;

export function linesOf(geometry: Geometry): Position[][] {
  const c = geometry.coordinates;
  switch (geometry.type) {
    case 'LineString':
      return [c as Position[]];
    case 'MultiLineString':
    case 'Polygon':
      return c as Position[][];
    case 'MultiPolygon':
      return (c as Position[][][]).flat();
    default:
      return [];
  }
}

export function snapTargets(streets: readonly Position[][], boundary: Geometry, grids: DraftGrids, exceptKey: string | null): SnapTargets {
  const lines = [...streets, ...linesOf(boundary)];
  for (const g of grids) if (g.key !== exceptKey) lines.push(...linesOf(g.geometry));
  return snapTargetsOf(lines);
}

/** Streets with a vertex inside `bbox` grown by `margin` degrees. */
export function streetsNear(streets: readonly Position[][], bbox: [number, number, number, number], margin = 0.002): Position[][] {
  const [w, s, e, n] = [bbox[0] - margin, bbox[1] - margin, bbox[2] + margin, bbox[3] + margin];
  return streets.filter((line) => line.some((p) => p[0]! >= w && p[0]! <= e && p[1]! >= s && p[1]! <= n));
}

/** Metres per screen pixel at `zoom` and latitude (MapLibre's 512-pixel tiles). */
export function metresPerPixel(zoom: number, lat: number): number {
  return (WEB_MERCATOR_WORLD * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** zoom);
}
