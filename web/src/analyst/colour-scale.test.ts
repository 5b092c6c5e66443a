import { describe, expect, it } from 'vitest';
import { classBreaks, classOf, HEAT_RAMP, niceCeil, rampFor, stepExpression } from './colour-scale';

describe('colour scale', () => {
  it('rounds breaks up to readable numbers', () => {
    expect([0.3, 7, 12.2, 131.58, 4801].map(niceCeil)).toEqual([0.3, 7, 13, 140, 4900]);
  });
  it('makes increasing quantile breaks without repeats', () => {
    const breaks = classBreaks(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(breaks).toEqual([17, 34, 51, 67, 84]);
    expect(classBreaks([3, 3, 3, 3])).toEqual([3]);
    expect(classBreaks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5)).toEqual([3, 5, 7, 9]);
    expect(classBreaks([0, 0])).toEqual([]);
  });
  it('puts values in classes and uses as many colours as classes', () => {
    expect(classOf(0, [20, 50])).toBe(0);
    expect(classOf(20, [20, 50])).toBe(1);
    expect(classOf(99, [20, 50])).toBe(2);
    expect(rampFor([20, 50], HEAT_RAMP)).toHaveLength(3);
    expect(stepExpression('value', [20, 50], HEAT_RAMP)[0]).toBe('case');
  });
});
