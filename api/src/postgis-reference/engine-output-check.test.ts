/**
 * The engine's outputs checked independently in PostGIS on both databases: the real San
 * Francisco block groups divided by `delineate`, and a community of building points divided
 * by `delineateCommunity`, agree with their reports; a tampered output (a grid dropped, a grid
 * pushed over its neighbour) is caught and named. The Denver neighbourhoods, clean and with
 * bow-ties repaired onto the noder's grid, give outlines PostGIS finds valid (two of them share
 * a corner with a second corner 0.2 m away, which once made one grid self-intersect). San
 * Francisco with slivers at 7,000 persons has a grid whose units meet only at a point: its
 * outline is written valid (two parts) and the report says that grid is in pieces.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Feature } from 'geojson';
import {
  DEFAULT_RULE_PROFILE,
  delineate,
  delineateCommunity,
  normaliseFeatures,
  SNAP_TOLERANCE_M,
  type DelineateResult,
  type EngineUnit,
  type RuleProfile,
} from '@gridatlas/core';
import { messyVariant } from '@gridatlas/data';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../test/test-database.js';
import { checkEngineOutput, disagreements, type CheckedGridInput } from './engine-output-check.js';
import { realPolygonSets } from './real-features.js';

const sf = realPolygonSets().find((s) => s.name === 'sf-blockgroups')!;
// Persons only: each block group by its largest part (the command line reads them so until it takes every part).
const units: EngineUnit[] = sf.features.map((f) => {
  const g = f.geometry as MultiPolygon;
  return {
    id: String(f.properties!.GEO_ID),
    geometry: { type: 'Polygon', coordinates: [...g.coordinates].sort((a, b) => b[0]!.length - a[0]!.length)[0]! },
    households: Number(f.properties!.Population),
    persons: Number(f.properties!.Population),
  };
});
const profile: RuleProfile = { ...DEFAULT_RULE_PROFILE, combine: 'all', maxHouseholds: 1e9, maxPersons: 14000 };
const result = delineate({ boundary: units[0]!.geometry, units, profile, seed: 1 });
const grids: CheckedGridInput[] = result.grids.map((g, i) => ({
  code: `G${i + 1}`,
  geometry: g.geometry,
  ...(g.exception ? { exception: true } : {}),
}));
const claimed = {
  grids: result.grids.map((g, i) => ({ code: `G${i + 1}`, households: g.households, persons: g.persons })),
  compliant: result.report.compliant,
  contiguous: result.report.contiguous,
  unplaced: result.report.unplaced,
  doubled: result.report.doubled,
  overlapM2: result.report.overlapM2,
};
// Units through the normalising step: every part kept (an island rides with its unit).
function readUnits(
  set: { idField: string },
  features: readonly Feature[],
  fields: { households: string; persons: string },
): {
  units: EngineUnit[];
  read: { id: string; geometry: Polygon | MultiPolygon; households: number; persons: number }[];
} {
  const { items } = normaliseFeatures(features, { expect: 'polygon', idField: set.idField });
  const read = items.map((f) => ({
    id: f.id,
    geometry: f.geometry as Polygon | MultiPolygon,
    households: Number(f.properties[fields.households]),
    persons: Number(f.properties[fields.persons]),
  }));
  const units = read.map((r): EngineUnit => {
    const parts =
      r.geometry.type === 'Polygon' ? [r.geometry.coordinates] : [...r.geometry.coordinates].sort((a, b) => b[0]!.length - a[0]!.length);
    const islands = parts.slice(1).map((c): Polygon => ({ type: 'Polygon', coordinates: c }));
    return {
      id: r.id,
      geometry: { type: 'Polygon', coordinates: parts[0]! },
      households: r.households,
      persons: r.persons,
      ...(islands.length ? { islands } : {}),
    };
  });
  return { units, read };
}
const denverSet = realPolygonSets().find((s) => s.name === 'denver-neighborhoods')!;
const denverUnits = (features: readonly Feature[]) => readUnits(denverSet, features, { households: 'NUM_HOUSEH', persons: 'POPULATION' });
const claimsOf = (r: DelineateResult) => ({
  grids: r.grids.map((g, i) => ({ code: `D${i + 1}`, households: g.households, persons: g.persons })),
  compliant: r.report.compliant,
  contiguous: r.report.contiguous,
  unplaced: r.report.unplaced,
  doubled: r.report.doubled,
  overlapM2: r.report.overlapM2,
});

// Units are snapped by up to the snapping tolerance before grids are built: differences thinner than that are slivers.
const tolerance = { sliverM2: profile.sliverM2, sliverWidthM: SNAP_TOLERANCE_M };

describe.each(BACKENDS)('engine outputs checked in PostGIS on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind, 'bare');
  }, 120_000);
  afterAll(async () => t?.close());

  it('covers every San Francisco block group once, without overlaps or gaps, with the counts the report gives', async () => {
    const check = await checkEngineOutput(t.db, { grids, units, profile, ...tolerance });
    expect(check.uncovered).toEqual([]);
    expect(check.split).toEqual([]);
    expect(check.coveredOnce).toBe(units.length);
    expect(check.overlaps).toEqual([]);
    expect(check.gapM2).toBe(0);
    expect(check.multipart).toEqual([]);
    expect(check.overRule).toEqual([]);
    expect(disagreements(check, claimed)).toEqual([]);
  }, 180_000);

  it('catches a tampered output: a grid left out, and one grid spread over its neighbour', async () => {
    // On the first eight grids and their units (the check is the same, the database's work smaller).
    const few = grids.slice(0, 8);
    const fewIds = new Set(result.grids.slice(0, 8).flatMap((g) => g.unitIds));
    const fewUnits = units.filter((u) => fewIds.has(u.id));
    const fewClaimed = { ...claimed, grids: claimed.grids.slice(0, 8) };
    // Drop the first grid: its units are covered by nothing, and the report still claims them.
    const dropped = await checkEngineOutput(t.db, { grids: few.slice(1), units: fewUnits, profile, ...tolerance });
    expect(dropped.uncovered.sort()).toEqual([...result.grids[0]!.unitIds].sort());
    expect(disagreements(dropped, fewClaimed).some((d) => d.startsWith('grid G1: not among'))).toBe(true);
    // Grid 2 takes grid 1's area as well: overlaps and units in two grids the report never named.
    const merged: Polygon | MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [(grids[0]!.geometry as Polygon).coordinates, (grids[1]!.geometry as Polygon).coordinates],
    };
    const spread = await checkEngineOutput(t.db, {
      grids: [few[0]!, { ...few[1]!, geometry: merged }, ...few.slice(2)],
      units: fewUnits,
      profile,
      ...tolerance,
    });
    expect(spread.overlaps).toEqual([['G1', 'G2']]);
    expect(spread.split.length).toBe(result.grids[0]!.unitIds.length);
    expect(spread.multipart).toEqual(['G2']);
    const lines = disagreements(spread, fewClaimed);
    expect(lines.some((d) => d.startsWith('grids overlap by'))).toBe(true);
    expect(lines.some((d) => /yet the report names it nowhere/.test(d))).toBe(true);
    expect(lines.some((d) => d.startsWith('compliance:'))).toBe(true);
  }, 180_000);

  it('counts building points in the grids they lie in, and finds the community covered', async () => {
    const size = 600;
    const ll = (x: number, y: number): [number, number] => [108.9 + x / 92_000, 34.25 + y / 110_950];
    const boundary: Polygon = { type: 'Polygon', coordinates: [[ll(0, 0), ll(size, 0), ll(size, size), ll(0, size), ll(0, 0)]] };
    const streets = [100, 200, 300, 400, 500].flatMap((k) => [
      { type: 'LineString' as const, coordinates: [ll(k, -20), ll(k, size + 20)] },
      { type: 'LineString' as const, coordinates: [ll(-20, k), ll(size + 20, k)] },
    ]);
    const buildings = Array.from({ length: 36 * 3 }, (_, i) => {
      const block = Math.floor(i / 3);
      return {
        id: `b${i}`,
        point: ll((block % 6) * 100 + 20 + 30 * (i % 3), Math.floor(block / 6) * 100 + 50),
        households: 30 + (i % 5) * 5,
        persons: 100,
      };
    });
    const r = delineateCommunity({ boundary, streets, buildings, profile: DEFAULT_RULE_PROFILE, seed: 1, targetFill: 0.85 });
    const check = await checkEngineOutput(t.db, {
      grids: r.grids.map((g, i) => ({ code: `P${i}`, geometry: g.geometry })),
      units: buildings.map((b) => ({
        id: b.id,
        geometry: { type: 'Point', coordinates: b.point },
        households: b.households,
        persons: b.persons,
      })),
      cover: boundary,
      profile: DEFAULT_RULE_PROFILE,
      sliverM2: 1,
      sliverWidthM: 0.5,
    });
    expect(check.coveredOnce).toBe(buildings.length);
    expect(check.gapM2).toBe(0);
    const mine = {
      grids: r.grids.map((g, i) => ({ code: `P${i}`, households: g.households, persons: g.persons })),
      compliant: r.report.compliant,
      contiguous: r.report.contiguous,
      unplaced: r.report.unplaced,
      doubled: r.report.doubled,
      overlapM2: r.report.overlapM2,
    };
    expect(disagreements(check, mine)).toEqual([]);
  }, 180_000);

  it.each([
    ['clean', () => denverSet.features, true],
    // The bow-ties' repaired units overlap their neighbours in thin strips (58 m² in all): slivers to the report and to PostGIS alike.
    [
      'with bow-ties',
      () =>
        messyVariant(denverSet.features, 'bowtie', { seed: 1, count: 3, idField: denverSet.idField, countFields: denverSet.countFields })
          .features,
      true,
    ],
  ] as const)(
    'draws valid grid outlines over the Denver neighbourhoods (%s)',
    async (_, features, agrees) => {
      const { units: denver, read } = denverUnits(features());
      const denverProfile: RuleProfile = { ...DEFAULT_RULE_PROFILE, combine: 'all', maxHouseholds: 35000, maxPersons: 1e9 };
      const r = delineate({ boundary: denver[0]!.geometry, units: denver, profile: denverProfile, seed: 1 });
      const check = await checkEngineOutput(t.db, {
        grids: r.grids.map((g, i) => ({
          code: `D${i + 1}`,
          geometry: g.geometry,
          ...(g.exception ? { exception: true } : {}),
          ...(g.islands ? { islands: g.islands } : {}),
        })),
        units: read,
        profile: denverProfile,
        ...tolerance,
      });
      expect(check.invalid).toEqual([]);
      expect(check.coveredOnce).toBe(read.length);
      if (agrees) expect(disagreements(check, claimsOf(r))).toEqual([]);
      else expect(disagreements(check, claimsOf(r))).toEqual(['compliance: PostGIS compliant, the report false']);
    },
    180_000,
  );

  it('writes valid outlines where the units of a grid meet only at a point (San Francisco with slivers, 7,000 persons), and reports that grid in pieces', async () => {
    const variant = messyVariant(sf.features, 'sliver', { seed: 1, count: 3, idField: sf.idField, countFields: sf.countFields });
    const { units: sliver, read } = readUnits(sf, variant.features, { households: 'Population', persons: 'Population' });
    const sfProfile: RuleProfile = { ...DEFAULT_RULE_PROFILE, combine: 'all', maxHouseholds: 1e12, maxPersons: 7000 };
    const r = delineate({ boundary: sliver[0]!.geometry, units: sliver, profile: sfProfile, seed: 1 });
    const codes = r.grids.map((_, i) => `S${i + 1}`);
    const check = await checkEngineOutput(t.db, {
      grids: r.grids.map((g, i) => ({
        code: codes[i]!,
        geometry: g.geometry,
        ...(g.exception ? { exception: true } : {}),
        ...(g.islands ? { islands: g.islands } : {}),
      })),
      units: read,
      profile: sfProfile,
      ...tolerance,
    });
    // Before the outline went through the normalising step, one ring touched itself here (ST_IsValid false) and the report said one piece.
    expect(check.invalid).toEqual([]);
    expect(check.coveredOnce).toBe(read.length);
    expect(check.multipart.length).toBeGreaterThan(0);
    expect(r.report.contiguous).toBe(false);
    expect(r.report.pieces.map((p) => codes[p.grid])).toEqual(check.multipart);
    for (const p of r.report.pieces) expect(p.areasM2.length).toBeGreaterThan(1);
    expect(r.report.repairedOutlines.map((o) => o.repairs[0]!.reason)).toContain('self_intersection');
    expect(
      disagreements(check, {
        ...claimsOf(r),
        grids: r.grids.map((g, i) => ({ code: codes[i]!, households: g.households, persons: g.persons })),
      }),
    ).toEqual([]);
  }, 240_000);
});
