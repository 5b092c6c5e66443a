/**
 * The engine on the generated demo district: one community divided from its streets and
 * buildings, checked by the core plan validation (no gaps, overlaps, over-cap grids or cut
 * buildings), then rebalanced after two compounds grow.
 */
import { describe, expect, it } from 'vitest';
import {
  createUnitIndex,
  DEFAULT_RULE_PROFILE,
  delineateCommunity,
  rebalance,
  representativePoint,
  validatePlan,
  type PlanUnit,
} from '@gridatlas/core';
import { generateDistrict } from './index.js';

const district = generateDistrict({ seed: 1 });
const community = district.regions.filter((r) => r.level === 'community')[0]!;
const buildings: PlanUnit[] = district.buildings
  .filter((b) => b.communityCode === community.code)
  .map((b) => ({
    id: String(b.id),
    point: representativePoint(b.footprint.coordinates),
    households: b.households,
    persons: b.persons,
    footprint: b.footprint.coordinates,
    compoundId: String(b.compoundId),
  }));
const streets = district.streets.map((s) => s.geometry);
const profile = DEFAULT_RULE_PROFILE;
const result = delineateCommunity({ boundary: community.boundary, streets, buildings, profile, seed: 1 });

describe('delineateCommunity on a demo community', () => {
  it('covers the community exactly with compliant, contiguous grids near the lower bound', () => {
    expect(result.report.contiguous).toBe(true);
    expect(result.report.compliant).toBe(true);
    expect(result.grids.length).toBeLessThanOrEqual(Math.ceil(result.lowerBound * 1.05));
    const grids = result.grids.map((g, i) => ({
      code: `${community.code}${String(i + 1).padStart(3, '0')}`,
      geometry: g.geometry,
      communityCode: community.code,
    }));
    const v = validatePlan({
      communities: [{ code: community.code, geometry: community.boundary }],
      grids,
      units: createUnitIndex(buildings),
      profile,
    });
    expect(v.errors).toBe(0);
    const kinds = v.problems.map((p) => p.kind);
    for (const k of ['gap', 'overlap', 'unassigned_unit', 'cut_unit'] as const) expect(kinds).not.toContain(k);
    expect(kinds.filter((k) => k === 'over_cap')).toHaveLength(result.exceptions.length);
  });

  it('rebalances two grown compounds touching few grids', () => {
    const grow = new Set([...new Set(buildings.map((b) => b.compoundId))].slice(0, 2));
    const bld = new Map(buildings.map((b) => [b.id, b]));
    const units = result.units.units.map((u) => {
      const f = (id: string) => (grow.has(bld.get(id)!.compoundId!) ? 1.4 : 1);
      return {
        ...u,
        households: u.buildings!.reduce((s, id) => s + Math.round(bld.get(id)!.households * f(id)), 0),
        persons: u.buildings!.reduce((s, id) => s + Math.round(bld.get(id)!.persons * f(id)), 0),
      };
    });
    const plan = result.grids.map((g, i) => ({ code: `G${i + 1}`, geometry: g.geometry, unitIds: g.unitIds }));
    const out = rebalance({ plan, units, adjacency: result.units.adjacency, profile, seed: 1 });
    expect(out.report.remaining).toEqual([]);
    const touched = out.report.changedGrids.length + out.report.addedGrids.length;
    expect(touched).toBeLessThan(plan.length);
    expect(
      out.grids
        .filter((g) => !out.report.changedGrids.includes(g.code) && !out.report.addedGrids.includes(g.code))
        .every((g) => plan.includes(g as never)),
    ).toBe(true);
  });
});
