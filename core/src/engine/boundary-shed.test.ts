import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_PROFILE, type RuleProfile } from '../rule-profile.js';
import { cheapestShed } from './boundary-shed.js';
import type { UnitGraph } from './tree-partition.js';

const profile: RuleProfile = { ...DEFAULT_RULE_PROFILE, maxHouseholds: 300, maxPersons: 1000, combine: 'all' };

describe('cheapestShed', () => {
  // A star: unit 0 in the middle of the grid over the rule, units 1–3 round it, each also touching grid 1 (unit 4).
  const households = [120, 95, 50, 75, 100];
  const graph: UnitGraph = {
    adjacency: [
      new Map([
        [1, 1],
        [2, 1],
        [3, 1],
      ]),
      new Map([
        [0, 1],
        [4, 1],
      ]),
      new Map([
        [0, 1],
        [4, 1],
      ]),
      new Map([
        [0, 1],
        [4, 1],
      ]),
      new Map([
        [1, 1],
        [2, 1],
        [3, 1],
      ]),
    ],
    households,
    persons: households.map((h) => 2 * h),
    areas: households.map(() => 1),
  };
  const input = {
    graph,
    members: [0, 1, 2, 3],
    receivers: (u: number) => (u === 0 ? [] : [1]),
    totals: () => ({ households: 100, persons: 200 }),
    profile,
  };

  it('sheds the fewest households that bring the grid within the rule', () => {
    // 340 households, 40 over: the 50-household unit, not the biggest.
    expect(cheapestShed(input)).toEqual(new Map([[2, 1]]));
  });

  it('finds nothing when the neighbour has no room', () => {
    expect(cheapestShed({ ...input, totals: () => ({ households: 280, persons: 560 }) })).toBeNull();
  });
});
