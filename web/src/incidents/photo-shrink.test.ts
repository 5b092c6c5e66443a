import { describe, expect, it } from 'vitest';
import { shrinkScale } from './photo-shrink';

describe('shrinkScale', () => {
  it('fits the longer side into 1600 px and never enlarges', () => {
    expect(shrinkScale(4000, 3000)).toBeCloseTo(0.4);
    expect(shrinkScale(3000, 4000)).toBeCloseTo(0.4);
    expect(shrinkScale(800, 600)).toBe(1);
  });
});
