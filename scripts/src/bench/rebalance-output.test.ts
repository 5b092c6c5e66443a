import { DEFAULT_RULE_PROFILE, type PlanUnit } from '@gridatlas/core';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { checkRebalanceOutput } from './rebalance-output.js';

const D = 0.001;
const box = (x0: number, x1: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [108.9 + x0 * D, 34.25],
      [108.9 + x1 * D, 34.25],
      [108.9 + x1 * D, 34.251],
      [108.9 + x0 * D, 34.251],
      [108.9 + x0 * D, 34.25],
    ],
  ],
});
const building = (id: string, x: number, households: number): PlanUnit => ({
  id,
  point: [108.9 + x * D, 34.2505],
  households,
  persons: households * 3,
});

describe('checkRebalanceOutput', () => {
  const boundary = box(0, 3);
  const grids = [
    { code: 'A', geometry: box(0, 1), unitIds: ['u1'] },
    { code: 'B', geometry: box(1, 2), unitIds: ['u2'] },
  ];
  const buildings = [building('b1', 0.5, 350), building('b2', 1.5, 10), building('b3', 2.5, 5)];

  it('locates every building in the written grids: one in no grid, one grid over the rule', () => {
    const c = checkRebalanceOutput({ grids, exceptions: [] }, buildings, boundary, DEFAULT_RULE_PROFILE);
    expect(c).toEqual({ unplaced: 1, doubled: 0, overlapM2: 0, over: 1 });
  });

  it('excuses a grid of one unit the rebalance reported as an indivisible exception', () => {
    const c = checkRebalanceOutput({ grids, exceptions: [{ unitId: 'u1' }] }, buildings, boundary, DEFAULT_RULE_PROFILE);
    expect(c.over).toBe(0);
  });
});
