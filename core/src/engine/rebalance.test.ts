import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { PlanUnit } from '../plan/plan.types.js';
import { createUnitIndex } from '../plan/unit-index.js';
import { validatePlan } from '../plan/validate-plan.js';
import { DEFAULT_RULE_PROFILE, gridLoad, type RuleProfile } from '../rule-profile.js';
import { assignmentMoves } from './assignment-moves.js';
import { buildUnits } from './build-units.js';
import { delineate } from './delineate.js';
import type { EngineUnit } from './engine.types.js';
import { rebalance, rebalanceInOrder } from './rebalance.js';
import { lattice } from './test-lattice.fixture.js';

const profile: RuleProfile = { ...DEFAULT_RULE_PROFILE, combine: 'all' };

describe('rebalance', () => {
  const l = lattice(4, 200, 9, 20);
  const built = buildUnits({ boundary: l.boundary, streets: l.streets, buildings: l.buildings, maxUnitHouseholds: 100 });
  const first = delineate({ boundary: l.boundary, units: built.units, adjacency: built.adjacency, profile, seed: 2 });
  const plan = first.grids.map((g, i) => ({ code: `G${i + 1}`, geometry: g.geometry, unitIds: g.unitIds }));
  // Two blocks' buildings grow by 45%.
  const grown = new Set(l.buildings.filter((b) => b.id.startsWith('b1-1-') || b.id.startsWith('b2-3-')).map((b) => b.id));
  const buildings: PlanUnit[] = l.buildings.map((b) =>
    grown.has(b.id) ? { ...b, households: Math.round(b.households * 1.45), persons: Math.round(b.persons * 1.45) } : b,
  );
  const byId = new Map(buildings.map((b) => [b.id, b]));
  const units = built.units.map((u) => ({
    ...u,
    households: u.buildings!.reduce((s, id) => s + byId.get(id)!.households, 0),
    persons: u.buildings!.reduce((s, id) => s + byId.get(id)!.persons, 0),
  }));

  it('brings every grid back within the rule, touching only violators and neighbours', () => {
    const before = plan.filter(
      (g) =>
        gridLoad(
          { households: g.unitIds.reduce((s, id) => s + units.find((u) => u.id === id)!.households, 0), persons: 0 },
          { ...profile, maxPersons: Infinity },
        ).status === 'over',
    );
    expect(before.length).toBeGreaterThan(0);
    const result = rebalance({ plan, units, adjacency: built.adjacency, profile, seed: 1 });
    expect(result.report.remaining).toEqual([]);
    const changed = new Set(result.report.changedGrids);
    for (const g of result.grids) if (!changed.has(g.code) && plan.some((p) => p.code === g.code)) expect(plan).toContain(g);
    const grids = result.grids.map((g) => ({ code: g.code, geometry: g.geometry, communityCode: 'c' }));
    const v = validatePlan({ communities: [{ code: 'c', geometry: l.boundary }], grids, units: createUnitIndex(buildings), profile });
    expect(v.errors).toBe(0);
    expect(v.problems.filter((p) => ['gap', 'overlap', 'over_cap', 'unassigned_unit'].includes(p.kind))).toEqual([]);

    // Against dividing again from scratch.
    const again = delineate({ boundary: l.boundary, units, adjacency: built.adjacency, profile, seed: 1 });
    const hh = new Map(units.map((u) => [u.id, u.households]));
    const old = new Map(plan.flatMap((g) => g.unitIds.map((id) => [id, g.code] as const)));
    const scratch = assignmentMoves(old, new Map(again.grids.flatMap((g, i) => g.unitIds.map((id) => [id, `n${i}`] as const))), hh);
    const mine = assignmentMoves(
      old,
      new Map(result.grids.flatMap((g) => (g as { unitIds: string[] }).unitIds.map((id) => [id, g.code] as const))),
      hh,
    );
    expect(mine.households).toBe(result.report.householdsMoved);
    expect(result.report.householdsMoved).toBeLessThan(scratch.households);
  });

  it('fixes the grids in the order that moves fewer households (here least loaded first: 276 against 300, as many grids added)', () => {
    // Two blocks grow by 60%: fixing the most loaded grid first (the only order before) takes
    // room a lighter grid needed.
    const grownIds = new Set(l.buildings.filter((b) => b.id.startsWith('b0-0-') || b.id.startsWith('b1-2-')).map((b) => b.id));
    const households = new Map(l.buildings.map((b) => [b.id, grownIds.has(b.id) ? Math.round(b.households * 1.6) : b.households]));
    const grownUnits = built.units.map((u) => ({
      ...u,
      households: u.buildings!.reduce((s, id) => s + households.get(id)!, 0),
      persons: u.buildings!.reduce((s, id) => s + households.get(id)! * 3, 0),
    }));
    const args = { plan, units: grownUnits, adjacency: built.adjacency, profile, seed: 1 };
    const mostFirst = rebalanceInOrder(args, 'most-loaded-first');
    const leastFirst = rebalanceInOrder(args, 'least-loaded-first');
    const best = rebalance(args);
    expect(mostFirst.report.householdsMoved).toBe(300);
    expect(leastFirst.report.householdsMoved).toBe(276);
    expect(best.report.householdsMoved).toBe(276);
    expect(best.report.addedGrids).toHaveLength(mostFirst.report.addedGrids.length);
    expect(best.report.remaining).toEqual([]);
    expect(best.grids).toEqual(leastFirst.grids);
  });

  it('is deterministic and leaves a compliant plan alone', () => {
    const same = rebalance({ plan, units: built.units, adjacency: built.adjacency, profile, seed: 1 });
    expect(same.report.changedGrids).toEqual([]);
    expect(same.grids).toEqual(plan);
    const a = rebalance({ plan, units, adjacency: built.adjacency, profile, seed: 5 });
    const b = rebalance({ plan, units, adjacency: built.adjacency, profile, seed: 5 });
    expect(a.grids.map((g) => g.code + (g as { unitIds: string[] }).unitIds.join())).toEqual(
      b.grids.map((g) => g.code + (g as { unitIds: string[] }).unitIds.join()),
    );
  });

  it('reports progress and throws an AbortError when aborted', () => {
    const seen: string[] = [];
    rebalance({
      plan,
      units,
      adjacency: built.adjacency,
      profile,
      seed: 1,
      onProgress: (p) => seen.push(`${p.phase} ${p.done}/${p.total}`),
    });
    expect(seen[0]).toMatch(/^rebalance 0\//);
    expect(seen.some((x) => x.startsWith('outline'))).toBe(true);
    // Both orders are run; every phase moves forward and ends done.
    const events = seen
      .map((x) => x.split(/[ /]/))
      .map(([phase, done, total]) => ({ phase: phase!, done: Number(done), total: Number(total) }));
    for (const phase of ['rebalance', 'outline']) {
      const mine = events.filter((e) => e.phase === phase);
      mine.slice(1).forEach((e, i) => expect(e.done / e.total).toBeGreaterThanOrEqual(mine[i]!.done / mine[i]!.total));
    }
    expect(events.at(-1)).toEqual({ phase: 'outline', done: 1, total: 1 });
    for (const phase of ['rebalance']) {
      const mine = events.filter((e) => e.phase === phase);
      expect(mine.at(-1)!.done).toBe(mine.at(-1)!.total);
    }
    const controller = new AbortController();
    controller.abort();
    expect(() => rebalance({ plan, units, adjacency: built.adjacency, profile, signal: controller.signal })).toThrow(
      expect.objectContaining({ name: 'AbortError' }),
    );
  });
});

/** About 90 m × 110 m cells near Xi'an, `[lng, lat]` degrees. */
const D = 0.001;
const cell = (x: number, y = 0, w = 1): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [108.9 + x * D, 34.25 + y * D],
      [108.9 + (x + w) * D, 34.25 + y * D],
      [108.9 + (x + w) * D, 34.25 + (y + 1) * D],
      [108.9 + x * D, 34.25 + (y + 1) * D],
      [108.9 + x * D, 34.25 + y * D],
    ],
  ],
});

