/**
 * What changed between two plans: grids added, removed, reshaped or kept, and the units
 * (buildings) whose grid changed, with the households and persons that moved. A unit's grid
 * in each plan is the one `placeUnits` gives (the largest share of its footprint, a point's
 * containing grid): a unit moves when that grid changes, so a building a reshaped edge still
 * cuts moves only once most of it has changed sides. A grid is matched by code; a grid whose
 * code changed but whose shape did not (a provisional code made final on approval) counts as
 * kept, so its units did not move.
 */
import type { GridGeometry, PlanGrid } from './plan.types.js';
import type { UnitIndex } from './unit-index.js';
import { placeUnits } from './unit-placement.js';

export interface MovedUnit {
  unit: string;
  /** Grid code before, or null when the unit was in no grid. */
  from: string | null;
  to: string | null;
  households: number;
  persons: number;
}

export interface PlanDiff {
  added: string[];
  removed: string[];
  /** Same code, different shape. */
  changed: string[];
  unchanged: string[];
  /** Different code, same shape: `[before, after]`. */
  recoded: [string, string][];
  moved: MovedUnit[];
  /** Totals over `moved`. */
  households: number;
  persons: number;
  buildings: number;
}

/** Degrees two vertices may differ by and still be one vertex: saves round to 1e-6° (~0.1 m). */
const SAME_VERTEX_DEGREES = 1.5e-6;

function sameNested(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= SAME_VERTEX_DEGREES;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (!sameNested(a[i], b[i])) return false;
  }
  return true;
}

/** Shape identity: the same rings and vertices, each within 1.5e-6° (the rounding of a save). */
export function sameShape(a: GridGeometry, b: GridGeometry): boolean {
  return a.type === b.type && sameNested(a.coordinates, b.coordinates);
}

/**
 * Compares plan `before` with plan `after` over the units of `index`.
 *
 * @example
 * diffPlans(current, draft, createUnitIndex(buildings)).households // households that change grid
 */
export function diffPlans(before: readonly PlanGrid[], after: readonly PlanGrid[], index: UnitIndex): PlanDiff {
  const beforeBy = new Map(before.map((g) => [g.code, g]));
  const afterBy = new Map(after.map((g) => [g.code, g]));
  const changed: string[] = [];
  const unchanged: string[] = [];
  for (const g of after) {
    const old = beforeBy.get(g.code);
    if (old) (sameShape(old.geometry, g.geometry) ? unchanged : changed).push(g.code);
  }
  const onlyBefore = before.filter((g) => !afterBy.has(g.code));
  const onlyAfter = after.filter((g) => !beforeBy.has(g.code));
  const recoded: [string, string][] = [];
  const matched = new Set<string>();
  for (const g of onlyAfter) {
    const twin = onlyBefore.find((o) => !matched.has(o.code) && sameShape(o.geometry, g.geometry));
    if (!twin) continue;
    matched.add(twin.code);
    matched.add(g.code);
    recoded.push([twin.code, g.code]);
  }
  // The identity of a grid across the two plans: its code, or its twin's for a recoded grid.
  const identity = new Map<string, string>(recoded.map(([b, a]) => [a, b]));
  const placedBefore = placeUnits(index.units, before);
  const placedAfter = placeUnits(index.units, after);
  const moved: MovedUnit[] = [];
  index.units.forEach((u, i) => {
    const b = placedBefore[i]!.grid;
    const a = placedAfter[i]!.grid;
    const from = b < 0 ? null : before[b]!.code;
    const to = a < 0 ? null : after[a]!.code;
    if (from === (to === null ? null : (identity.get(to) ?? to))) return;
    moved.push({ unit: u.id, from, to, households: u.households, persons: u.persons });
  });
  return {
    added: onlyAfter
      .filter((g) => !matched.has(g.code))
      .map((g) => g.code)
      .sort(),
    removed: onlyBefore
      .filter((g) => !matched.has(g.code))
      .map((g) => g.code)
      .sort(),
    changed: changed.sort(),
    unchanged: unchanged.sort(),
    recoded,
    moved,
    households: moved.reduce((s, m) => s + m.households, 0),
    persons: moved.reduce((s, m) => s + m.persons, 0),
    buildings: moved.length,
  };
}
