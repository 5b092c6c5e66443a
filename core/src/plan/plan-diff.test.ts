import { describe, expect, it } from 'vitest';
import { COMMUNITY, building, grid, rect } from './plan.fixture.js';
import { diffPlans, sameShape } from './plan-diff.js';
import { createUnitIndex } from './unit-index.js';

const index = createUnitIndex([building('a', 50, 50, 120), building('b', 150, 50, 100), building('c', 250, 100, 200), building('d', 350, 100, 140)]);
const before = [grid('001', rect(0, 0, 200, 200)), grid('002', rect(200, 0, 400, 200))];

describe('diffPlans', () => {
  it('an identical plan changes nothing', () => {
    const d = diffPlans(before, before, index);
    expect(d).toMatchObject({ added: [], removed: [], changed: [], unchanged: [`${COMMUNITY}001`, `${COMMUNITY}002`], moved: [], households: 0 });
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
    expect(d).toMatchObject({ added: [`${COMMUNITY}N01`, `${COMMUNITY}N02`], removed: [`${COMMUNITY}002`], unchanged: [`${COMMUNITY}001`], households: 340 });
  });

  it('a grid recoded without reshaping keeps its units', () => {
    const after = [before[0]!, grid('003', rect(200, 0, 400, 200))];
    const d = diffPlans(before, after, index);
    expect(d).toMatchObject({ added: [], removed: [], recoded: [[`${COMMUNITY}002`, `${COMMUNITY}003`]], moved: [] });
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
