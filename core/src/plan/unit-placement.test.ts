import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { representativePoint } from '../geometry/representative-point.js';
import { DEFAULT_RULE_PROFILE } from '../rule-profile.js';
import type { PlanGrid, PlanUnit } from './plan.types.js';
import { createUnitIndex, unitsInGeometry } from './unit-index.js';
import { placeUnits } from './unit-placement.js';
import { validatePlan } from './validate-plan.js';

const rect = (x0: number, y0: number, x1: number, y1: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ],
  ],
});
const grid = (code: string, g: Polygon): PlanGrid => ({ code, geometry: g, communityCode: 'C' });
const unit = (id: string, footprint: Polygon, households = 10): PlanUnit => ({
  id,
  point: representativePoint(footprint),
  households,
  persons: 3 * households,
  footprint: footprint.coordinates,
});

describe('which grid holds a unit', () => {
  // A (west half) and B, C (east half, split north/south) meet at x = 0.01.
  const grids = [grid('A', rect(0, 0, 0.01, 0.02)), grid('B', rect(0.01, 0.01, 0.02, 0.02)), grid('C', rect(0.01, 0, 0.02, 0.01))];

  it('keeps a concave block lying wholly in A in A, though its vertex average lies in B', () => {
    // A C-shaped block opening east, its tips touching x = 0.01 where B and C meet.
    const c: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0.002, 0.008],
          [0.01, 0.008],
          [0.01, 0.0085],
          [0.003, 0.0085],
          [0.003, 0.0115],
          [0.01, 0.0115],
          [0.01, 0.012],
          [0.002, 0.012],
          [0.002, 0.008],
        ],
      ],
    };
    const placed = placeUnits([unit('c', c)], grids)[0]!;
    expect(placed.grid).toBe(0);
    expect(placed.shares.length).toBeLessThan(2);
  });

  it('gives a cut unit to the grid with the largest share and names every share', () => {
    const u = unit('cut', rect(0.0094, 0.012, 0.0114, 0.013)); // 30% in A, 70% in B
    const placed = placeUnits([u], grids)[0]!;
    expect(placed.grid).toBe(1);
    expect(placed.shares.map((s) => [grids[s.grid]!.code, Math.round(s.share * 100)])).toEqual([
      ['B', 70],
      ['A', 30],
    ]);
    const three = placeUnits([unit('three', rect(0.0096, 0.0095, 0.0104, 0.0101))], grids)[0]!;
    expect(three.shares.map((s) => grids[s.grid]!.code)).toEqual(['A', 'C', 'B']);
  });

  it('breaks a tie by the smallest grid code, and puts a point on a shared edge in the smaller code', () => {
    const half = placeUnits([unit('half', rect(0.009, 0.012, 0.011, 0.013))], grids)[0]!;
    expect(grids[half.grid]!.code).toBe('A');
    const onEdge: PlanUnit = { id: 'p', point: [0.01, 0.005], households: 1, persons: 1 };
    expect(grids[placeUnits([onEdge], grids)[0]!.grid]!.code).toBe('A');
    const reversed = [grids[2]!, grids[0]!];
    expect(reversed[placeUnits([onEdge], reversed)[0]!.grid]!.code).toBe('A');
  });

  it('measures one grid alone by "more than half"', () => {
    const units = [
      unit('in', rect(0.001, 0.001, 0.002, 0.002)),
      unit('mostly', rect(0.0094, 0.012, 0.0114, 0.013)),
      unit('out', rect(0.015, 0.015, 0.016, 0.016)),
    ];
    const index = createUnitIndex(units);
    expect(unitsInGeometry(index, grids[0]!.geometry)).toEqual([0]);
    expect(unitsInGeometry(index, grids[1]!.geometry)).toEqual([1, 2]);
  });
});

describe('validatePlan measures every grid and places units once', () => {
  it('gives a multipart grid and a self-crossing grid their figures beside the error', () => {
    const units = [
      unit('u1', rect(0.001, 0.001, 0.002, 0.002), 40),
      unit('u2', rect(0.031, 0.001, 0.032, 0.002), 50),
      unit('u3', rect(0.051, 0.001, 0.052, 0.002), 60),
    ];
    const multi: PlanGrid = {
      code: 'M',
      communityCode: 'C',
      geometry: { type: 'MultiPolygon', coordinates: [rect(0, 0, 0.01, 0.01).coordinates, rect(0.03, 0, 0.04, 0.01).coordinates] },
    };
    const bowtie: PlanGrid = {
      code: 'X',
      communityCode: 'C',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [0.05, 0],
            [0.06, 0.01],
            [0.06, 0],
            [0.05, 0.01],
            [0.05, 0],
          ],
        ],
      },
    };
    const v = validatePlan({ communities: [], grids: [multi, bowtie], units: createUnitIndex(units), profile: DEFAULT_RULE_PROFILE });
    expect(
      v.problems
        .filter((p) => p.severity === 'error')
        .map((p) => p.kind)
        .sort(),
    ).toEqual(['invalid_geometry', 'multipart']);
    expect(v.metrics.get('M')).toMatchObject({ households: 90, buildings: 2 });
    expect(v.metrics.get('M')!.areaM2).toBeGreaterThan(2e6);
    expect(v.metrics.get('X')).toMatchObject({ households: 60, buildings: 1 });
  });

  it('counts a unit under two overlapping grids once', () => {
    const units = [unit('both', rect(0.0085, 0.004, 0.0095, 0.005))];
    const v = validatePlan({
      communities: [],
      grids: [grid('A', rect(0, 0, 0.01, 0.01)), grid('B', rect(0.008, 0, 0.02, 0.01))],
      units: createUnitIndex(units),
      profile: DEFAULT_RULE_PROFILE,
    });
    expect([v.metrics.get('A')!.buildings, v.metrics.get('B')!.buildings]).toEqual([1, 0]);
  });

  it('names both shares of a cut unit and counts it where the larger share is', () => {
    const units = [unit('cut', rect(0.0092, 0.004, 0.0102, 0.005))];
    const v = validatePlan({
      communities: [],
      grids: [grid('A', rect(0, 0, 0.01, 0.01)), grid('B', rect(0.01, 0, 0.02, 0.01))],
      units: createUnitIndex(units),
      profile: DEFAULT_RULE_PROFILE,
    });
    const cut = v.problems.find((p) => p.kind === 'cut_unit');
    expect(cut?.shares?.map((s) => s.grid)).toEqual(['A', 'B']);
    expect(cut?.message).toMatch(/80% in grid A, 20% in grid B; it counts in grid A/);
    expect([v.metrics.get('A')!.buildings, v.metrics.get('B')!.buildings]).toEqual([1, 0]);
  });
});
