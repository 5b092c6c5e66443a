import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.js';
import { DEFAULT_RULE_PROFILE, type RuleProfile } from '../rule-profile.js';
import { dissolveGrid, repairOverload } from './overload-repair.js';
import type { UnitGraph } from './tree-partition.js';

const profile: RuleProfile = { ...DEFAULT_RULE_PROFILE, maxHouseholds: 300, maxPersons: 1000, combine: 'all' };

/** Units 0…n-1 in a row, each touching the next, 100 households and 300 persons each. */
function row(n: number): UnitGraph {
  return {
    adjacency: Array.from(
      { length: n },
      (_, i) => new Map([...(i > 0 ? [[i - 1, 10] as const] : []), ...(i + 1 < n ? [[i + 1, 10] as const] : [])]),
    ),
    households: Array.from({ length: n }, () => 100),
    persons: Array.from({ length: n }, () => 300),
    areas: Array.from({ length: n }, () => 100),
  };
}

describe('repairOverload', () => {
  it('passes excess down a chain of full grids to the one with room', () => {
    // 400 | 300 | 100: unit 3 must go to the middle grid and unit 6 on to the last.
    const parts = [[0, 1, 2, 3], [4, 5, 6], [7]];
    expect(repairOverload(row(8), parts, profile, createRandom(1))).toBe(true);
    expect(parts).toEqual([
      [0, 1, 2],
      [3, 4, 5],
      [6, 7],
    ]);
  });

  it('gives up, leaving the parts as they were, when the total does not fit', () => {
    const parts = [
      [0, 1, 2, 3],
      [4, 5, 6],
    ];
    expect(repairOverload(row(7), parts, profile, createRandom(1), { maxSteps: 50 })).toBe(false);
    expect(parts).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it('drops a grid: dissolve it into its neighbours, then repair', () => {
    // Six 100-household units in four grids fit in two.
    const parts = [[0, 1], [2], [3], [4, 5]];
    expect(dissolveGrid(row(6), parts, 1, profile)).toBe(true);
    expect(parts).toHaveLength(3);
    expect(dissolveGrid(row(6), parts, 1, profile)).toBe(true);
    expect(repairOverload(row(6), parts, profile, createRandom(1))).toBe(true);
    expect(parts.map((p) => p.length)).toEqual([3, 3]);
  });
});
