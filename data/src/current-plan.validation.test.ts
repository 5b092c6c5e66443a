/**
 * The core plan validation on the generated demo district: its per-grid counts equal a naive
 * Turf point-in-polygon count over every building, and it finds the faults the generator
 * planted in the approved plan (overlaps, gaps, over- and under-filled grids).
 */
import { booleanPointInPolygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { createUnitIndex, DEFAULT_RULE_PROFILE, representativePoint, validatePlan, type PlanUnit } from '@gridatlas/core';
import { generateDistrict } from './index.js';

const district = generateDistrict({ seed: 1 });
const units: PlanUnit[] = district.buildings.map((b) => ({
  id: String(b.id),
  point: representativePoint(b.footprint.coordinates),
  households: b.households,
  persons: b.persons,
  footprint: b.footprint.coordinates,
}));
const plan = district.plans.find((p) => p.status === 'approved')!;
const communities = district.regions.filter((r) => r.level === 'community').map((r) => ({ code: r.code, geometry: r.boundary }));
const v = validatePlan({ communities, grids: plan.grids, units: createUnitIndex(units), profile: DEFAULT_RULE_PROFILE });

describe('validatePlan on the demo district', () => {
  it('counts each grid as a naive Turf loop over all buildings does', () => {
    for (const g of plan.grids.slice(0, 60)) {
      const inside = units.filter((u) => booleanPointInPolygon(u.point, g.geometry));
      const m = v.metrics.get(g.code)!;
      expect([m.households, m.persons, m.buildings]).toEqual([
        inside.reduce((s, u) => s + u.households, 0),
        inside.reduce((s, u) => s + u.persons, 0),
        inside.length,
      ]);
    }
  });

  it('finds the planted faults and nothing structural', () => {
    const count = (kind: string) => v.problems.filter((p) => p.kind === kind).length;
    expect(count('overlap')).toBe(5);
    expect(new Set(v.problems.filter((p) => p.kind === 'gap').map((p) => p.communityCode)).size).toBe(9);
    expect(count('over_cap')).toBe(15);
    expect(count('under_fill')).toBeGreaterThan(0);
    expect(count('invalid_geometry') + count('multipart') + count('outside_community') + count('cut_unit')).toBe(0);
    expect(v.metrics.size).toBe(plan.grids.length);
  });
});
