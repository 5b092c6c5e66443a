import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_PROFILE } from '../rule-profile.js';
import { COMMUNITY, at, boundary, building, grid, rect } from './plan.fixture.js';
import type { PlanUnit } from './plan.types.js';
import { createUnitIndex } from './unit-index.js';
import { validatePlan } from './validate-plan.js';

const communities = [{ code: COMMUNITY, geometry: boundary }];
const units: PlanUnit[] = [
  building('a', 50, 50, 120),
  building('b', 150, 50, 100),
  building('c', 50, 150, 90),
  building('d', 250, 100, 200, 500),
  building('e', 350, 100, 140),
];
const index = createUnitIndex(units);
const profile = DEFAULT_RULE_PROFILE;
const run = (grids: ReturnType<typeof grid>[], extra = {}) => validatePlan({ communities, grids, units: index, profile, ...extra });
const kinds = (v: ReturnType<typeof run>) => v.problems.map((p) => p.kind).sort();

const clean = [grid('001', rect(0, 0, 200, 200)), grid('002', rect(200, 0, 400, 200))];

describe('validatePlan', () => {
  it('a clean plan has metrics and no problems', () => {
    const v = run(clean);
    expect(v.problems).toEqual([]);
    expect(v.metrics.get(`${COMMUNITY}001`)).toMatchObject({ households: 310, persons: 930, buildings: 3 });
    expect(v.metrics.get(`${COMMUNITY}002`)).toMatchObject({ households: 340, persons: 920, buildings: 2 });
    expect(v.metrics.get(`${COMMUNITY}001`)!.areaM2).toBeCloseTo(40_000, -1);
    expect(v.metrics.get(`${COMMUNITY}001`)!.compactness).toBeCloseTo(Math.PI / 4, 2);
    expect([...v.assignment]).toEqual([0, 0, 0, 1, 1]);
  });

  it('flags an over-cap grid under `all` with the cap that decided it', () => {
    const v = run(clean, { profile: { ...profile, combine: 'all' } });
    const over = v.problems.filter((p) => p.kind === 'over_cap');
    expect(over.map((p) => p.grids[0])).toEqual([`${COMMUNITY}001`, `${COMMUNITY}002`]);
    expect(over[1]).toMatchObject({ severity: 'warning', figures: { households: 340, persons: 920 } });
    expect(over[1]!.message).toMatch(/340 households and 920 persons, over the rule \(300 households and 1000 persons\)/);
  });

  it('flags an under-filled grid but not a dedicated one', () => {
    const small = grid('001', rect(0, 100, 100, 200));
    const rest = grid('002', rect(100, 0, 400, 200));
    const under = (v: ReturnType<typeof run>) => v.problems.filter((p) => p.kind === 'under_fill');
    expect(under(run([small, rest]))).toMatchObject([{ grids: [`${COMMUNITY}001`], figures: { households: 90, persons: 270 } }]);
    expect(under(run([{ ...small, type: 'dedicated' }, rest]))).toEqual([]);
  });

  it('reports a gap with its area and the buildings left in it', () => {
    const v = run([grid('001', rect(0, 0, 200, 200)), grid('002', rect(300, 0, 400, 200))]);
    const gap = v.problems.find((p) => p.kind === 'gap')!;
    expect(gap.severity).toBe('warning');
    expect(gap.areaM2).toBeCloseTo(20_000, -2);
    expect(gap.units).toEqual(['d']);
    expect(gap.figures).toMatchObject({ households: 200 });
    expect(v.assignment[3]).toBe(-1);
  });

  it('ignores slivers under the tolerance and reports them above it', () => {
    const narrow = [grid('001', rect(0, 0, 200, 200)), grid('002', rect(200.3, 0, 400, 200))];
    expect(kinds(run(narrow))).toEqual([]);
    expect(kinds(run(narrow, { sliverWidthM: 0.1 }))).toEqual(['gap']);
  });

  it('reports an overlap as an error with its area and location', () => {
    const v = run([grid('001', rect(0, 0, 220, 200)), grid('002', rect(200, 0, 400, 200))]);
    const overlap = v.problems.find((p) => p.kind === 'overlap')!;
    expect(overlap).toMatchObject({ severity: 'error', grids: [`${COMMUNITY}001`, `${COMMUNITY}002`] });
    expect(overlap.areaM2).toBeCloseTo(4_000, -1);
    expect(overlap.location![0]).toBeGreaterThan(at(200, 0)[0]);
    expect(overlap.location![0]).toBeLessThan(at(220, 0)[0]);
  });

  it('reports a grid reaching outside its community', () => {
    const v = run([grid('001', rect(0, 0, 200, 200)), grid('002', rect(200, 0, 450, 200))]);
    expect(v.problems.find((p) => p.kind === 'outside_community')).toMatchObject({ severity: 'error', grids: [`${COMMUNITY}002`] });
    expect(v.problems.find((p) => p.kind === 'outside_community')!.areaM2).toBeCloseTo(10_000, -2);
  });

  it('reports multipart and self-intersecting grids and keeps checking the rest', () => {
    const multi = { type: 'MultiPolygon' as const, coordinates: [rect(0, 0, 100, 200).coordinates, rect(150, 0, 200, 200).coordinates] };
    const bow = { type: 'Polygon' as const, coordinates: [[at(200, 0), at(400, 200), at(400, 0), at(200, 200), at(200, 0)]] };
    const v = run([grid('001', multi), grid('002', bow)]);
    expect(kinds(v)).toContain('multipart');
    expect(kinds(v)).toContain('invalid_geometry');
    expect(v.errors).toBeGreaterThanOrEqual(2);
  });

  it('reports a building cut by a grid boundary', () => {
    const v = run([grid('001', rect(0, 0, 147, 200)), grid('002', rect(147, 0, 400, 200))]);
    const cut = v.problems.find((p) => p.kind === 'cut_unit')!;
    expect(cut).toMatchObject({ units: ['b'], grids: [`${COMMUNITY}002`, `${COMMUNITY}001`] });
  });

  it('says "block" for polygon blocks and "building" otherwise', () => {
    const split = [grid('001', rect(0, 0, 147, 200)), grid('002', rect(147, 0, 400, 200))];
    const asBuildings = run(split).problems.find((p) => p.kind === 'cut_unit')!;
    expect(asBuildings.message).toMatch(/^building b \(100 households\) is cut by a grid boundary.* the whole building lies in one grid$/);
    expect(asBuildings.unitKind).toBe('building');
    const asBlocks = run(split, { unitKind: 'block' }).problems.find((p) => p.kind === 'cut_unit')!;
    expect(asBlocks.message).toMatch(/^block b \(100 households\) is cut by a grid boundary.* the whole block lies in one grid$/);
    expect(asBlocks.unitKind).toBe('block');
    const gap = run([grid('001', rect(0, 0, 200, 200)), grid('002', rect(300, 0, 400, 200))], { unitKind: 'block' }).problems.find(
      (p) => p.kind === 'gap',
    )!;
    expect(gap.message).toMatch(/with 1 block\(s\) and 200 households/);
    for (const p of [...run(split).problems, ...run(split, { unitKind: 'block' }).problems]) expect(p.message).not.toMatch(/\bunits?\b/);
  });

  it('marks a grid of one building over the rule on its own as an exception, not a fault of the plan', () => {
    const tight = { ...profile, combine: 'all' as const, maxHouseholds: 150 };
    // Grid 002 holds only d (200 households); grid 001 holds a, b and c (310): over, and divisible.
    const v = run([grid('001', rect(0, 0, 200, 200)), grid('002', rect(200, 0, 300, 200)), grid('003', rect(300, 0, 400, 200))], {
      profile: tight,
    });
    const over = v.problems.filter((p) => p.kind === 'over_cap');
    expect(over.map((p) => [p.grids[0], p.exception ?? null])).toEqual([
      [`${COMMUNITY}001`, null],
      [`${COMMUNITY}002`, 'single_unit_over_rule'],
    ]);
    expect(over[1]).toMatchObject({ units: ['d'], unitKind: 'building', figures: { households: 200, persons: 500 } });
    expect(over[1]!.message).toMatch(
      /is one building \(d\) with 200 households and 500 persons, over the rule .* on its own: a building cannot be split/,
    );
  });

  it('checks the number of grids per zone', () => {
    const zoned = clean.map((g) => ({ ...g, zoneCode: `${COMMUNITY}01` }));
    expect(kinds(run(zoned))).toEqual([]);
    const v = run([
      { ...clean[0]!, zoneCode: `${COMMUNITY}01` },
      { ...clean[1]!, zoneCode: `${COMMUNITY}02` },
    ]);
    expect(v.problems.filter((p) => p.kind === 'zone_size').map((p) => p.zoneCode)).toEqual([`${COMMUNITY}01`, `${COMMUNITY}02`]);
  });
});
