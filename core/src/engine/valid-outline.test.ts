import type { Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { toJstsMultiPolygon, validityError } from '../geometry/jsts-bridge.js';
import type { XY } from '../geometry/read-coordinates.js';
import { partAreasM2, validOutline } from './valid-outline.js';

// Metres east/north of a point in Xi'an to [lng, lat] (about: areas are checked to 1%).
const ll = (x: number, y: number): Position => [108.9 + x / 92_000, 34.25 + y / 110_950];
const ring = (...xy: [number, number][]): Position[] => [...xy, xy[0]!].map(([x, y]) => ll(x, y));
const valid = (g: Polygon | { type: 'MultiPolygon'; coordinates: Position[][][] }): boolean =>
  validityError(toJstsMultiPolygon((g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as XY[][][])) === null;

describe('validOutline', () => {
  it('returns a valid outline as the very object, with no repairs', () => {
    const square: Polygon = { type: 'Polygon', coordinates: [ring([0, 0], [100, 0], [100, 100], [0, 100])] };
    const out = validOutline(square);
    expect(out.geometry).toBe(square);
    expect(out.repairs).toEqual([]);
  });

  it('splits a ring pinched at a point into its two lobes, as ST_MakeValid does, and says so', () => {
    // Two squares, 100 m and 50 m, meeting only at (100, 100), written as one ring through that point twice.
    const pinched: Polygon = {
      type: 'Polygon',
      coordinates: [ring([0, 0], [100, 0], [100, 100], [150, 100], [150, 150], [100, 150], [100, 100], [0, 100])],
    };
    expect(valid(pinched)).toBe(false);
    const out = validOutline(pinched);
    expect(out.geometry.type).toBe('MultiPolygon');
    expect(valid(out.geometry)).toBe(true);
    const areas = partAreasM2(out.geometry);
    expect(areas.length).toBe(2);
    expect(areas[0]! / 10_000).toBeCloseTo(1, 2);
    expect(areas[1]! / 2_500).toBeCloseTo(1, 2);
    expect(out.repairs.map((r) => r.reason)).toEqual(['self_intersection']);
    expect(out.repairs[0]!.at).toEqual(ll(100, 100));
  });

  it('makes a ring that pinches around a hole one polygon with that hole', () => {
    // A 300 m square whose ring turns in at (150, 0) round a triangular courtyard and out again there.
    const pinched: Polygon = {
      type: 'Polygon',
      coordinates: [ring([0, 0], [150, 0], [100, 100], [200, 100], [150, 0], [300, 0], [300, 300], [0, 300])],
    };
    expect(valid(pinched)).toBe(false);
    const out = validOutline(pinched);
    expect(valid(out.geometry)).toBe(true);
    expect(out.geometry.type).toBe('Polygon');
    expect((out.geometry as Polygon).coordinates.length).toBe(2);
    expect(partAreasM2(out.geometry)[0]! / (90_000 - 5_000)).toBeCloseTo(1, 2);
    expect(out.repairs.map((r) => r.reason)).toEqual(['self_intersection']);
  });
});
