import type { Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_PROFILE, type RuleProfile } from '../rule-profile.js';
import { localFrame } from './local-frame.js';
import { interiorPoint, outputReport } from './output-report.js';
import { pointInPolygon } from '../geometry/point-in-polygon.js';

const frame = localFrame([116.4, 39.9, 116.4, 39.9]);
const ll = (x: number, y: number): [number, number] => frame.toLngLat(x, y);
const rect = (x0: number, y0: number, x1: number, y1: number): Polygon => ({
  type: 'Polygon',
  coordinates: [[ll(x0, y0), ll(x1, y0), ll(x1, y1), ll(x0, y1), ll(x0, y0)] as Position[]],
});
const profile: RuleProfile = { ...DEFAULT_RULE_PROFILE, combine: 'all', maxHouseholds: 300, maxPersons: 1000 };
const unit = (id: string, x: number, y: number, households: number) => ({ id, point: ll(x, y), households, persons: 2 * households });

describe('outputReport', () => {
  it('counts what lies in each written grid and finds nothing wrong in a clean tiling', () => {
    const r = outputReport({
      grids: [{ geometry: rect(0, 0, 100, 100) }, { geometry: rect(100, 0, 200, 100) }],
      units: [unit('a', 50, 50, 200), unit('b', 150, 50, 250), unit('c', 160, 60, 40)],
      profile,
      coverArea: 20000,
    });
    expect(r.perGrid.map((g) => [g.households, g.units])).toEqual([
      [200, ['a']],
      [290, ['b', 'c']],
    ]);
    expect(r).toMatchObject({ compliant: true, contiguous: true, unplaced: [], doubled: [], violations: [], overlaps: [] });
    expect(Math.abs(r.coverage - 1)).toBeLessThan(0.01);
  });

  it('names units in no grid and in two, grids over the rule, and overlapping grids', () => {
    const r = outputReport({
      // The second grid reaches 30 m into the first; the third is an exception.
      grids: [
        { geometry: rect(0, 0, 100, 100) },
        { geometry: rect(70, 0, 200, 100) },
        { geometry: rect(0, 100, 100, 200), exception: true },
      ],
      units: [unit('a', 50, 50, 200), unit('b', 80, 50, 150), unit('c', 150, 50, 200), unit('x', 500, 500, 10), unit('big', 50, 150, 400)],
      profile,
      coverArea: 30000,
    });
    expect(r.unplaced).toEqual(['x']);
    expect(r.doubled).toEqual(['b']);
    // b counts once, in the first grid it lies in: 350 households there.
    expect(r.perGrid[0]!.households).toBe(350);
    expect(r.violations).toEqual([0]);
    expect(r.overlaps).toEqual([[0, 1]]);
    expect(Math.abs(r.overlapM2 - 3000)).toBeLessThan(30);
    expect(r.compliant).toBe(false);
  });

  it('ignores overlaps that are slivers by width as well as by area, as the PostGIS check does', () => {
    // A strip 200 m long and 0.4 m wide (80 m², far over the 1 m² sliver area) between two grids.
    const grids = [{ geometry: rect(0, 0, 100.4, 200) }, { geometry: rect(100, 0, 200, 200) }];
    const units = [unit('a', 50, 50, 100), unit('b', 150, 50, 100)];
    const thin = outputReport({ grids, units, profile, coverArea: 40000 });
    expect(thin.overlaps).toEqual([]);
    expect(thin.overlapM2).toBe(0);
    // Thinner than 0.4 m only when the width asked for is larger: with 0.3 m the strip counts.
    const counted = outputReport({ grids, units, profile: { ...profile, sliverWidthM: 0.3 }, coverArea: 40000 });
    expect(counted.overlaps).toEqual([[0, 1]]);
    expect(Math.abs(counted.overlapM2 - 80)).toBeLessThan(2);
    // The engine's own floor (its snap tolerance) outranks a finer profile.
    const engine = outputReport({ grids, units, profile: { ...profile, sliverWidthM: 0.3 }, coverArea: 40000, sliverWidthM: 1 });
    expect(engine.overlaps).toEqual([]);
  });
});

describe('interiorPoint', () => {
  it('moves a point on the boundary to the middle of the widest horizontal stretch inside', () => {
    // A U shape: its vertex centroid falls in the notch; a point on the edge is not inside either.
    const u: Polygon = {
      type: 'Polygon',
      coordinates: [
        [ll(0, 0), ll(300, 0), ll(300, 300), ll(200, 300), ll(200, 100), ll(100, 100), ll(100, 300), ll(0, 300), ll(0, 0)] as Position[],
      ],
    };
    const onEdge = ll(150, 100);
    const p = interiorPoint(u, onEdge);
    expect(p).not.toEqual(onEdge);
    expect(pointInPolygon(p, u)).toBe(true);
    // A point already inside stays.
    const inside = ll(50, 50);
    expect(interiorPoint(u, inside)).toBe(inside);
  });
});
