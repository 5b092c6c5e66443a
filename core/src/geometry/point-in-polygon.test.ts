import { describe, expect, it } from 'vitest';
import { booleanPointInPolygon } from '@turf/turf';
import type { Polygon } from 'geojson';
import { createRandom } from '../random.js';
import { geometryBBox, pointInPolygon } from './point-in-polygon.js';

const donut: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [0, 0],
    ],
    [
      [3, 3],
      [7, 3],
      [7, 7],
      [3, 7],
      [3, 3],
    ],
  ],
};

describe('pointInPolygon', () => {
  it('treats holes as outside', () => {
    expect(pointInPolygon([1, 1], donut)).toBe(true);
    expect(pointInPolygon([5, 5], donut)).toBe(false);
    expect(pointInPolygon([11, 5], donut)).toBe(false);
  });

  it('handles multipolygons', () => {
    const multi = {
      type: 'MultiPolygon' as const,
      coordinates: [
        donut.coordinates,
        [
          [
            [20, 20],
            [21, 20],
            [21, 21],
            [20, 20],
          ],
        ],
      ],
    };
    expect(pointInPolygon([20.8, 20.5], multi)).toBe(true);
    expect(pointInPolygon([5, 5], multi)).toBe(false);
  });

  it('agrees with Turf on random points around a concave polygon', () => {
    const star: Polygon = { type: 'Polygon', coordinates: [[]] };
    for (let i = 0; i <= 16; i++) {
      const a = ((i % 16) / 16) * Math.PI * 2;
      const r = i % 2 === 0 ? 1 : 0.4;
      star.coordinates[0]!.push([108.9 + r * Math.cos(a) * 0.01, 34.25 + r * Math.sin(a) * 0.01]);
    }
    const rnd = createRandom(7);
    for (let i = 0; i < 2000; i++) {
      const p: [number, number] = [108.9 + (rnd.next() - 0.5) * 0.022, 34.25 + (rnd.next() - 0.5) * 0.022];
      expect(pointInPolygon(p, star)).toBe(booleanPointInPolygon(p, star));
    }
  });

  it('bbox spans the outer rings', () => {
    expect(geometryBBox(donut)).toEqual([0, 0, 10, 10]);
  });
});
