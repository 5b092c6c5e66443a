import type { PlanUnit } from '@gridatlas/core';
import { describe, expect, it } from 'vitest';
import { countMismatches, naiveGridCounts } from './planner-baseline.js';

const unit = (id: string, lng: number, lat: number, households: number, persons: number): PlanUnit => ({
  id,
  point: [lng, lat],
  households,
  persons,
});

describe('planner bench baseline', () => {
  const square = {
    type: 'Polygon' as const,
    coordinates: [
      [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 1],
        [0, 0],
      ],
    ],
  };

  it('sums the units whose point lies in the grid, testing every unit', () => {
    const units = [unit('a', 0.5, 0.5, 10, 30), unit('b', 0.2, 0.9, 5, 12), unit('c', 1.5, 0.5, 99, 99)];
    expect(naiveGridCounts(square, units)).toEqual({ households: 15, persons: 42, buildings: 2 });
    expect(naiveGridCounts(square, [])).toEqual({ households: 0, persons: 0, buildings: 0 });
  });

  it('lists grids whose counts differ or that one side lacks', () => {
    const c = (households: number) => ({ households, persons: households * 3, buildings: 1 });
    const ours = new Map([
      ['A', c(10)],
      ['B', c(20)],
      ['C', c(5)],
    ]);
    const baseline = new Map([
      ['A', c(10)],
      ['B', c(21)],
      ['D', c(1)],
    ]);
    expect(countMismatches(ours, baseline)).toEqual([
      { code: 'B', ours: c(20), baseline: c(21) },
      { code: 'C', ours: c(5), baseline: null },
      { code: 'D', ours: null, baseline: c(1) },
    ]);
    expect(countMismatches(ours, new Map(ours))).toEqual([]);
  });
});
