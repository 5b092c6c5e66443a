import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_PROFILE, type RuleProfile } from '../rule-profile.js';
import { gridLowerBound } from './delineate.js';
import { martelloTothL2, packingLowerBound } from './packing-bound.js';

describe('martelloTothL2', () => {
  it('counts items too big to share a bin', () => {
    // Total 240 needs 3 bins of 100 by volume; three items over half need a bin each, and the 30s fill them.
    expect(martelloTothL2([60, 60, 60, 30, 30], 100)).toBe(3);
    // Five items of 51: the volume bound says 3, L2 says 5.
    expect(martelloTothL2([51, 51, 51, 51, 51], 100)).toBe(5);
    // Two items over half, four of 45: 2 + ⌈(4·45 − 2·45) / 100⌉ = 3 (55+45, 55+45, 45+45).
    expect(martelloTothL2([55, 55, 45, 45, 45, 45], 100)).toBe(3);
    // Six of 40 and three of 70: the 70s take a bin each with no room for a 40; 3 + ⌈240 / 100⌉ = 6.
    expect(martelloTothL2([70, 70, 70, 40, 40, 40, 40, 40, 40], 100)).toBe(6);
  });

  it('is never below the volume bound and is 0 for nothing', () => {
    expect(martelloTothL2([], 100)).toBe(0);
    expect(martelloTothL2([10, 20, 30, 40, 50], 100)).toBe(2);
  });
});

describe('packingLowerBound', () => {
  it('under `all` takes the tighter cap, and counts units over the rule once each', () => {
    const profile: RuleProfile = { ...DEFAULT_RULE_PROFILE, combine: 'all', maxHouseholds: 300, maxPersons: 1000 };
    const units = [
      { households: 160, persons: 300 },
      { households: 160, persons: 300 },
      { households: 160, persons: 300 },
      { households: 400, persons: 900 },
    ];
    expect(gridLowerBound(units, profile)).toBe(3);
    expect(packingLowerBound(units, profile)).toBe(4);
  });

  it('under `any` counts each unit by its smaller share', () => {
    const profile: RuleProfile = { ...DEFAULT_RULE_PROFILE, combine: 'any', maxHouseholds: 300, maxPersons: 1000 };
    // 600 households but only 1,200 persons: two grids by persons would do, if the units fit.
    const units = [
      { households: 200, persons: 400 },
      { households: 200, persons: 400 },
      { households: 200, persons: 400 },
    ];
    expect(packingLowerBound(units, profile)).toBe(2);
  });
});
