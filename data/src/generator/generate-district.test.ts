import { area, booleanPointInPolygon, difference, featureCollection, intersect, polygon, union } from '@turf/turf';
import { checkPolygon, gridLoad, isGridCode } from '@gridatlas/core';
import type { Polygon } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DistrictDataset, IncidentState } from '../district.types.js';
import { generateDistrict } from './generate-district.js';
import { centreOf } from './incidents.js';
import { toLngLat, toXY, type XY } from './local-frame.js';

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
const feature = (p: Polygon) => polygon(p.coordinates);

describe('generateDistrict (default scale)', () => {
  let d: DistrictDataset;
  beforeAll(() => {
    d = generateDistrict({ seed: 1 });
  });

  // Two more districts and a deep comparison of ~110,000 visits and everything else: on a
  // shared, loaded machine this outlasts the default minute.
  it('is deterministic for a seed and differs between seeds', { timeout: 240_000 }, () => {
    expect(generateDistrict({ seed: 1 })).toEqual(d);
    const other = generateDistrict({ seed: 2 });
    expect(other.buildings.map((b) => b.households)).not.toEqual(d.buildings.map((b) => b.households));
  });

  it('has the default size: ~40 communities, ~2,000 buildings, ~80,000 households', () => {
    expect(d.regions.filter((r) => r.level === 'community')).toHaveLength(40);
    expect(d.buildings.length).toBeGreaterThan(1800);
    expect(d.buildings.length).toBeLessThan(2200);
    const households = sum(d.buildings.map((b) => b.households));
    expect(households).toBeGreaterThan(72_000);
    expect(households).toBeLessThan(88_000);
    for (const b of d.buildings) {
      expect(b.persons / b.households).toBeGreaterThanOrEqual(2.29);
      expect(b.persons / b.households).toBeLessThanOrEqual(3.21);
    }
  });

  it('nests codes: subdistrict in district, community in subdistrict, grid in community', () => {
    const byCode = new Map(d.regions.map((r) => [r.code, r]));
    for (const r of d.regions) {
      if (r.level === 'district') expect(r.code).toMatch(/^\d{6}$/);
      else {
        const parent = byCode.get(r.parentCode!);
        expect(parent).toBeDefined();
        expect(r.code.startsWith(parent!.code)).toBe(true);
        expect(r.code.length).toBe(parent!.code.length + 3);
      }
    }
    const grids = d.plans[0]!.grids;
    expect(new Set(grids.map((g) => g.code)).size).toBe(grids.length);
    for (const g of grids) {
      expect(isGridCode(g.code)).toBe(true);
      expect(g.code.slice(0, 12)).toBe(g.communityCode);
    }
  });

  it('tiles the district with subdistricts and communities, without overlaps', () => {
    const district = feature(d.regions.find((r) => r.level === 'district')!.boundary);
    for (const level of ['subdistrict', 'community'] as const) {
      const parts = d.regions.filter((r) => r.level === level).map((r) => feature(r.boundary));
      expect(Math.abs(sum(parts.map((p) => area(p))) - area(district)) / area(district)).toBeLessThan(0.001);
      const merged = union(featureCollection(parts))!;
      expect(Math.abs(area(merged) - area(district))).toBeLessThan(1);
    }
  });

  it('puts every building inside its community and every compound boundary inside it too', () => {
    const communities = new Map(d.regions.filter((r) => r.level === 'community').map((r) => [r.code, feature(r.boundary)]));
    for (const b of d.buildings) {
      expect(booleanPointInPolygon(toLngLat(centreOf(b.footprint)), communities.get(b.communityCode)!)).toBe(true);
    }
  });

  it('makes the current plan imperfect: grids over both caps, grids too small, gaps and overlaps', () => {
    const grids = d.plans[0]!.grids;
    const counts = new Map(grids.map((g) => [g.code, { households: 0, persons: 0 }]));
    const polys = grids.map((g) => ({ code: g.code, f: feature(g.geometry) }));
    for (const b of d.buildings) {
      const p = toLngLat(centreOf(b.footprint));
      const hit = polys.find((g) => booleanPointInPolygon(p, g.f));
      if (hit) {
        const c = counts.get(hit.code)!;
        c.households += b.households;
        c.persons += b.persons;
      }
    }
    const statuses = [...counts.values()].map((c) => gridLoad(c).status);
    expect(statuses.filter((s) => s === 'over').length).toBeGreaterThan(2);
    expect(statuses.filter((s) => s === 'under').length).toBeGreaterThan(2);
    expect(statuses.filter((s) => s === 'ok').length / statuses.length).toBeGreaterThan(0.6);

    let gaps = 0;
    let overlaps = 0;
    for (const c of d.regions.filter((r) => r.level === 'community')) {
      const inside = polys.filter((g) => g.code.startsWith(c.code)).map((g) => g.f);
      const covered = inside.length > 1 ? union(featureCollection(inside))! : inside[0]!;
      const gap = difference(featureCollection([feature(c.boundary), covered]));
      if (gap && area(gap) > 100) gaps++;
      for (let i = 0; i < inside.length; i++) {
        for (let j = i + 1; j < inside.length; j++) {
          const o = intersect(featureCollection([inside[i]!, inside[j]!]));
          if (o && area(o) > 100) overlaps++;
        }
      }
      // Grids never reach outside their community.
      const outside = difference(featureCollection([covered, feature(c.boundary)]));
      expect(outside ? area(outside) : 0).toBeLessThan(1);
    }
    expect(gaps).toBeGreaterThan(0);
    expect(overlaps).toBeGreaterThan(0);
  });

  it('draws every grid and region as a valid simple polygon', () => {
    for (const g of d.plans[0]!.grids) expect(checkPolygon(g.geometry), g.code).toEqual({ valid: true, reason: null });
    for (const r of d.regions) expect(checkPolygon(r.boundary), r.code).toEqual({ valid: true, reason: null });
  });

  it('builds grids from whole buildings: no grid boundary cuts a footprint', () => {
    const grids = d.plans[0]!.grids.map((g) => ({ g, f: feature(g.geometry) }));
    let cut = 0;
    for (const b of d.buildings) {
      const own = grids.filter((x) => x.g.communityCode === b.communityCode);
      const home = own.find((x) => booleanPointInPolygon(toLngLat(centreOf(b.footprint)), x.f));
      expect(home, `building ${b.id}`).toBeDefined();
      if (!b.footprint.coordinates[0]!.every((p) => booleanPointInPolygon(p, home!.f))) cut++;
    }
    expect(cut).toBe(0);
  });

  it('carves dedicated grids around schools and hospitals', () => {
    const dedicated = d.plans[0]!.grids.filter((g) => g.type === 'dedicated');
    expect(dedicated.length).toBeGreaterThan(0);
    expect(dedicated.length / d.plans[0]!.grids.length).toBeLessThan(0.1);
    const sites = d.compounds.filter((c) => c.kind === 'school' || c.kind === 'hospital');
    for (const g of dedicated) {
      const f = feature(g.geometry);
      const site = sites.find(
        (c) => c.communityCode === g.communityCode && c.boundary.coordinates[0]!.every((p) => booleanPointInPolygon(p, f)),
      );
      expect(site, g.code).toBeDefined();
      expect(
        d.buildings.some((b) => b.communityCode === g.communityCode && booleanPointInPolygon(toLngLat(centreOf(b.footprint)), f)),
      ).toBe(false);
    }
  });

  it('gives each grid a worker, each zone 2–3 grids mostly, and a manager per zone and community', () => {
    const grids = d.plans[0]!.grids;
    const workers = d.assignments.filter((a) => a.role === 'information_officer');
    expect(new Set(workers.map((w) => w.gridCode))).toEqual(new Set(grids.map((g) => g.code)));
    const perZone = new Map<string, number>();
    for (const g of grids) if (g.zoneCode) perZone.set(g.zoneCode, (perZone.get(g.zoneCode) ?? 0) + 1);
    const sizes = [...perZone.values()];
    expect(sizes.filter((n) => n >= 2 && n <= 3).length / sizes.length).toBeGreaterThan(0.8);
    expect(d.assignments.filter((a) => a.role === 'zone_manager')).toHaveLength(d.zones.length);
    expect(d.assignments.filter((a) => a.role === 'community_manager')).toHaveLength(40);
  });

  it('records special groups for 2–4% of persons across all nine categories', () => {
    const persons = sum(d.buildings.map((b) => b.persons));
    expect(d.specialGroups.length / persons).toBeGreaterThan(0.02);
    expect(d.specialGroups.length / persons).toBeLessThan(0.04);
    expect(new Set(d.specialGroups.map((s) => s.category)).size).toBe(9);
  });

  it('runs every incident through legal workflow transitions, before the reference date', () => {
    const next: Record<IncidentState, IncidentState[]> = {
      reported: ['accepted', 'voided'],
      accepted: ['registered'],
      voided: [],
      registered: ['dispatched'],
      dispatched: ['in_progress'],
      in_progress: ['feedback'],
      feedback: ['verified'],
      verified: ['closed', 'dispatched'],
      closed: ['evaluated'],
      evaluated: [],
    };
    const end = `${d.referenceDate}T00:00:00.000Z`;
    for (const i of d.incidents) {
      expect(i.transitions[0]!.state).toBe('reported');
      for (let k = 1; k < i.transitions.length; k++) {
        expect(next[i.transitions[k - 1]!.state]).toContain(i.transitions[k]!.state);
        expect(i.transitions[k]!.at >= i.transitions[k - 1]!.at).toBe(true);
      }
      expect(i.state).toBe(i.transitions[i.transitions.length - 1]!.state);
      expect(i.closure !== null).toBe(i.state === 'closed' || i.state === 'evaluated');
      expect(i.reworkCount).toBe(
        i.transitions.filter((t) => t.state === 'dispatched').length - (i.transitions.some((t) => t.state === 'dispatched') ? 1 : 0),
      );
      expect(i.reportedAt < end).toBe(true);
    }
    for (const i of d.incidents.filter((x) => x.channel === '网格员上报')) expect(i.transitions[0]!.actorRole).toBe('information_officer');
    for (const i of d.incidents.filter((x) => x.channel === '12345热线')) expect(i.transitions[0]!.actorStaffId).toBeNull();
    const states = new Set(d.incidents.map((i) => i.state));
    for (const s of ['evaluated', 'voided', 'in_progress'] as const) expect(states).toContain(s);
    expect(d.incidents.length / sum(d.buildings.map((b) => b.households))).toBeCloseTo(0.15, 2);
  });

  it('lays patrol tracks along streets (within 30 m) over the 90 days before the reference date', () => {
    const segments: [XY, XY][] = d.streets.flatMap((s) =>
      s.geometry.coordinates.slice(1).map((p, k) => [toXY(s.geometry.coordinates[k]!), toXY(p)] as [XY, XY]),
    );
    const dist = ([px, py]: XY, [[ax, ay], [bx, by]]: [XY, XY]): number => {
      const t = Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
      return Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)));
    };
    const first = Date.parse(`${d.referenceDate}T00:00:00Z`) / 1000 - 91 * 86400;
    for (const track of d.patrolTracks.filter((_, k) => k % 400 === 0)) {
      for (let k = 0; k < track.points.length; k += 3) {
        const p = toXY([track.points[k]!, track.points[k + 1]!]);
        expect(Math.min(...segments.map((s) => dist(p, s)))).toBeLessThan(30);
        expect(track.points[k + 2]!).toBeGreaterThan(first);
      }
    }
  });

  it('has each worker visit at least 20 households a month', () => {
    const perWorker = new Map<number, number>();
    for (const v of d.visits) perWorker.set(v.staffId, (perWorker.get(v.staffId) ?? 0) + 1);
    // Grids cut across a park or school may hold no homes; nearly all do.
    const workers = d.assignments.filter((a) => a.role === 'information_officer').length;
    expect(perWorker.size).toBeGreaterThan(workers * 0.85);
    // A year of visits: twelve months of at least 20.
    for (const n of perWorker.values()) expect(n).toBeGreaterThanOrEqual(240);
  });
});

