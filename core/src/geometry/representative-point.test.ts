import type { MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { pointInPolygon } from './point-in-polygon.js';
import { representativePoint } from './representative-point.js';

describe('representativePoint', () => {
  it('lies inside a concave shape whose vertex average lies outside', () => {
    // A thin U: the average of its vertices is in the notch.
    const u: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [10, 0],
          [10, 10],
          [9, 10],
          [9, 1],
          [1, 1],
          [1, 10],
          [0, 10],
          [0, 0],
        ],
      ],
    };
    const avg = [5, 5.25] as [number, number];
    expect(pointInPolygon(avg, u)).toBe(false);
    expect(pointInPolygon(representativePoint(u), u)).toBe(true);
    expect(pointInPolygon(representativePoint(u.coordinates), u)).toBe(true);
  });

  it('lies outside a hole that holds the centre', () => {
    const ring: Polygon = {
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
          [2, 2],
          [2, 8],
          [8, 8],
          [8, 2],
          [2, 2],
        ],
      ],
    };
    const p = representativePoint(ring);
    expect(pointInPolygon(p, ring)).toBe(true);
  });

  it('is off every vertex latitude, so a ring with a vertex at the middle is no trap', () => {
    const diamond: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 5],
          [5, 0],
          [10, 5],
          [5, 10],
          [0, 5],
        ],
      ],
    };
    const p = representativePoint(diamond);
    expect(pointInPolygon(p, diamond)).toBe(true);
    expect(p[1]).not.toBe(5);
  });

  it('lies on the largest part of a MultiPolygon', () => {
    const m: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [20, 0],
            [21, 0],
            [21, 1],
            [20, 1],
            [20, 0],
          ],
        ],
        [
          [
            [0, 0],
            [10, 0],
            [10, 10],
            [0, 10],
            [0, 0],
          ],
        ],
      ],
    };
    const p = representativePoint(m);
    expect(pointInPolygon(p, { type: 'Polygon', coordinates: m.coordinates[1]! })).toBe(true);
  });
});
