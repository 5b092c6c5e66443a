import { describe, expect, it } from 'vitest';
import { buildArea } from './build-area.js';
import { nodedSegments, validityError } from './jsts-bridge.js';
import type { XY } from './read-coordinates.js';

const square = (x: number, y: number, s: number): XY[] => [
  [x, y],
  [x + s, y],
  [x + s, y + s],
  [x, y + s],
  [x, y],
];

describe('buildArea', () => {
  it('keeps every other level of nested rings: a ring inside a ring is a hole, a ring inside that an island', () => {
    const built = buildArea(nodedSegments([square(0, 0, 10), square(2, 2, 6), square(4, 4, 2)]));
    expect(built.faces).toHaveLength(2);
    expect(built.faces.map((f) => f.length).sort()).toEqual([1, 2]);
    expect(built.area!.getArea()).toBeCloseTo(100 - 36 + 4, 9);
    expect(validityError(built.area!)).toBeNull();
  });

  it('cuts out a hole that touches its shell at one point, and keeps the shell one part', () => {
    const triangle: XY[] = [
      [0, 5],
      [5, 8],
      [5, 2],
      [0, 5],
    ];
    const built = buildArea(nodedSegments([square(0, 0, 10), triangle]));
    expect(built.faces).toHaveLength(1);
    expect(built.faces[0]).toHaveLength(2);
    expect(built.area!.getNumGeometries()).toBe(1);
    expect(built.area!.getArea()).toBeCloseTo(100 - 15, 9);
    expect(validityError(built.area!)).toBeNull();
  });

  it('joins faces side by side at the same depth into one area', () => {
    const beside: XY[] = [
      [1, 0],
      [2, 0],
      [2, 1],
      [1, 1],
    ];
    const built = buildArea(nodedSegments([square(0, 0, 1), beside]));
    expect(built.faces).toHaveLength(2);
    expect(built.area!.getNumGeometries()).toBe(1);
    expect(built.area!.getArea()).toBeCloseTo(2, 9);
  });

  it('places the holes of many disjoint shells, each in its own shell', () => {
    // 20 × 20 squares of 1 with a square of 0.5 inside each: 800 faces, half of them holes.
    const rings: XY[][] = [];
    for (let i = 0; i < 20; i++) {
      for (let j = 0; j < 20; j++) {
        rings.push(square(i * 2, j * 2, 1), square(i * 2 + 0.25, j * 2 + 0.25, 0.5));
      }
    }
    const built = buildArea(nodedSegments(rings));
    expect(built.faces).toHaveLength(400);
    expect(built.faces.every((f) => f.length === 2)).toBe(true);
    expect(built.area!.getNumGeometries()).toBe(400);
    expect(built.area!.getArea()).toBeCloseTo(400 * 0.75, 6);
  }, 60_000);

  it('has nothing to build from linework that encloses nothing', () => {
    const built = buildArea([
      [
        [0, 0],
        [1, 1],
      ],
    ]);
    expect(built).toEqual({ faces: [], area: null });
  });
});
