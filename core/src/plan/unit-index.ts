/**
 * A spatial index over units' representative points (flatbush, static), so a grid's units
 * are found from its bounding box instead of by testing every unit against every grid.
 */
import Flatbush from 'flatbush';
import { geometryBBox, pointInPolygon } from '../geometry/point-in-polygon.js';
import type { GridGeometry, PlanUnit } from './plan.types.js';

export interface UnitIndex {
  readonly units: readonly PlanUnit[];
  /** Indices of units whose point lies in the bbox `[minLng, minLat, maxLng, maxLat]` (degrees). */
  search(bbox: readonly [number, number, number, number]): number[];
}

/** Builds the index once per unit list (O(n log n)); rebuild it when units move. */
export function createUnitIndex(units: readonly PlanUnit[]): UnitIndex {
  if (units.length === 0) return { units, search: () => [] };
  const index = new Flatbush(units.length);
  for (const u of units) index.add(u.point[0], u.point[1], u.point[0], u.point[1]);
  index.finish();
  return { units, search: (b) => index.search(b[0], b[1], b[2], b[3]) };
}

/** Indices of the units whose representative point lies inside `geometry`, ascending. */
export function unitsInGeometry(index: UnitIndex, geometry: GridGeometry): number[] {
  const hits = index.search(geometryBBox(geometry)).filter((i) => pointInPolygon(index.units[i]!.point, geometry));
  return hits.sort((a, b) => a - b);
}
