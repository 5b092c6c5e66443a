import { describe, expect, it } from 'vitest';
import type { Polygon } from '@gridatlas/core';
import type { DraftGrid } from './draft.store';
import { reshapeGrid } from './grid-edits';

const square = (x0: number, x1: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [x0, 34.2],
      [x1, 34.2],
      [x1, 34.21],
      [x0, 34.21],
      [x0, 34.2],
    ],
  ],
});
const grid = (key: string, geometry: Polygon): DraftGrid => ({
  key,
  code: null,
  name: key,
  type: 'comprehensive',
  communityCode: '610199001001',
  zoneCode: null,
  geometry,
});

describe('reshapeGrid', () => {
  it('drags a shared corner and the neighbour follows; an unrelated grid keeps its object', () => {
    const grids = [grid('a', square(108.9, 108.91)), grid('b', square(108.91, 108.92)), grid('c', square(108.95, 108.96))];
    const dragged: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [108.9, 34.2],
          [108.912, 34.2],
          [108.91, 34.21],
          [108.9, 34.21],
          [108.9, 34.2],
        ],
      ],
    };
    const next = reshapeGrid(grids, 'a', dragged);
    expect(next[0]!.geometry).toEqual(dragged);
    expect((next[1]!.geometry as Polygon).coordinates[0]![0]).toEqual([108.912, 34.2]);
    expect(next[2]).toBe(grids[2]);
  });
});
