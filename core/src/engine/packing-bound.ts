/**
 * Lower bounds on the number of grids, ignoring contiguity (so any division needs at least
 * this many). The simple bound divides the totals by the caps; Martello and Toth's L2
 * (Knapsack Problems, 1990, §8.3.1) also counts units too big to share a grid with each
 * other, which matters when units are large against the cap (a few units per grid). Units
 * over the rule on their own are one grid each in both.
 */
import type { RuleProfile } from '../rule-profile.js';

const EPS = 1e-9;

/**
 * L2 for one-dimensional bin packing: item `sizes` into bins of `capacity` (same unit; every
 * size ≤ capacity).
 *
 * @example
 * martelloTothL2([60, 60, 60, 30, 30], 100) // 3: the three 60s need a bin each
 */
export function martelloTothL2(sizes: readonly number[], capacity: number): number {
  if (sizes.length === 0) return 0;
  const w = [...sizes].sort((a, b) => b - a);
  const total = w.reduce((s, x) => s + x, 0);
  let best = Math.ceil(total / capacity - EPS);
  const half = capacity / 2;
  // α runs over 0 and every size up to half the capacity (the bound only changes there).
  const alphas = [0, ...new Set(w.filter((x) => x <= half + EPS))];
  for (const a of alphas) {
    let j1 = 0;
    let j2 = 0;
    let j2Sum = 0;
    let j3Sum = 0;
    for (const x of w) {
      if (x > capacity - a + EPS) j1++;
      else if (x > half + EPS) {
        j2++;
        j2Sum += x;
      } else if (x >= a - EPS) j3Sum += x;
    }
    const room = j2 * capacity - j2Sum;
    const bound = j1 + j2 + Math.max(0, Math.ceil((j3Sum - room) / capacity - EPS));
    if (bound > best) best = bound;
  }
  return best;
}

/**
 * L2 under a rule profile. Under `all` a grid must fit both caps, so the larger of the two
 * one-dimensional bounds holds; under `any` a grid fits when either total is within its cap,
 * so each unit counts as the smaller of its two shares of the caps (a grid's shares then sum
 * to at most 1). Units over the rule on their own count one grid each.
 */
export function packingLowerBound(units: readonly { households: number; persons: number }[], profile: Readonly<RuleProfile>): number {
  let indivisible = 0;
  const h: number[] = [];
  const p: number[] = [];
  const share: number[] = [];
  for (const u of units) {
    const hr = u.households / profile.maxHouseholds;
    const pr = u.persons / profile.maxPersons;
    const over = profile.combine === 'any' ? Math.min(hr, pr) > 1 : Math.max(hr, pr) > 1;
    if (over) {
      indivisible++;
      continue;
    }
    h.push(hr);
    p.push(pr);
    share.push(Math.min(hr, pr));
  }
  const bound = profile.combine === 'any' ? martelloTothL2(share, 1) : Math.max(martelloTothL2(h, 1), martelloTothL2(p, 1));
  return indivisible + bound;
}
