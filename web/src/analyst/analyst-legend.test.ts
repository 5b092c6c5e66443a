import { describe, expect, it } from 'vitest';
import { classEntries } from './analyst-legend';

const colours = (n: number) => Array.from({ length: n }, (_, i) => [i, i, i] as [number, number, number]);

describe('classEntries', () => {
  it('labels step classes below, between and above the breaks', () => {
    expect(classEntries([5, 10], colours(3)).map((e) => e.label)).toEqual(['< 5', '5–10', '≥ 10']);
    expect(classEntries([], colours(1))).toEqual([]);
  });

  it('names the top class by the largest possible value when the last break is it (a share in %)', () => {
    expect(classEntries([50, 70, 85, 95, 100], colours(6), 100).map((e) => e.label)).toEqual([
      '< 50',
      '50–70',
      '70–85',
      '85–95',
      '95–100',
      '100',
    ]);
    // A maximum above the last break leaves the open top class.
    expect(classEntries([50, 70], colours(3), 100).map((e) => e.label)).toEqual(['< 50', '50–70', '≥ 70']);
  });
});
