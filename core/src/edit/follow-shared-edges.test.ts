import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { followSharedEdges } from './follow-shared-edges.js';

const poly = (...pts: [number, number][]): Polygon => ({ type: 'Polygon', coordinates: [[...pts, pts[0]!]] });
// Two unit squares side by side sharing the edge x = 1, and one far away.
const left = poly([0, 0], [1, 0], [1, 1], [0, 1]);
const right = poly([1, 0], [2, 0], [2, 1], [1, 1]);
const far = poly([5, 5], [6, 5], [6, 6], [5, 6]);

describe('followSharedEdges', () => {
  it('moves a shared corner in the neighbour and leaves the others alone', () => {
    const after = poly([0, 0], [1.2, 0], [1, 1], [0, 1]);
    const [r, f] = followSharedEdges(left, after, [right, far]);
    expect(r!.coordinates[0]).toEqual([
      [1.2, 0],
      [2, 0],
      [2, 1],
      [1, 1],
      [1.2, 0],
    ]);
    expect(f).toBe(far);
  });

  it('inserts a vertex dragged from the middle of a shared edge into the neighbour too', () => {
    const after = poly([0, 0], [1, 0], [1.3, 0.5], [1, 1], [0, 1]);
    const [r] = followSharedEdges(left, after, [right]);
    expect(r!.coordinates[0]).toEqual([
      [1, 0],
      [2, 0],
      [2, 1],
      [1, 1],
      [1.3, 0.5],
      [1, 0],
    ]);
  });

  it('deletes a shared vertex from the neighbour when it is deleted from the grid', () => {
    const l = poly([0, 0], [1, 0], [1, 0.5], [1, 1], [0, 1]);
    const r = poly([1, 0], [2, 0], [2, 1], [1, 1], [1, 0.5]);
    const [out] = followSharedEdges(l, left, [r]);
    expect(out!.coordinates[0]).toEqual([
      [1, 0],
      [2, 0],
      [2, 1],
      [1, 1],
      [1, 0],
    ]);
  });

  it('does nothing when the edit is not one vertex change', () => {
    const twice = poly([0, 0], [1.2, 0], [1.2, 1], [0, 1]);
    const [r] = followSharedEdges(left, twice, [right]);
    expect(r).toBe(right);
  });
});
