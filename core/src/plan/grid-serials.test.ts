import { describe, expect, it } from 'vitest';
import { rect } from './plan.fixture.js';
import { isProvisionalCode, MAX_PROVISIONAL, provisionalCode, readingOrder } from './grid-serials.js';

describe('grid serials', () => {
  it('provisional codes are 15 characters that no approved code can be', () => {
    expect(provisionalCode('610199001001', 1)).toBe('610199001001N01');
    expect(provisionalCode('610199001001', MAX_PROVISIONAL)).toBe('610199001001NZZ');
    expect(isProvisionalCode('610199001001N0A')).toBe(true);
    expect(isProvisionalCode('610199001001001')).toBe(false);
    expect(() => provisionalCode('610199001001', 0)).toThrow(RangeError);
  });

  it('orders grids north→south in rows, west→east within a row', () => {
    // A 3 × 2 layout given in scrambled order; rows are slightly uneven, as real grids are.
    const grids = [
      { key: 'SE', geometry: rect(200, 0, 300, 95) },
      { key: 'NW', geometry: rect(0, 100, 100, 200) },
      { key: 'S', geometry: rect(100, 0, 200, 105) },
      { key: 'NE', geometry: rect(200, 95, 300, 200) },
      { key: 'SW', geometry: rect(0, 0, 100, 100) },
      { key: 'N', geometry: rect(100, 105, 200, 200) },
    ];
    expect(readingOrder(grids)).toEqual(['NW', 'N', 'NE', 'SW', 'S', 'SE']);
    expect(readingOrder([])).toEqual([]);
  });
});
