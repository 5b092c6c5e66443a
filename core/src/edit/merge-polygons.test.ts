import { describe, expect, it } from 'vitest';
import { areaM2 } from '../geometry/geodesic.js';
import { rect } from '../plan/plan.fixture.js';
import { mergePolygons } from './merge-polygons.js';
import { roundPosition } from './ring-tools.js';

const rounded = (p: ReturnType<typeof rect>) => ({ ...p, coordinates: p.coordinates.map((r) => r.map(roundPosition)) });

describe('mergePolygons', () => {
  it('merges two adjacent grids; the area is the sum and the old shared edge leaves no vertices', () => {
    const a = rounded(rect(0, 0, 50, 100));
    const b = rounded(rect(50, 0, 100, 100));
    const merged = mergePolygons([a, b]);
    if ('error' in merged) throw new Error(merged.error);
    expect(areaM2(merged)).toBeCloseTo(areaM2(a) + areaM2(b), 0);
    expect(merged.coordinates[0]).toHaveLength(5);
  });

  it('merges three grids in a row', () => {
    const parts = [rect(0, 0, 30, 100), rect(30, 0, 60, 100), rect(60, 0, 100, 100)].map(rounded);
    const merged = mergePolygons(parts);
    if ('error' in merged) throw new Error(merged.error);
    expect(areaM2(merged)).toBeCloseTo(
      parts.reduce((s, p) => s + areaM2(p), 0),
      0,
    );
    expect(merged.coordinates[0]).toHaveLength(5);
  });

  it('keeps a neighbour-shared corner that is not on the old edge', () => {
    // An L-shape: the vertex at (50, 50) is a real corner and must stay.
    const merged = mergePolygons([rounded(rect(0, 0, 50, 100)), rounded(rect(50, 0, 100, 50))]);
    if ('error' in merged) throw new Error(merged.error);
    expect(merged.coordinates[0]).toHaveLength(7);
  });

  it('refuses grids that are not adjacent', () => {
    expect(mergePolygons([rect(0, 0, 40, 100), rect(60, 0, 100, 100)])).toEqual({ error: expect.stringMatching(/not adjacent/) });
  });

  it('refuses a single grid', () => {
    expect(mergePolygons([rect(0, 0, 40, 100)])).toEqual({ error: expect.stringMatching(/at least two/) });
  });
});
