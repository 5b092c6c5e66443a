import { describe, expect, it } from 'vitest';
import { checkPolygon } from './polygon-check.js';

const square = {
  type: 'Polygon',
  coordinates: [
    [
      [108.9, 34.2],
      [108.91, 34.2],
      [108.91, 34.21],
      [108.9, 34.21],
      [108.9, 34.2],
    ],
  ],
};

describe('checkPolygon', () => {
  it('accepts a simple square, with or without a hole', () => {
    expect(checkPolygon(square)).toEqual({ valid: true, reason: null });
    const withHole = {
      type: 'Polygon',
      coordinates: [
        square.coordinates[0],
        [
          [108.903, 34.203],
          [108.903, 34.207],
          [108.907, 34.207],
          [108.907, 34.203],
          [108.903, 34.203],
        ],
      ],
    };
    expect(checkPolygon(withHole).valid).toBe(true);
  });

  it.each([
    [null, /GeoJSON object/],
    [{ type: 'Point', coordinates: [1, 2] }, /must be "Polygon"/],
    [{ type: 'MultiPolygon', coordinates: [] }, /not a MultiPolygon/],
    [{ type: 'Polygon', coordinates: [] }, /non-empty array of rings/],
    [
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      },
      /at least 4 positions/,
    ],
    [
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
          ],
        ],
      },
      /not closed/,
    ],
    [
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            ['1', 1],
            [0, 0],
          ],
        ],
      },
      /not \[lng, lat\] numbers/,
    ],
    [
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [200, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      },
      /outside WGS84/,
    ],
    [
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 95],
            [0, 0],
          ],
        ],
      },
      /outside WGS84/,
    ],
    [
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [Number.POSITIVE_INFINITY, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      },
      /finite number/,
    ],
  ])('rejects %j with a clear reason', (geometry, reason) => {
    const r = checkPolygon(geometry);
    expect(r.valid).toBe(false);
    expect(r.reason).toMatch(reason);
  });

  it('finds a bow-tie self-intersection and says where', () => {
    const bowTie = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 1],
          [1, 0],
          [0, 1],
          [0, 0],
        ],
      ],
    };
    const r = checkPolygon(bowTie);
    expect(r.valid).toBe(false);
    expect(r.reason).toMatch(/crosses itself/);
    expect(r.at).toBeDefined();
  });

  it('finds a hole that crosses the shell', () => {
    const r = checkPolygon({
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [4, 0],
          [4, 4],
          [0, 4],
          [0, 0],
        ],
        [
          [3, 1],
          [5, 1],
          [5, 2],
          [3, 2],
          [3, 1],
        ],
      ],
    });
    expect(r.reason).toMatch(/crosses itself/);
  });

  it('limits the number of vertices', () => {
    const n = 200;
    const ring = Array.from({ length: n }, (_, i) => {
      const t = (2 * Math.PI * i) / n;
      return [Math.cos(t), Math.sin(t)] as [number, number];
    });
    ring.push(ring[0]!);
    const circle = { type: 'Polygon', coordinates: [ring] };
    expect(checkPolygon(circle).valid).toBe(true);
    expect(checkPolygon(circle, { maxVertices: 100 }).reason).toMatch(/more than 100 vertices/);
  });
});
