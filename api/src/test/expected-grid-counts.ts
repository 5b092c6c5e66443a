/**
 * Grid counts computed in plain JS from the fixture, independently of PostGIS: the fixture's
 * footprints are small squares and its grids rectangles, so "the grid containing the point on
 * the surface" is "the rectangle strictly containing the square's centre".
 */
import type { DistrictDataset } from '../seed/dataset.types.js';

type Ring = number[][];

function bounds(ring: Ring): { w: number; s: number; e: number; n: number } {
  const xs = ring.map((p) => p[0] ?? NaN);
  const ys = ring.map((p) => p[1] ?? NaN);
  return { w: Math.min(...xs), s: Math.min(...ys), e: Math.max(...xs), n: Math.max(...ys) };
}

export function expectedGridCounts(
  dataset: DistrictDataset,
  planId: number,
): Map<string, { households: number; persons: number; buildings: number }> {
  const plan = dataset.plans.find((p) => p.id === planId);
  if (!plan) throw new Error(`no plan ${planId} in the fixture`);
  const counts = new Map<string, { households: number; persons: number; buildings: number }>();
  for (const grid of plan.grids) {
    const g = bounds(grid.geometry.coordinates[0] ?? []);
    const c = { households: 0, persons: 0, buildings: 0 };
    for (const b of dataset.buildings) {
      const f = bounds(b.footprint.coordinates[0] ?? []);
      const x = (f.w + f.e) / 2;
      const y = (f.s + f.n) / 2;
      if (x > g.w && x < g.e && y > g.s && y < g.n) {
        c.households += b.households;
        c.persons += b.persons;
        c.buildings += 1;
      }
    }
    counts.set(grid.code, c);
  }
  return counts;
}
