/** The greedy baseline of `pnpm bench engine` on a row of units with known answers. */
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_PROFILE, type EngineUnit } from '@gridatlas/core';
import { greedyGrids } from './engine-greedy.js';

const cell = (i: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [i * 0.001, 0],
      [(i + 1) * 0.001, 0],
      [(i + 1) * 0.001, 0.001],
      [i * 0.001, 0.001],
      [i * 0.001, 0],
    ],
  ],
});
/** A west→east row of units, each the neighbour of the next; 10 persons a household, so the household cap binds. */
function row(households: number[]): { units: EngineUnit[]; adjacency: Map<number, number>[] } {
  const units = households.map((h, i) => ({ id: `u${i}`, geometry: cell(i), households: h, persons: 10 * h }));
  const adjacency = units.map((_, i) => new Map([i - 1, i + 1].filter((j) => j >= 0 && j < units.length).map((j) => [j, 100] as const)));
  return { units, adjacency };
}

describe('greedyGrids', () => {
  it('fills grids to the cap in reading order, each grid contiguous', () => {
    const { units, adjacency } = row([100, 100, 100, 100, 100, 100, 100]);
    expect(greedyGrids(units, adjacency, DEFAULT_RULE_PROFILE)).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
  });

  it('does not plan ahead: it can need more grids than the lower bound', () => {
    // 200 + 200 + 200 households: the lower bound is 2, but no two neighbours fit together.
    const { units, adjacency } = row([200, 200, 200]);
    expect(greedyGrids(units, adjacency, DEFAULT_RULE_PROFILE)).toHaveLength(3);
  });

  it('makes a unit over the rule its own grid', () => {
    const { units, adjacency } = row([50, 400, 50]);
    expect(greedyGrids(units, adjacency, DEFAULT_RULE_PROFILE)).toEqual([[0], [1], [2]]);
  });
});
