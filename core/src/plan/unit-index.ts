/**
 * A spatial index over units' representative points and footprint boxes (flatbush, static),
 * so a grid's units are found from its bounding box instead of by testing every unit against
 * every grid.
 */
import Flatbush from 'flatbush';
import { geometryBBox, pointInPolygon } from '../geometry/point-in-polygon.js';
import type { GridGeometry, PlanUnit } from './plan.types.js';
import { placeUnit } from './unit-placement.js';

export interface UnitIndex {
  readonly units: readonly PlanUnit[];
  /** Indices of units whose point lies in the bbox `[minLng, minLat, maxLng, maxLat]` (degrees). */
  search(bbox: readonly [number, number, number, number]): number[];
  /** Indices of units whose footprint's box (or point, for a point unit) meets the bbox. */
  searchFootprints(bbox: readonly [number, number, number, number]): number[];
}

/** Builds the index once per unit list (O(n log n)); rebuild it when units move. */
export function createUnitIndex(units: readonly PlanUnit[]): UnitIndex {
  if (units.length === 0) return { units, search: () => [], searchFootprints: () => [] };
  const index = new Flatbush(units.length);
  const boxes = new Flatbush(units.length);
  for (const u of units) {
    index.add(u.point[0], u.point[1], u.point[0], u.point[1]);
    const b = u.footprint?.[0]
      ? geometryBBox({ type: 'Polygon', coordinates: u.footprint })
      : [u.point[0], u.point[1], u.point[0], u.point[1]];
    boxes.add(b[0]!, b[1]!, b[2]!, b[3]!);
  }
  index.finish();
  boxes.finish();
  return { units, search: (b) => index.search(b[0], b[1], b[2], b[3]), searchFootprints: (b) => boxes.search(b[0], b[1], b[2], b[3]) };
}

/**
 * Indices of the units `geometry` holds, ascending, by the rule of unit-placement.ts for one
 * grid measured alone (while its outline is dragged): a point unit when the point lies in
 * it, a polygon unit when it holds more than half of it — which is the largest share
 * whenever a unit is cut between two grids. `validatePlan` compares every grid's share.
 */
export function unitsInGeometry(index: UnitIndex, geometry: GridGeometry): number[] {
  const b = geometryBBox(geometry);
  const grid = [{ code: '', geometry }];
  const hits: number[] = [];
  for (const i of index.searchFootprints(b)) {
    const u = index.units[i]!;
    if (!u.footprint) {
      if (pointInPolygon(u.point, geometry)) hits.push(i);
      continue;
    }
    const placed = placeUnit(u, grid, [0]);
    if (placed.grid === 0 && (placed.shares.length === 0 || placed.shares[0]!.share > 0.5)) hits.push(i);
  }
  return hits.sort((a, c) => a - c);
}
