import { describe, expect, it } from 'vitest';
import { representativePoint } from '../geometry/representative-point.js';
import { COMMUNITY, at, building, grid, rect } from './plan.fixture.js';
import { diffPlans, sameShape } from './plan-diff.js';
import type { PlanUnit } from './plan.types.js';
import { createUnitIndex } from './unit-index.js';
import { placeUnits } from './unit-placement.js';

const index = createUnitIndex([
  building('a', 50, 50, 120),
  building('b', 150, 50, 100),
  building('c', 250, 100, 200),
  building('d', 350, 100, 140),
]);
const before = [grid('001', rect(0, 0, 200, 200)), grid('002', rect(200, 0, 400, 200))];

describe('diffPlans', () => {
  it('an identical plan changes nothing', () => {
    const d = diffPlans(before, before, index);
    expect(d).toMatchObject({
      added: [],
      removed: [],
      changed: [],
      unchanged: [`${COMMUNITY}001`, `${COMMUNITY}002`],
      moved: [],
      households: 0,
    });
  });

  it('a reshaped grid moves the buildings that changed sides', () => {
    const after = [grid('001', rect(0, 0, 300, 200)), grid('002', rect(300, 0, 400, 200))];
    const d = diffPlans(before, after, index);
    expect(d.changed).toEqual([`${COMMUNITY}001`, `${COMMUNITY}002`]);
    expect(d.moved).toEqual([{ unit: 'c', from: `${COMMUNITY}002`, to: `${COMMUNITY}001`, households: 200, persons: 600 }]);
    expect(d).toMatchObject({ households: 200, persons: 600, buildings: 1 });
  });

  it('a split grid is removed and its parts added; every unit in it moved', () => {
    const after = [before[0]!, grid('N01', rect(200, 0, 300, 200)), grid('N02', rect(300, 0, 400, 200))];
    const d = diffPlans(before, after, index);
    expect(d).toMatchObject({
      added: [`${COMMUNITY}N01`, `${COMMUNITY}N02`],
      removed: [`${COMMUNITY}002`],
      unchanged: [`${COMMUNITY}001`],
      households: 340,
    });
  });

  it('a grid recoded without reshaping keeps its units', () => {
    const after = [before[0]!, grid('003', rect(200, 0, 400, 200))];
    const d = diffPlans(before, after, index);
    expect(d).toMatchObject({ added: [], removed: [], recoded: [[`${COMMUNITY}002`, `${COMMUNITY}003`]], moved: [] });
  });

  describe('a building cut by the edge between 001 and 002 (x = 200 m)', () => {
    // An L: a low bar west of the edge and a column astride it. 54% of it lies west of x = 200,
    // its point on surface (x = 204) east of it.
    const ring = [at(150, 150), at(210, 150), at(210, 200), at(198, 200), at(198, 160), at(150, 160), at(150, 150)];
    const l: PlanUnit = { id: 'L', point: representativePoint([ring]), households: 80, persons: 240, footprint: [ring] };
    const withL = createUnitIndex([...index.units, l]);
    const edgeAt = (x: number) => [grid('001', rect(0, 0, x, 200)), grid('002', rect(x, 0, 400, 200))];

    it('belongs to 001, which holds its largest share, though its point lies in 002', () => {
      const placed = placeUnits([l], before)[0]!;
      expect(before[placed.grid]!.code).toBe(`${COMMUNITY}001`);
      expect(placed.shares.map((s) => Math.round(s.share * 100))).toEqual([54, 46]);
      expect(l.point[0]).toBeGreaterThan(at(200, 0)[0]);
    });

    it('does not move when the edge moves east and its point changes sides: most of it stayed in 001', () => {
      const d = diffPlans(before, edgeAt(205), withL);
      expect(d.moved).toEqual([]);
    });

    it('moves to 002 when the edge moves west past most of it, though its point stays in 002', () => {
      const d = diffPlans(before, edgeAt(190), withL);
      expect(d.moved).toEqual([{ unit: 'L', from: `${COMMUNITY}001`, to: `${COMMUNITY}002`, households: 80, persons: 240 }]);
      expect(d).toMatchObject({ changed: [`${COMMUNITY}001`, `${COMMUNITY}002`], households: 80, buildings: 1 });
    });

    it('moves into a split grid by its largest share', () => {
      const after = [grid('001', rect(0, 0, 200, 200)), grid('N01', rect(200, 0, 300, 200)), grid('N02', rect(300, 0, 400, 200))];
      const d = diffPlans(before, after, withL);
      expect(d.moved.map((m) => m.unit).sort()).toEqual(['c', 'd']);
    });
  });

  it('sameShape ignores the rounding of a save (6 decimals) and nothing larger', () => {
    const a = rect(0, 0, 10, 10);
    const rounded = { ...a, coordinates: [a.coordinates[0]!.map(([x, y]) => [Math.round(x! * 1e6) / 1e6, Math.round(y! * 1e6) / 1e6])] };
    expect(sameShape(a, rounded)).toBe(true);
    const moved = { ...a, coordinates: [a.coordinates[0]!.map(([x, y]) => [x! + 5e-6, y!])] };
    expect(sameShape(a, moved)).toBe(false);
    expect(sameShape(a, rect(0, 0, 10, 11))).toBe(false);
  });
});
