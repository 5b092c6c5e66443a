import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_PROFILE, type RuleProfile } from '../rule-profile.js';
import { delineateCommunity } from './delineate-community.js';
import { rebalanceCommunity } from './rebalance-community.js';
import { lattice } from './test-lattice.fixture.js';

const profile: RuleProfile = { ...DEFAULT_RULE_PROFILE, combine: 'all' };

describe('rebalanceCommunity', () => {
  // 5×5 blocks of 4 buildings × 25 households, divided with room, then the first row of blocks grows.
  const l = lattice(5, 150, 4, 25);
  const division = delineateCommunity({
    boundary: l.boundary,
    streets: l.streets,
    buildings: l.buildings,
    profile,
    seed: 1,
    targetFill: 0.85,
  });
  const plan = division.grids.map((g, i) => ({ code: `G${i + 1}`, geometry: g.geometry }));
  const grown = l.buildings.map((b, i) => (i < 20 ? { ...b, households: 45, persons: 135 } : b));

  it('fixes the grids the growth pushed over, keeps the others as the same objects, and moves less than a re-run', () => {
    const r = rebalanceCommunity({
      boundary: l.boundary,
      streets: l.streets,
      buildings: grown,
      plan,
      profile,
      seed: 1,
      compare: true,
      targetFill: 0.85,
    });
    expect(r.report.violating.length).toBeGreaterThan(0);
    expect(r.report.remaining).toEqual([]);
    expect(r.unassigned).toBe(0);
    const untouched = r.grids.filter((g) => !('changed' in g));
    expect(untouched.length).toBeGreaterThan(0);
    for (const g of untouched) expect(g.geometry).toBe(plan.find((p) => p.code === g.code)!.geometry);
    expect(r.rerun).not.toBeNull();
    expect(r.report.householdsMoved).toBeLessThan(r.rerun!.householdsMoved);
  });

  it('never changes a locked or dedicated grid, and cuts units by persons under `all`', () => {
    const violating = rebalanceCommunity({ boundary: l.boundary, streets: l.streets, buildings: grown, plan, profile, seed: 1 }).report
      .violating;
    // Lock every grid touching the first violating one: it must split alone or fail, never shed into them.
    const lockedPlan = plan.map((g) => (g.code === violating[0] ? g : { ...g, type: 'dedicated' as const }));
    const r = rebalanceCommunity({ boundary: l.boundary, streets: l.streets, buildings: grown, plan: lockedPlan, profile, seed: 1 });
    for (const g of r.grids)
      if (g.code !== violating[0] && !g.code.startsWith('NEW-')) expect(g.geometry).toBe(plan.find((p) => p.code === g.code)!.geometry);
    for (const u of r.units) expect(u.persons <= profile.maxPersons / 6 || (u.buildings ?? []).length === 1).toBe(true);
  });

  it('takes polygon units with the grids’ unit ids', () => {
    const units = division.units.units.map((u) => ({ ...u, geometry: u.geometry as Polygon }));
    const byId = new Map(units.map((u) => [u.id, u]));
    const polygonPlan = division.grids.map((g, i) => ({ code: `G${i + 1}`, geometry: g.geometry, unitIds: g.unitIds }));
    const heavy = units.map((u) => (u === units[0] ? { ...u, households: u.households + 120, persons: u.persons + 360 } : u));
    const r = rebalanceCommunity({ units: heavy, plan: polygonPlan, profile, seed: 1 });
    expect(r.unknownUnitIds).toBe(0);
    expect(r.report.remaining).toEqual([]);
    expect(r.grids.flatMap((g) => g.unitIds).sort()).toEqual([...byId.keys()].sort());
  });
});
