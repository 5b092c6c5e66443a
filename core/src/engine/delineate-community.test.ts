import type { Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { areaM2 } from '../geometry/geodesic.js';
import { pointInPolygon } from '../geometry/point-in-polygon.js';
import { representativePoint } from '../geometry/representative-point.js';
import { createUnitIndex } from '../plan/unit-index.js';
import type { PlanGrid } from '../plan/plan.types.js';
import { validatePlan } from '../plan/validate-plan.js';
import { DEFAULT_RULE_PROFILE, type RuleProfile } from '../rule-profile.js';
import { delineateCommunity } from './delineate-community.js';
import { unionFaces } from './grid-union.js';
import { localFrame } from './local-frame.js';
import { lattice } from './test-lattice.fixture.js';

const profile: RuleProfile = { ...DEFAULT_RULE_PROFILE, combine: 'all' };
// The lattice fixture's frame: metres east and north of its south-west corner.
const frame = localFrame([108.9, 34.25, 108.9, 34.25]);
const ring = (xy: [number, number][]): Polygon => ({
  type: 'Polygon',
  coordinates: [[...xy, xy[0]!].map(([x, y]) => frame.toLngLat(x, y) as Position)],
});

describe('delineateCommunity with locked and dedicated grids', () => {
  const l = lattice(4, 200, 4, 25);
  // Neither follows the streets: the locked grid ends mid-block, the dedicated one is a slanted quadrilateral.
  const locked: PlanGrid = {
    code: 'L1',
    communityCode: 'c',
    geometry: ring([
      [0, 0],
      [300, 0],
      [300, 200],
      [0, 200],
    ]),
  };
  const dedicated: PlanGrid = {
    code: 'D1',
    communityCode: 'c',
    type: 'dedicated',
    geometry: ring([
      [400, 400],
      [600, 420],
      [600, 600],
      [420, 600],
    ]),
  };
  const result = delineateCommunity({
    boundary: l.boundary,
    streets: l.streets,
    buildings: l.buildings,
    profile,
    locked: [locked],
    dedicated: [dedicated],
    seed: 1,
  });
  const byId = new Map(result.units.units.map((u) => [u.id, u]));

  it('follows the outlines exactly: the faces inside each fixed grid union to it', () => {
    for (const fixed of [locked, dedicated]) {
      const inside = result.units.units.filter((u) => pointInPolygon(representativePoint(u.geometry.coordinates), fixed.geometry));
      expect(inside.length).toBeGreaterThan(0);
      const union = unionFaces(inside.map((u) => u.geometry))!;
      expect(union).not.toBeNull();
      expect(Math.abs(areaM2(union) - areaM2(fixed.geometry)) / areaM2(fixed.geometry)).toBeLessThan(1e-6);
      // The outline's corners are vertices of the faces, kept exactly (not snapped to a street).
      const vertices = new Set(union.coordinates[0]!.map((p) => p.join(',')));
      for (const corner of (fixed.geometry as Polygon).coordinates[0]!) expect(vertices.has(corner.join(','))).toBe(true);
    }
  });

  it('keeps the locked grid as it is and carves the dedicated one out first', () => {
    const fixedIds = new Set(
      l.buildings.filter((b) => pointInPolygon(b.point, locked.geometry) || pointInPolygon(b.point, dedicated.geometry)).map((b) => b.id),
    );
    expect(fixedIds.size).toBeGreaterThan(0);
    for (const g of result.grids) for (const id of g.unitIds) for (const b of byId.get(id)!.buildings!) expect(fixedIds.has(b)).toBe(false);
    // The new grids and the two fixed ones, unchanged objects, tile the community: no gap, no overlap, nothing clipped.
    const grids: PlanGrid[] = [
      locked,
      dedicated,
      ...result.grids.map((g, i) => ({ code: `g${i}`, geometry: g.geometry, communityCode: 'c' })),
    ];
    const v = validatePlan({ communities: [{ code: 'c', geometry: l.boundary }], grids, units: createUnitIndex(l.buildings), profile });
    const kinds = v.problems.map((p) => p.kind);
    for (const k of ['gap', 'overlap', 'multipart', 'unassigned_unit', 'cut_unit', 'over_cap'] as const) expect(kinds).not.toContain(k);
    const fixedArea = areaM2(locked.geometry) + areaM2(dedicated.geometry);
    const sum = result.grids.reduce((s, g) => s + areaM2(g.geometry), 0);
    expect(Math.abs(sum + fixedArea - areaM2(l.boundary)) / areaM2(l.boundary)).toBeLessThan(1e-6);
    expect(result.report.coverage).toBeCloseTo(1, 6);
  });

  it('reports progress and stops when aborted', () => {
    const phases = new Set<string>();
    delineateCommunity({
      boundary: l.boundary,
      streets: l.streets,
      buildings: l.buildings,
      profile,
      seed: 1,
      onProgress: (p) => phases.add(p.phase),
    });
    expect([...phases]).toEqual(expect.arrayContaining(['units', 'partition', 'search', 'outline']));
    const controller = new AbortController();
    let calls = 0;
    const run = () =>
      delineateCommunity({
        boundary: l.boundary,
        streets: l.streets,
        buildings: l.buildings,
        profile,
        signal: controller.signal,
        onProgress: (p) => {
          calls++;
          if (p.phase === 'partition') controller.abort();
        },
      });
    expect(run).toThrow(expect.objectContaining({ name: 'AbortError' }));
    const seen = calls;
    expect(run).toThrow(expect.objectContaining({ name: 'AbortError' }));
    // An already aborted signal stops the run before the first report.
    expect(calls).toBe(seen);
  });
});

describe('delineateCommunity with headroom and balance', () => {
  // 6×6 blocks of 4 buildings × 25 households: 3,600 households.
  const l = lattice(6, 150, 4, 25);

  it('plans grids to the target fill: none above 85% of the cap, and the report says so', () => {
    const packed = delineateCommunity({ boundary: l.boundary, streets: l.streets, buildings: l.buildings, profile, seed: 1 });
    const roomy = delineateCommunity({
      boundary: l.boundary,
      streets: l.streets,
      buildings: l.buildings,
      profile,
      seed: 1,
      targetFill: 0.85,
    });
    expect(packed.grids.some((g) => g.households > 0.85 * profile.maxHouseholds)).toBe(true);
    for (const g of roomy.grids) expect(g.households).toBeLessThanOrEqual(0.85 * profile.maxHouseholds);
    expect(roomy.report.targetFill).toBe(0.85);
    // 3,600 households at 255 per grid need at least 15 grids.
    expect(roomy.report.lowerBound).toBe(15);
    expect(roomy.grids.length).toBeGreaterThan(packed.grids.length);
    expect(roomy.report).toMatchObject({ compliant: true, contiguous: true, unplaced: [], doubled: [] });
  });

  it('evens out households between grids when asked, keeping the count', () => {
    // Units of one building (25 households) leave room to even grids out.
    const base = {
      boundary: l.boundary,
      streets: l.streets,
      buildings: l.buildings,
      profile,
      seed: 2,
      targetFill: 0.85,
      unitShare: 0.1,
      refineUnits: false,
    };
    const plain = delineateCommunity(base);
    const even = delineateCommunity({ ...base, balance: 'households' });
    expect(even.grids.length).toBe(plain.grids.length);
    expect(even.report.balance.by).toBe('households');
    expect(even.report.balance.cv).toBeLessThan(plain.report.balance.cv);
    expect(even.report.balance.max - even.report.balance.min).toBeLessThanOrEqual(plain.report.balance.max - plain.report.balance.min);
    expect(even.report).toMatchObject({ compliant: true, contiguous: true, unplaced: [], doubled: [] });
  });

  it('counts every building once from the written grids', () => {
    const r = delineateCommunity({ boundary: l.boundary, streets: l.streets, buildings: l.buildings, profile, seed: 1 });
    expect(r.report.households).toBe(l.buildings.reduce((s, b) => s + b.households, 0));
    expect(r.report.violations).toEqual([]);
    expect(r.report.overlapM2).toBe(0);
  });
});
