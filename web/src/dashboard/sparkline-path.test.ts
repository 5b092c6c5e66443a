import { describe, expect, it } from 'vitest';
import { sparklinePath } from './sparkline-path';

describe('sparklinePath', () => {
  it('draws the lowest value at the bottom and the highest at the top', () => {
    expect(sparklinePath([0, 10], 100, 20, 0)).toBe('M0.0 20.0L100.0 0.0');
  });

  it('breaks the line at gaps and keeps a flat series in the middle', () => {
    expect(sparklinePath([1, null, 3, 5], 30, 10, 0)).toBe('M0.0 10.0M20.0 5.0L30.0 0.0');
    expect(sparklinePath([4, 4, 4], 20, 10, 0)).toBe('M0.0 5.0L10.0 5.0L20.0 5.0');
  });

  it('draws nothing without two points of data', () => {
    expect(sparklinePath([5], 20, 10)).toBe('');
    expect(sparklinePath([null, null], 20, 10)).toBe('');
  });
});
