/**
 * `gridatlas delineate` run as the command line runs it, on files in a temp dir: the real
 * Denver neighbourhoods (2010 census) under small caps, a synthetic street grid of building
 * points with a known answer, and each kind of bad input (exit 2).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection, Point, Polygon } from 'geojson';
import { afterAll, describe, expect, it } from 'vitest';
import { createUnitIndex, DEFAULT_RULE_PROFILE, validatePlan, type PlanGrid } from '@gridatlas/core';
import { delineateCommand, type DelineateCommandReport } from './delineate.command.js';
import { DENVER, pointCommunity, runCommand, tempDir } from './engine-io.fixture.js';

const tmp = tempDir('gridatlas-delineate-');
afterAll(tmp.cleanup);
const run = (values: Record<string, string>) => runCommand(delineateCommand, values);
const read = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

describe('gridatlas delineate on real Denver neighbourhoods', () => {
  const denver = read<FeatureCollection>(DENVER);
  const households = denver.features.reduce((s, f) => s + Number(f.properties!.NUM_HOUSEH), 0);

  it('divides 75 neighbourhoods under a 15,000-household cap into contiguous grids within both caps', async () => {
    const out = join(tmp.dir, 'denver-grids.geojson');
    const json = join(tmp.dir, 'denver-report.json');
    const r = await run({
      units: DENVER,
      'households-field': 'NUM_HOUSEH',
      'persons-field': 'POPULATION',
      'id-field': 'NBHD_ID',
      'name-field': 'NBRHD_NAME',
      'max-households': '15000',
      'max-persons': '40000',
      profile: 'all',
      out,
      json,
    });
    const report = read<DelineateCommandReport>(json);
    const grids = read<FeatureCollection<Polygon>>(out);
    // Polygon units are blocks by default, named so in the output and the report.
    expect(r.out).toContain('75 blocks (polygons) → ');
    expect(report.unitKind).toBe('block');
    // A neighbourhood over the caps on its own would be an exception; every other grid is within both caps.
    expect(report.violations).toEqual([]);
    expect(r.code).toBe(0);
    expect(report.lowerBound).toBeGreaterThanOrEqual(Math.ceil(households / 15000));
    expect(report.grids).toBe(grids.features.length);
    // Neighbourhoods are coarse (up to 9,320 households, 62% of the cap), so whole ones pack less tightly than buildings.
    expect(report.grids).toBeLessThanOrEqual(Math.ceil(report.lowerBound * 1.4));
    expect(report.contiguous).toBe(true);
    // Seven neighbourhoods write holes as second shells (repaired, each named by its id and
    // name); one is really in two parts, and both parts are kept in its grid.
    expect(report.multipart.count).toBe(1);
    expect(r.out).toContain('every part kept');
    expect(report.geometry.units).toMatchObject({ read: 75, accepted: 75, repaired: 7, rejected: 0 });
    expect(report.geometry.units.reasons.nested_shell).toMatchObject({ kind: 'repair', count: 8 });
    expect(report.geometry.units.repairs.find((e) => e.reason === 'nested_shell')).toMatchObject({
      id: expect.stringMatching(/^\d+$/),
      name: expect.any(String),
    });
    expect(r.out).toMatch(/repaired: nested_shell × 8 — \d+ \(\w/);
    expect(report.coverage).toBeCloseTo(1, 4);
    const multi = grids.features.filter((g) => (g.geometry.type as string) === 'MultiPolygon');
    expect(multi).toHaveLength(1);
    expect(multi[0]!.properties!.unit_ids).toContain(report.multipart.ids[0]);
    // Every neighbourhood is in exactly one grid, and the grid counts are their sums.
    const ids = grids.features.flatMap((g) => g.properties!.unit_ids as string[]);
    expect(new Set(ids).size).toBe(75);
    expect(ids).toHaveLength(75);
    for (const g of grids.features) {
      expect(g.properties!.code).toMatch(/^G\d{3}$/);
      if (!g.properties!.exception) expect(g.properties!.households <= 15000 && g.properties!.persons <= 40000).toBe(true);
    }
    expect(grids.features.reduce((s, g) => s + Number(g.properties!.households), 0)).toBe(households);
  });

  it('is deterministic for a seed', async () => {
    const a = join(tmp.dir, 'a.geojson');
    const b = join(tmp.dir, 'b.geojson');
    const args = { units: DENVER, 'households-field': 'NUM_HOUSEH', 'persons-field': 'POPULATION', 'max-households': '20000', seed: '7' };
    await run({ ...args, out: a });
    await run({ ...args, out: b });
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
  });
});

describe('gridatlas delineate on real San Francisco block groups', () => {
  const SF = DENVER.replace('denver-neighborhoods-2010.geojson', 'sf-blockgroups-2010.geojson');

  it('keeps every part of the block group with an island, in its grid', async () => {
    const out = join(tmp.dir, 'sf-grids.geojson');
    const json = join(tmp.dir, 'sf-report.json');
    await run({
      units: SF,
      'households-field': 'Population',
      'persons-field': 'Population',
      'id-field': 'GEO_ID',
      'max-households': '100000',
      'max-persons': '3000',
      profile: 'all',
      out,
      json,
    });
    const report = read<DelineateCommandReport>(json);
    const grids = read<FeatureCollection>(out);
    const sf = read<FeatureCollection>(SF);
    const multipart = sf.features
      .filter((f) => f.geometry.type === 'MultiPolygon' && f.geometry.coordinates.length > 1)
      .map((f) => String(f.properties!.GEO_ID));
    expect(report.multipart.ids).toEqual(multipart);
    expect(report.geometry.units).toMatchObject({ read: 579, accepted: 579, rejected: 0 });
    const home = grids.features.find((g) => (g.properties!.unit_ids as string[]).includes(multipart[0]!))!;
    expect(home.geometry.type).toBe('MultiPolygon');
    // Every unit in one grid, and the grids cover the units' whole area, islands included.
    const ids = grids.features.flatMap((g) => g.properties!.unit_ids as string[]);
    expect(new Set(ids).size).toBe(579);
    expect(ids).toHaveLength(579);
    expect(report.coverage).toBeGreaterThan(0.999);
  }, 120_000);
});

describe('gridatlas delineate on building points in a street grid', () => {
  // 4×4 blocks of 3 buildings × 40 households: 1,920 households, so at least 7 grids of 300.
  const c = pointCommunity(4, 3, 40);
  const files = { units: tmp.file(c.buildings), streets: tmp.file(c.streets), boundary: tmp.file(c.boundary) };

  it('builds blocks from the streets and reaches the lower bound with grids that pass the plan validation', async () => {
    const out = join(tmp.dir, 'points-grids.geojson');
    const json = join(tmp.dir, 'points-report.json');
    const r = await run({ ...files, out, json });
    expect(r.code).toBe(0);
    const report = read<DelineateCommandReport>(json);
    expect(report).toMatchObject({ lowerBound: 7, compliant: true, contiguous: true, outside: 0 });
    expect(report.grids).toBeLessThanOrEqual(8);
    expect(report.coverage).toBeCloseTo(1, 3);
    const grids = read<FeatureCollection<Polygon>>(out);
    expect(grids.features.flatMap((g) => g.properties!.unit_ids as string[]).sort()).toEqual(
      c.buildings.features.map((b) => String(b.properties!.id)).sort(),
    );
    const plan: PlanGrid[] = grids.features.map((g) => ({ code: String(g.properties!.code), geometry: g.geometry, communityCode: 'C1' }));
    const units = c.buildings.features.map((b) => ({
      id: String(b.properties!.id),
      point: (b.geometry as Point).coordinates as [number, number],
      households: 40,
      persons: 120,
    }));
    const v = validatePlan({
      communities: [{ code: 'C1', geometry: c.boundary.features[0]!.geometry as Polygon }],
      grids: plan,
      units: createUnitIndex(units),
      profile: DEFAULT_RULE_PROFILE,
    });
    expect(v.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('reports a building over the cap on its own as an exception, still exit 0', async () => {
    const big = pointCommunity(3, 2, 50, 420);
    const out = join(tmp.dir, 'big.geojson');
    const json = join(tmp.dir, 'big.json');
    const r = await run({ units: tmp.file(big.buildings), streets: tmp.file(big.streets), boundary: tmp.file(big.boundary), out, json });
    expect(r.code).toBe(0);
    expect(r.out).toContain('exception');
    const report = read<DelineateCommandReport>(json);
    expect(report.exceptions).toHaveLength(1);
    // Named by the building id of the input file, on the console and in the report.
    expect(report.exceptions[0]!.message).toMatch(/^building b0-0-0 has 420 households/);
    expect(r.out).toContain('exception: building b0-0-0 has 420 households');
    const exception = read<FeatureCollection>(out).features.filter((f) => f.properties!.exception);
    expect(exception).toHaveLength(1);
    expect(exception[0]!.properties!.unit_ids).toContain('b0-0-0');
    expect(report.unitKind).toBe('building');
  });

  it('refuses --unit-kind block for building points with exit 2', async () => {
    const c = pointCommunity(2, 2, 40);
    const r = await run({
      units: tmp.file(c.buildings),
      streets: tmp.file(c.streets),
      boundary: tmp.file(c.boundary),
      'unit-kind': 'block',
      out: join(tmp.dir, 'never.geojson'),
    });
    expect(r.code).toBe(2);
    expect(r.out).toContain('--unit-kind block: the units are points');
  });
});

describe('gridatlas delineate names polygon units by what they are (--unit-kind)', () => {
  const D = 0.001;
  const box = (x0: number, x1: number): Polygon => ({
    type: 'Polygon',
    coordinates: [
      [
        [108.9 + x0 * D, 34.25],
        [108.9 + x1 * D, 34.25],
        [108.9 + x1 * D, 34.251],
        [108.9 + x0 * D, 34.251],
        [108.9 + x0 * D, 34.25],
      ],
    ],
  });
  const units: FeatureCollection = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { id: 'tower-7', households: 420, persons: 1300 }, geometry: box(0, 1) },
      { type: 'Feature', properties: { id: 'b-2', households: 40, persons: 120 }, geometry: box(1, 2) },
      { type: 'Feature', properties: { id: 'b-3', households: 40, persons: 120 }, geometry: box(2, 3) },
    ],
  };

  it.each([
    [undefined, 'block', '3 blocks (polygons) → 2 grids'],
    ['building', 'building', '3 buildings (polygons) → 2 grids'],
    ['block', 'block', '3 blocks (polygons) → 2 grids'],
  ] as const)('--unit-kind %s: %s in the messages and the report', async (given, kind, summary) => {
    const json = join(tmp.dir, `kind-${String(given)}.json`);
    const r = await run({
      units: tmp.file(units),
      'id-field': 'id',
      ...(given ? { 'unit-kind': given } : {}),
      out: join(tmp.dir, `kind-${String(given)}.geojson`),
      json,
    });
    expect(r.code).toBe(0);
    const report = read<DelineateCommandReport>(json);
    expect(report.unitKind).toBe(kind);
    expect(report.exceptions.map((e) => [e.unitKind, e.message])).toEqual([
      [kind, `${kind} tower-7 has 420 households and 1300 persons, over the rule on its own and indivisible: it is its own grid`],
    ]);
    expect(r.out).toContain(summary);
    expect(r.out).toContain(`exception: ${kind} tower-7 has 420 households`);
    expect(r.out).not.toMatch(/\bunits?\b/);
  });
});

describe('gridatlas delineate with headroom and balance', () => {
  it('plans grids to --target-fill and evens them out with --balance, and says so in the report', async () => {
    const c = pointCommunity(6, 4, 20);
    const files = { streets: tmp.file(c.streets), boundary: tmp.file(c.boundary), units: tmp.file(c.buildings) };
    const json = join(tmp.dir, 'roomy.json');
    const r = await run({ ...files, 'target-fill': '0.8', balance: 'households', out: join(tmp.dir, 'roomy.geojson'), json });
    expect(r.code).toBe(0);
    const report = read<DelineateCommandReport>(json);
    // 2,880 households at 240 per grid: 12 grids at least.
    expect(report).toMatchObject({ targetFill: 0.8, lowerBound: 12, compliant: true, unplaced: [], doubled: [], overlapM2: 0 });
    expect(report.balance.by).toBe('households');
    expect(report.balance.max).toBeLessThanOrEqual(240);
    expect(report.l2Bound).toBeGreaterThanOrEqual(report.lowerBound);
    expect(r.out).toMatch(/planned to 80% of the caps/);
  });

  it('refuses a target fill outside (0, 1] and an unknown balance with exit 2', async () => {
    const c = pointCommunity(2, 1, 10);
    const files = {
      streets: tmp.file(c.streets),
      boundary: tmp.file(c.boundary),
      units: tmp.file(c.buildings),
      out: join(tmp.dir, 'bad.geojson'),
    };
    for (const bad of ['0', '1.2', 'most']) {
      const r = await run({ ...files, 'target-fill': bad });
      expect(r.code).toBe(2);
      expect(r.out).toMatch(/--target-fill must be a share of the caps/);
    }
    const r = await run({ ...files, balance: 'area' });
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/--balance must be one of none, households, persons/);
  });
});

describe('gridatlas delineate refuses bad input with exit 2', () => {
  const square: Feature = {
    type: 'Feature',
    properties: { households: 10, persons: 20 },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [0.001, 0],
          [0.001, 0.001],
          [0, 0.001],
          [0, 0],
        ],
      ],
    },
  };
  const point = (props: Record<string, unknown>, coordinates = [108.9, 34.25]): Feature => ({
    type: 'Feature',
    properties: props,
    geometry: { type: 'Point', coordinates },
  });
  const fc = (features: Feature[]) => ({ type: 'FeatureCollection', features });
  const out = join(tmp.dir, 'never.geojson');
  const cases: [string, Record<string, string>, RegExp][] = [
    ['a missing file', { units: join(tmp.dir, 'nope.geojson'), out }, /no such file/],
    ['a file that is not GeoJSON', { units: tmp.file('{"hello": 1}'), out }, /not GeoJSON/],
    ['a file that is not JSON', { units: tmp.file('households,persons\n1,2'), out }, /not JSON/],
    [
      'a missing households field',
      { units: tmp.file(fc([point({ persons: 3 }), point({ households: 2, persons: 3 })])), out },
      /"households".*missing on 1 of 2 feature/,
    ],
    [
      'a non-numeric field',
      { units: tmp.file(fc([square, { ...square, properties: { households: 'many', persons: 3 } }])), out },
      /not a count.*1 feature/,
    ],
    [
      'points without streets or boundary',
      { units: tmp.file(fc([point({ households: 2, persons: 3 })])), out },
      /--streets and --boundary are needed/,
    ],
    [
      'projected coordinates',
      {
        units: tmp.file(
          fc([
            {
              ...square,
              geometry: {
                type: 'Polygon',
                coordinates: [
                  [
                    [500000, 4000000],
                    [500100, 4000000],
                    [500100, 4000100],
                    [500000, 4000000],
                  ],
                ],
              },
            },
          ]),
        ),
        out,
      },
      /coordinates look projected \(x≈500000, y≈4000000\).*--crs/,
    ],
    ['no --out', { units: DENVER }, /--out <file> is required/],
    ['a bad profile', { units: DENVER, out, profile: 'some' }, /--profile must be one of/],
  ];
  for (const [what, values, message] of cases) {
    it(`on ${what}`, async () => {
      const r = await run(values);
      expect(r.code).toBe(2);
      expect(r.out).toMatch(message);
    });
  }

  it('names the numeric fields when the default count fields are absent (Denver)', async () => {
    const r = await run({ units: DENVER, out });
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/missing on 75 of 75 feature\(s\).*NUM_HOUSEH/);
  });
});