describe('generateDistrict (lianhu scale)', () => {
  let d: DistrictDataset;
  beforeAll(() => {
    d = generateDistrict({ scale: 'lianhu' });
  });

  it('has the size of Lianhu district: 134 communities, ~5,800 buildings, ~250,000 households', () => {
    expect(d.regions.filter((r) => r.level === 'community')).toHaveLength(134);
    expect(d.regions.filter((r) => r.level === 'subdistrict')).toHaveLength(9);
    expect(d.buildings.length).toBeGreaterThan(5220);
    expect(d.buildings.length).toBeLessThan(6380);
    const households = sum(d.buildings.map((b) => b.households));
    expect(households).toBeGreaterThan(225_000);
    expect(households).toBeLessThan(275_000);
    const persons = sum(d.buildings.map((b) => b.persons));
    expect(d.specialGroups.length / persons).toBeGreaterThan(0.02);
    expect(d.specialGroups.length / persons).toBeLessThan(0.04);
    expect(d.patrolTracks.reduce((s, t) => s + t.points.length / 3, 0)).toBeLessThan(8_000_000);
  });

  it('nests codes and tiles the district with its communities', () => {
    const communities = d.regions.filter((r) => r.level === 'community');
    for (const c of communities) expect(c.code.slice(0, 9)).toBe(c.parentCode);
    for (const g of d.plans[0]!.grids) expect(g.code.slice(0, 12)).toBe(g.communityCode);
    const district = area(feature(d.regions.find((r) => r.level === 'district')!.boundary));
    expect(Math.abs(sum(communities.map((c) => area(feature(c.boundary)))) - district) / district).toBeLessThan(0.001);
    expect(checkPolygon(d.regions.find((r) => r.level === 'district')!.boundary).valid).toBe(true);
  });
});
