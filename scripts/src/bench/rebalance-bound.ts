/**
 * The least any re-division must move after growth: every grid over the rule has to lose
 * households until it is within it, and buildings are indivisible, so the households of the
 * cheapest set of its buildings whose leaving brings it within the rule (by households and
 * persons, under the profile's `any`/`all`) is a floor for it, whatever goes where. The sum
 * over the grids over the rule bounds both the rebalance and a from-scratch re-run matched
 * to the old grids (the matched new grid holds at most the rule's worth of the old one).
 */
import { gridLoad, type EngineUnit, type RuleProfile } from '@gridatlas/core';

export interface Households {
  households: number;
  persons: number;
}

/**
 * Fewest households of `items` whose removal brings the grid (their sum) within the rule: a
 * knapsack over households removed keeping the most persons removable for each total.
 *
 * @example
 * leastShed([{ households: 200, persons: 600 }, { households: 120, persons: 360 }], profile) // 120
 */
export function leastShed(items: readonly Households[], profile: Readonly<RuleProfile>): number {
  const H = items.reduce((s, x) => s + x.households, 0);
  const P = items.reduce((s, x) => s + x.persons, 0);
  // most[s]: the most persons removable with exactly s households removed (-1: no such set).
  const most = new Float64Array(H + 1).fill(-1);
  most[0] = 0;
  for (const it of items) {
    for (let s = H; s >= it.households; s--) {
      const from = most[s - it.households]!;
      if (from >= 0) most[s] = Math.max(most[s]!, from + it.persons);
    }
  }
  for (let s = 0; s <= H; s++) {
    if (most[s]! >= 0 && gridLoad({ households: H - s, persons: P - most[s]! }, profile).status !== 'over') return s;
  }
  return H;
}

/**
 * The floor on households moved for a rebalanced community: `leastShed` over the buildings
 * (or the units, for polygon units) of each grid the report names as over the rule.
 */
export function leastMoves(
  result: { units: readonly EngineUnit[]; assignment: Int32Array; report: { violating: readonly string[] } },
  plan: readonly { code: string }[],
  buildings: ReadonlyMap<string, Households>,
  profile: Readonly<RuleProfile>,
): number {
  let total = 0;
  for (const code of result.report.violating) {
    const gi = plan.findIndex((g) => g.code === code);
    const items: Households[] = [];
    result.assignment.forEach((g, u) => {
      if (g !== gi) return;
      const unit = result.units[u]!;
      if (unit.buildings) for (const id of unit.buildings) items.push(buildings.get(id)!);
      else items.push(unit);
    });
    total += leastShed(items, profile);
  }
  return total;
}
