/**
 * The simple baseline of `pnpm bench engine`: region growing over the unit adjacency graph.
 * Units are taken in reading order (north→south, then west→east by representative point);
 * the first unassigned one seeds a grid, which then takes the first neighbouring unit in
 * reading order that still fits under the rule, until none fits. A unit over the rule on
 * its own is its own grid. Every grid is contiguous and within the rule by construction;
 * what it does not do is plan ahead, so it leaves half-empty grids behind.
 */
import { gridLoad, representativePoint, type EngineUnit, type RuleProfile } from '@gridatlas/core';

/** Unit indices of each grid, in the order the grids were grown. */
export function greedyGrids(
  units: readonly EngineUnit[],
  adjacency: readonly Map<number, number>[],
  profile: Readonly<RuleProfile>,
): number[][] {
  const points = units.map((u) => representativePoint(u.geometry.coordinates));
  const order = units.map((_, i) => i).sort((a, b) => points[b]![1] - points[a]![1] || points[a]![0] - points[b]![0] || a - b);
  const rank = new Int32Array(units.length);
  order.forEach((u, r) => (rank[u] = r));
  const assigned = new Uint8Array(units.length);
  const grids: number[][] = [];
  for (const seed of order) {
    if (assigned[seed]) continue;
    assigned[seed] = 1;
    const grid = [seed];
    grids.push(grid);
    const total = { households: units[seed]!.households, persons: units[seed]!.persons };
    if (gridLoad(total, profile).status === 'over') continue;
    const frontier = new Set<number>();
    const reach = (u: number): void => {
      for (const w of adjacency[u]!.keys()) if (!assigned[w]) frontier.add(w);
    };
    reach(seed);
    for (;;) {
      let best = -1;
      for (const w of frontier) {
        if (assigned[w] || (best >= 0 && rank[w]! > rank[best]!)) continue;
        const next = { households: total.households + units[w]!.households, persons: total.persons + units[w]!.persons };
        if (gridLoad(next, profile).status !== 'over') best = w;
      }
      if (best < 0) break;
      frontier.delete(best);
      assigned[best] = 1;
      grid.push(best);
      total.households += units[best]!.households;
      total.persons += units[best]!.persons;
      reach(best);
    }
  }
  return grids;
}
