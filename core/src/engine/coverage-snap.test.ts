import type { Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { areaM2 } from '../geometry/geodesic.js';
import { snapCoverage } from './coverage-snap.js';
import { unionFaces } from './grid-union.js';
import { localFrame } from './local-frame.js';

const frame = localFrame([116.4, 39.9, 116.4, 39.9]);
const ll = (x: number, y: number): Position => frame.toLngLat(x, y);
const poly = (...xy: [number, number][]): Polygon => ({ type: 'Polygon', coordinates: [[...xy.map(([x, y]) => ll(x, y)), ll(xy[0]![0], xy[0]![1])]] });

describe('snapCoverage', () => {
  it('closes a sub-metre sliver between two blocks drawn separately, so their union is one polygon', () => {
    // Block A ends at x = 100; block B starts 0.4 m further, with its own vertices along the edge.
    const a = poly([0, 0], [100, 0], [100, 100], [0, 100]);
    const b = poly([100.4, 0], [200, 0], [200, 100], [100.4, 100], [100.3, 40]);
    expect(unionFaces([a, b])).toBeNull();
    const snapped = snapCoverage([a, b], 1);
    expect(snapped.movedVertices).toBe(2);
    expect(snapped.insertedVertices).toBe(1);
    expect(snapped.changed).toEqual([0, 1]);
    const merged = unionFaces(snapped.polygons);
    expect(merged).not.toBeNull();
    expect(Math.abs(areaM2(merged!) - 20000)).toBeLessThan(50);
  });

  it('leaves polygons further apart than the tolerance, and exact neighbours, as they were', () => {
    const a = poly([0, 0], [100, 0], [100, 100], [0, 100]);
    const b = poly([100, 0], [200, 0], [200, 100], [100, 100]);
    const c = poly([0, 105], [100, 105], [100, 200], [0, 200]);
    const snapped = snapCoverage([a, b, c], 1);
    expect(snapped.changed).toEqual([]);
    expect(snapped.polygons[0]).toBe(a);
    expect(snapped.polygons[2]).toBe(c);
  });
});