describe('rebalance on hand-made rows of units', () => {
  it('leaves a neighbour that a fix tried and undid as the very grid of the plan', () => {
    // G (top row, 400 households) is over; H (bottom row, 280) has room for two of G's
    // 10-household units but not for the 100 G must shed: moving units one by one is tried
    // and undone, then G is split alone. H ends as it began, so it must not be rebuilt.
    const gHouseholds = [10, 10, 10, 10, 60, 60, 60, 60, 60, 60];
    const units: EngineUnit[] = [
      ...gHouseholds.map((h, x) => ({ id: `g${x}`, geometry: cell(x, 1), households: h, persons: h * 3 })),
      ...Array.from({ length: 10 }, (_, x) => ({ id: `h${x}`, geometry: cell(x, 0), households: 28, persons: 84 })),
    ];
    const plan = [
      { code: 'G', geometry: cell(0, 1, 10), unitIds: units.filter((u) => u.id.startsWith('g')).map((u) => u.id) },
      { code: 'H', geometry: cell(0, 0, 10), unitIds: units.filter((u) => u.id.startsWith('h')).map((u) => u.id) },
    ];
    const result = rebalance({ plan, units, profile, seed: 1 });
    expect(result.report.remaining).toEqual([]);
    expect(result.report.actions.map((a) => a.action)).toEqual(['split']);
    expect(result.report.changedGrids).toEqual(['G']);
    expect(result.grids.find((g) => g.code === 'H')).toBe(plan[1]);
  });

  it('names an indivisible unit over the rule by the ids of the input, not by internal unit ids', () => {
    // A street block (internal id u1) holding one building of 400 households, beside two small blocks.
    const units: EngineUnit[] = [
      { id: 'u1', geometry: cell(0), households: 400, persons: 1200, buildings: ['way/2415'] },
      { id: 'u2', geometry: cell(1), households: 10, persons: 30, buildings: ['way/77', 'way/78'] },
      { id: 'u3', geometry: cell(2), households: 10, persons: 30, buildings: ['way/79'] },
    ];
    const plan = [
      { code: 'G', geometry: cell(0), unitIds: ['u1', 'u2'] },
      { code: 'H', geometry: cell(2), unitIds: ['u3'] },
    ];
    const result = rebalance({ plan, units, profile, seed: 1 });
    expect(result.exceptions).toHaveLength(1);
    expect(result.exceptions[0]!.message).toMatch(
      /^building way\/2415 has 400 households and 1200 persons, over the rule on its own and indivisible: grid G stays over$/,
    );
    expect(result.exceptions[0]!.message).not.toMatch(/\bu1\b/);
    expect(result.exceptions[0]!.buildings).toEqual(['way/2415']);
  });

  it('flags a grid it leaves untouched that is one unit over the rule on its own as an exception, not a grid left over', () => {
    const units: EngineUnit[] = [
      { id: 'u1', geometry: cell(0), households: 400, persons: 1200, buildings: ['way/2415'] },
      { id: 'u2', geometry: cell(1), households: 10, persons: 30, buildings: ['way/77'] },
    ];
    const plan = [
      { code: 'G', geometry: cell(0), unitIds: ['u1'] },
      { code: 'H', geometry: cell(1), unitIds: ['u2'] },
    ];
    const result = rebalance({ plan, units, profile, seed: 1 });
    expect(result.report).toMatchObject({ violating: [], remaining: [], changedGrids: [], exceptionGrids: ['G'] });
    const g = result.grids.find((x) => x.code === 'G')!;
    expect(g).toMatchObject({ code: 'G', exception: true });
    expect('changed' in g).toBe(false);
    expect(g.geometry).toBe(plan[0]!.geometry);
    expect(result.grids.find((x) => x.code === 'H')).toBe(plan[1]);
    expect(result.exceptions).toMatchObject([{ unitId: 'u1', grid: 'G', buildings: ['way/2415'] }]);
  });
});
