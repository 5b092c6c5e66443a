import { DEFAULT_RULE_PROFILE, type RuleProfile } from '@gridatlas/core';
import { describe, expect, it } from 'vitest';
import { leastShed } from './rebalance-bound.js';

const all: RuleProfile = { ...DEFAULT_RULE_PROFILE, combine: 'all' };

describe('leastShed', () => {
  it('finds the cheapest set of buildings, not the smallest building first', () => {
    // 360 households: shedding 60 is needed; 25 + 40 = 65 beats 70, and 10 + 25 = 35 is too little.
    const items = [10, 25, 40, 70, 215].map((h) => ({ households: h, persons: h }));
    expect(leastShed(items, all)).toBe(65);
  });

  it('counts persons too: under `all` a grid within 300 households but over 1,000 persons must shed', () => {
    const items = [
      { households: 100, persons: 500 },
      { households: 100, persons: 300 },
      { households: 50, persons: 300 },
    ];
    expect(leastShed(items, all)).toBe(50);
    // Under `any` it is within the rule by households already.
    expect(leastShed(items, { ...all, combine: 'any' })).toBe(0);
  });
});
