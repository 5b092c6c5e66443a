/**
 * Which grid holds a unit — one rule for the browser, the API, the command line and SQL
 * (`api/src/plans/unit-placement.sql.ts` says the same in PostGIS):
 * - a polygon unit (a footprint) is held by the grid with the largest share of its area;
 *   a footprint wholly inside one grid is that grid's at once, a cut one names every grid
 *   and its share (ties: the smallest grid code);
 * - a point unit is held by the grid containing the point (a point on the shared edge of
 *   two grids: the smallest grid code).
 * Shares are fractions of the unit's area (0…1), measured in the plane of the degrees, which
 * within one building is the same ratio as in metres.
 */
import Flatbush from 'flatbush';
import { distanceToBoundaryM } from '../geometry/geodesic.js';
import { intersection, toJstsMultiPolygon, toJstsPolygon } from '../geometry/jsts-bridge.js';
import { geometryBBox, pointInPolygon } from '../geometry/point-in-polygon.js';
import type { XY } from '../geometry/read-coordinates.js';
import type { GridGeometry, PlanUnit } from './plan.types.js';

export interface GridShare {
  /** Index of the grid in the list given. */
  grid: number;
  /** Fraction of the unit's area in the grid, 0…1 (1 for a point unit). */
  share: number;
}

export interface UnitPlacement {
  /** Index of the grid holding the unit, or -1 when none does. */
  grid: number;
  /**
   * Every grid holding a share of a polygon unit, largest first, when they had to be measured
   * (the unit is near a grid edge); empty when it lies wholly in one grid, or in none. Two or
   * more: a cut unit.
   */
  shares: GridShare[];
}

/** Shares smaller than this are rounding along a shared edge, not a cut: fraction of the unit. */
export const MIN_CUT_SHARE = 0.001;
/** A point this close to a grid's edge lies on it (as ST_Intersects says): metres. */
const ON_EDGE_M = 1e-3;

type Grid = { code: string; geometry: GridGeometry };

/** Signed-agnostic planar area of a ring list, degrees². */
function ringsArea(rings: readonly (readonly number[])[][]): number {
  let total = 0;
  rings.forEach((ring, i) => {
    let s = 0;
    for (let k = 1; k < ring.length; k++) s += ring[k - 1]![0]! * ring[k]![1]! - ring[k]![0]! * ring[k - 1]![1]!;
    total += i === 0 ? Math.abs(s) / 2 : -Math.abs(s) / 2;
  });
  return total;
}

/** The share of `footprint` inside `grid` (0…1); null when the geometry cannot be intersected. */
export function shareIn(footprint: readonly XY[][] | number[][][], grid: GridGeometry): number | null {
  const whole = ringsArea(footprint as number[][][]);
  if (whole <= 0) return null;
  try {
    const parts = grid.type === 'Polygon' ? [grid.coordinates] : grid.coordinates;
    const cut = intersection(toJstsPolygon(footprint as XY[][]), toJstsMultiPolygon(parts as XY[][][]));
    return Math.min(1, cut.getArea() / whole);
  } catch {
    return null;
  }
}

function inside(point: readonly [number, number], g: GridGeometry): boolean {
  return pointInPolygon(point, g) || distanceToBoundaryM(point as [number, number], g) <= ON_EDGE_M;
}

/**
 * The share of the footprint in the grid when it is plainly 1 or 0, else null (measure it):
 * 1 when every vertex lies inside and no grid vertex lies within the footprint's box (a grid
 * edge can reach into the footprint between its vertices only by a grid corner inside it,
 * or by cutting off a vertex, which the first test sees); 0 when no vertex lies inside and
 * no grid vertex within the box (short of a grid thinner than the building crossing it).
 */
function plainShare(unit: PlanUnit, g: GridGeometry): 0 | 1 | null {
  const ring = unit.footprint![0]!;
  let inside = 0;
  for (const p of ring) if (pointInPolygon(p, g)) inside++;
  if (inside > 0 && inside < ring.length) return null;
  const b = geometryBBox({ type: 'Polygon', coordinates: unit.footprint! });
  const parts = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const rings of parts) {
    for (const r of rings) {
      for (const p of r) if (p[0]! >= b[0] && p[0]! <= b[2] && p[1]! >= b[1] && p[1]! <= b[3]) return null;
    }
  }
  return inside === 0 ? 0 : 1;
}

const byCode =
  (grids: readonly Grid[]) =>
  (a: number, b: number): number =>
    grids[a]!.code < grids[b]!.code ? -1 : grids[a]!.code > grids[b]!.code ? 1 : a - b;

/** Places one unit among candidate grids (indices), by the rule in the file comment. */
export function placeUnit(unit: PlanUnit, grids: readonly Grid[], candidates: readonly number[]): UnitPlacement {
  const order = byCode(grids);
  if (!unit.footprint || unit.footprint.length === 0) {
    const hits = candidates.filter((gi) => inside(unit.point, grids[gi]!.geometry)).sort(order);
    return { grid: hits[0] ?? -1, shares: [] };
  }
  // Most footprints lie plainly inside one grid and outside the others: no overlay needed.
  const plain = candidates.map((gi) => plainShare(unit, grids[gi]!.geometry));
  const whole = candidates.filter((_, k) => plain[k] === 1).sort(order);
  if (whole.length > 0 && plain.every((p) => p !== null)) return { grid: whole[0]!, shares: [] };
  const shares: GridShare[] = [];
  candidates.forEach((gi, k) => {
    const known = plain[k];
    if (known === 0) return;
    const s = known === 1 ? 1 : shareIn(unit.footprint!, grids[gi]!.geometry);
    // A grid too broken to intersect holds the unit only by its point.
    if (s === null) {
      if (pointInPolygon(unit.point, grids[gi]!.geometry)) shares.push({ grid: gi, share: 1 });
      return;
    }
    if (s > 0) shares.push({ grid: gi, share: s });
  });
  shares.sort((a, b) => b.share - a.share || order(a.grid, b.grid));
  const cut = shares.filter((s) => s.share >= MIN_CUT_SHARE);
  if (cut.length === 0) return { grid: -1, shares: [] };
  return { grid: cut[0]!.grid, shares: cut };
}

/**
 * Places every unit among the grids (flatbush over grid boxes, then the rule above).
 *
 * @example
 * placeUnits(units, plan.grids)[i] // { grid: 3, shares: [] } or a cut unit { grid: 3, shares: [{ grid: 3, share: 0.7 }, { grid: 5, share: 0.3 }] }
 */
export function placeUnits(units: readonly PlanUnit[], grids: readonly Grid[]): UnitPlacement[] {
  if (grids.length === 0) return units.map(() => ({ grid: -1, shares: [] }));
  const boxes = new Flatbush(grids.length);
  for (const g of grids) {
    const b = geometryBBox(g.geometry);
    boxes.add(b[0], b[1], b[2], b[3]);
  }
  boxes.finish();
  return units.map((u) => {
    let b: [number, number, number, number] = [u.point[0], u.point[1], u.point[0], u.point[1]];
    if (u.footprint && u.footprint[0]) b = geometryBBox({ type: 'Polygon', coordinates: u.footprint });
    // A little slack so a point on a grid's edge finds that grid.
    const e = 1e-8;
    return placeUnit(u, grids, boxes.search(b[0] - e, b[1] - e, b[2] + e, b[3] + e));
  });
}
