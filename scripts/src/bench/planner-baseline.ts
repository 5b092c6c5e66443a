/**
 * The baseline of `pnpm bench planner`, as issue 4 states it: each grid's households and
 * persons by Turf `booleanPointInPolygon` over every unit (no index), and the check that it
 * and our metrics agree grid by grid.
 */
import { booleanPointInPolygon } from '@turf/turf';
import type { GridGeometry, GridMetrics, PlanUnit } from '@gridatlas/core';

export interface GridCounts {
  households: number;
  persons: number;
  buildings: number;
}

/** Counts of the units whose representative point lies in `geometry` (boundary included), testing all of them. */
export function naiveGridCounts(geometry: GridGeometry, units: readonly PlanUnit[]): GridCounts {
  const c = { households: 0, persons: 0, buildings: 0 };
  for (const u of units) {
    if (!booleanPointInPolygon(u.point, geometry)) continue;
    c.households += u.households;
    c.persons += u.persons;
    c.buildings++;
  }
  return c;
}

/** Grids (by code) whose counts differ between ours and the baseline, with both; empty when they agree. */
export function countMismatches(
  ours: ReadonlyMap<string, Pick<GridMetrics, 'households' | 'persons' | 'buildings'>>,
  baseline: ReadonlyMap<string, GridCounts>,
): { code: string; ours: GridCounts | null; baseline: GridCounts | null }[] {
  const codes = new Set([...ours.keys(), ...baseline.keys()]);
  return [...codes].flatMap((code) => {
    const a = ours.get(code);
    const b = baseline.get(code);
    const same = a && b && a.households === b.households && a.persons === b.persons && a.buildings === b.buildings;
    if (same) return [];
    const counts = (m: GridCounts | undefined): GridCounts | null =>
      m ? { households: m.households, persons: m.persons, buildings: m.buildings } : null;
    return [{ code, ours: counts(a), baseline: counts(b) }];
  });
}
