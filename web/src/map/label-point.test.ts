import { describe, expect, it } from 'vitest';
import { labelPoint, mainRings, type Ring } from './label-point';

describe('labelPoint', () => {
  it('uses the centroid of a convex polygon', () => {
    expect(
      labelPoint([
        [
          [0, 0],
          [2, 0],
          [2, 2],
          [0, 2],
          [0, 0],
        ],
      ]),
    ).toEqual([1, 1]);
  });

  it('stays inside a U-shaped polygon whose centroid falls in the notch', () => {
    const u: Ring = [
      [0, 0],
      [3, 0],
      [3, 3],
      [2, 3],
      [2, 1],
      [1, 1],
      [1, 3],
      [0, 3],
      [0, 0],
    ];
    const [x, y] = labelPoint([u]);
    const inLeftArm = x > 0 && x < 1;
    const inRightArm = x > 2 && x < 3;
    const inBase = y > 0 && y < 1;
    expect(inLeftArm || inRightArm || inBase).toBe(true);
  });

  it('labels the largest part of a MultiPolygon', () => {
    const small: Ring = [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ];
    const large: Ring = [
      [10, 10],
      [14, 10],
      [14, 14],
      [10, 14],
      [10, 10],
    ];
    const rings = mainRings({ type: 'MultiPolygon', coordinates: [[small], [large]] });
    expect(labelPoint(rings)).toEqual([12, 12]);
  });
});
