import type { Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { areaM2 } from '../geometry/geodesic.js';
import { snapCoverage } from './coverage-snap.js';
import { unionFaces } from './grid-union.js';
import { localFrame } from './local-frame.js';
import { toJstsPolygon, validityError } from '../geometry/jsts-bridge.js';

const frame = localFrame([116.4, 39.9, 116.4, 39.9]);
const ll = (x: number, y: number): Position => frame.toLngLat(x, y);
const poly = (...xy: [number, number][]): Polygon => ({
  type: 'Polygon',
  coordinates: [[...xy.map(([x, y]) => ll(x, y)), ll(xy[0]![0], xy[0]![1])]],
});

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

describe('snapCoverage keeps corners two polygons already share', () => {
  it('does not pull a shared corner onto a second corner of the same polygon 0.2 m away (Denver neighbourhoods 5 and 76)', () => {
    // A's west side has a corner 0.2 m north of the corner it shares with B; A's ring meets that one first.
    // They share the edge from that corner to one 1.2 m east of it.
    const a = poly([0, 100], [0, 0.2], [0, 0], [1.2, 0], [100, 0], [100, 100]);
    const b = poly([0, 0], [0, -100], [100, -100], [100, 0], [1.2, 0]);
    const snapped = snapCoverage([a, b], 1);
    const merged = unionFaces(snapped.polygons);
    expect(merged).not.toBeNull();
    expect(validityError(toJstsPolygon(merged!.coordinates as [number, number][][]))).toBeNull();
    expect(merged!.coordinates).toHaveLength(1);
    expect(Math.abs(areaM2(merged!) - 20000)).toBeLessThan(1);
  });

  it('does the same when the shared corner differs by a rounding (B repaired onto the 1e-9° grid)', () => {
    const a = poly([0, 100], [0, 0.2], [0, 0], [1.2, 0], [100, 0], [100, 100]);
    const b = poly([0, 0], [0, -100], [100, -100], [100, 0], [1.2, 0]);
    const corner = b.coordinates[0]![0]!;
    b.coordinates[0]![0] = b.coordinates[0]![5] = [corner[0]! + 3e-10, corner[1]! - 2e-10];
    const merged = unionFaces(snapCoverage([a, b], 1).polygons);
    expect(merged).not.toBeNull();
    expect(validityError(toJstsPolygon(merged!.coordinates as [number, number][][]))).toBeNull();
    expect(Math.abs(areaM2(merged!) - 20000)).toBeLessThan(1);
  });

  it('gives the real pair a valid union', () => {
    // Neighbourhoods 5 and 76 of the Denver 2010 file near −105.05326, 39.71134, their other vertices cut away.
    const a: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [-105.0532804469999, 39.718601973000034],
          [-105.05326443999991, 39.711346132000074],
          [-105.05326443699994, 39.71134437100005],
          [-105.05325023599994, 39.71134402000007],
          [-105.05205241599992, 39.71133671800004],
          [-105.05205241599992, 39.7186],
          [-105.0532804469999, 39.718601973000034],
        ],
      ],
    };
    const b: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [-105.05205241599992, 39.71133671800004],
          [-105.05325023599994, 39.71134402000007],
          [-105.05326443699994, 39.71134437100005],
          [-105.05324938199993, 39.70408135400004],
          [-105.05205241599992, 39.70408],
          [-105.05205241599992, 39.71133671800004],
        ],
      ],
    };
    const merged = unionFaces(snapCoverage([a, b], 1).polygons);
    expect(merged).not.toBeNull();
    expect(validityError(toJstsPolygon(merged!.coordinates as [number, number][][]))).toBeNull();
    expect(Math.abs(areaM2(merged!) - areaM2(a) - areaM2(b))).toBeLessThan(0.01);
  });
});
