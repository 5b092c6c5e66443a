import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_PROFILE, type RuleProfile } from '@gridatlas/core';
import { packOneFewer } from './exact-packing.js';

const profile: RuleProfile = { ...DEFAULT_RULE_PROFILE, combine: 'all', maxHouseholds: 300, maxPersons: 1e9 };
const unit = (households: number) => ({ households, persons: households * 3 });
// A path a – b – c: a and c fit together, but only by jumping over b.
const path = [unit(150), unit(300), unit(150)];
const pathGraph = [
  new Map([[1, 10]]),
  new Map([
    [0, 10],
    [2, 10],
  ]),
  new Map([[1, 10]]),
];

describe('packOneFewer', () => {
  it('packs three units into two grids when where they lie does not matter', async () => {
    const a = await packOneFewer({ units: path, profile, grids: 3, timeLimitS: 10 });
    expect(a).toMatchObject({ bins: 2, verdict: 'feasible' });
  });

  it('proves two connected grids impossible on the path, and three optimal', async () => {
    const a = await packOneFewer({ units: path, profile, grids: 3, timeLimitS: 10, adjacency: pathGraph });
    expect(a).toMatchObject({ bins: 2, verdict: 'infeasible' });
  });

  it('finds two connected grids when the ends are neighbours too (a ring)', async () => {
    const ring = [
      new Map([
        [1, 10],
        [2, 10],
      ]),
      new Map([
        [0, 10],
        [2, 10],
      ]),
      new Map([
        [1, 10],
        [0, 10],
      ]),
    ];
    const a = await packOneFewer({ units: path, profile, grids: 3, timeLimitS: 10, adjacency: ring });
    expect(a.verdict).toBe('feasible');
  });

  it('under `any`, a grid may meet either cap', async () => {
    const any: RuleProfile = { ...DEFAULT_RULE_PROFILE, combine: 'any', maxHouseholds: 300, maxPersons: 1000 };
    // 400 households in 800 persons meets the person cap; three of them cannot share two grids by households alone.
    const units = [
      { households: 200, persons: 400 },
      { households: 200, persons: 400 },
      { households: 200, persons: 900 },
    ];
    expect((await packOneFewer({ units, profile: any, grids: 3, timeLimitS: 10 })).verdict).toBe('feasible');
    expect((await packOneFewer({ units, profile: { ...any, combine: 'all' }, grids: 3, timeLimitS: 10 })).verdict).toBe('infeasible');
  });
});
