import { describe, expect, it } from 'vitest';
import { groupRun, type Item } from './grid-partition.js';

const items = (...specs: [number, boolean][]): Item[] => {
  let u = 0;
  return specs.map(([households, laneWest]) => ({ u0: u, u1: (u += 0.1), laneWest, households, persons: households * 2.8 }));
};

describe('groupRun', () => {
  it('keeps every item once, in order, in contiguous groups', () => {
    const run = items([120, true], [90, false], [160, true], [40, false], [210, true], [130, false]);
    const groups = groupRun(run, 250);
    expect(groups.flat()).toEqual(run);
    for (const g of groups) expect(g.length).toBeGreaterThan(0);
  });

  it('does not merge past 300 households when smaller groups are possible', () => {
    const groups = groupRun(items([200, true], [200, true], [200, true]), 250);
    expect(groups).toHaveLength(3);
  });

  it('balances households near the target', () => {
    const run = items(...Array.from({ length: 8 }, () => [100, true] as [number, boolean]));
    for (const g of groupRun(run, 250)) {
      const households = g.reduce((s, i) => s + i.households, 0);
      expect(households).toBeGreaterThanOrEqual(200);
      expect(households).toBeLessThanOrEqual(300);
    }
  });

  it('prefers a lane to a compound road when the balance is the same', () => {
    // Cutting before the small middle item (a compound road) or after it (a lane) balances equally.
    const groups = groupRun(items([240, true], [20, false], [240, true]), 250);
    expect(groups.map((g) => g.length)).toEqual([2, 1]);
  });
});
