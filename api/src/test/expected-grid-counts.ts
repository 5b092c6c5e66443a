/**
 * Grid counts computed in plain JS from the fixture, independently of PostGIS: the fixture's
 * footprints are small squares and its grids rectangles, so "the grid holding the largest
 * share of the footprint" is the rectangle overlapping the square most (ties: the smallest
 * code) — building 6 sits exactly on the edge between two draft grids and goes to the first.
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
  const boxes = plan.grids.map((grid) => ({ code: grid.code, g: bounds(grid.geometry.coordinates[0] ?? []) }));
  for (const box of boxes) counts.set(box.code, { households: 0, persons: 0, buildings: 0 });
  for (const b of dataset.buildings) {
    const f = bounds(b.footprint.coordinates[0] ?? []);
    const overlap = ({ g }: (typeof boxes)[number]): number =>
      Math.max(0, Math.min(f.e, g.e) - Math.max(f.w, g.w)) * Math.max(0, Math.min(f.n, g.n) - Math.max(f.s, g.s));
    const best = boxes.filter((box) => overlap(box) > 0).sort((p, q) => overlap(q) - overlap(p) || (p.code < q.code ? -1 : 1))[0];
    if (!best) continue;
    const c = counts.get(best.code)!;
    c.households += b.households;
    c.persons += b.persons;
    c.buildings += 1;
  }
  return counts;
}
