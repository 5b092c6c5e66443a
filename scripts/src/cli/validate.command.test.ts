/**
 * `gridatlas validate` run as the command line runs it, on files in a temp dir: real Denver
 * neighbourhoods (2010 census) merged into grids, and small hand-made plans for each exit code.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { featureCollection, union } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { afterAll, describe, expect, it } from 'vitest';
import { validateCommand } from './validate.command.js';
import type { ValidateReport } from './validate-report.js';

const DENVER = join(
  process.env.GRIDATLAS_REAL_DATA ?? join(import.meta.dirname, '../../../../shared/data/real'),
  'denver-neighborhoods-2010.geojson',
);

const dir = mkdtempSync(join(tmpdir(), 'gridatlas-validate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function file(json: unknown): string {
  const path = join(dir, `f${++files}.geojson`);
  writeFileSync(path, typeof json === 'string' ? json : JSON.stringify(json));
  return path;
}

async function run(values: Record<string, string>) {
  const out: string[] = [];
  const code = await validateCommand.run({ values, positionals: [], out: (l) => out.push(l), err: () => {} });
  return { code, out: out.join('\n') };
}

const square = (x: number, y: number, size: number, props: Record<string, unknown> = {}): Feature<Polygon> => ({
  type: 'Feature',
  properties: props,
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [x, y],
        [x + size, y],
        [x + size, y + size],
        [x, y + size],
        [x, y],
      ],
    ],
  },
});
const point = (x: number, y: number, households: unknown, persons: unknown = 3): Feature => ({
  type: 'Feature',
  properties: { households, persons },
  geometry: { type: 'Point', coordinates: [x, y] },
});
const fc = (features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features });

describe('gridatlas validate on real Denver neighbourhoods', () => {
  const denver = JSON.parse(readFileSync(DENVER, 'utf8')) as FeatureCollection<MultiPolygon>;
  const single = denver.features.map((f, i) => i).filter((i) => denver.features[i]!.geometry.coordinates.length === 1);
  const multi = denver.features.map((f, i) => i).filter((i) => !single.includes(i));
  // Grids: single-part neighbourhoods, each merged with one neighbour when their union is one piece.
  const members: number[][] = [];
  const used = new Set<number>();
  for (const i of single) {
    if (used.has(i)) continue;
    used.add(i);
    const partner = single.find((j) => {
      if (used.has(j)) return false;
      const u = union(featureCollection([denver.features[i]!, denver.features[j]!]));
      return u?.geometry.type === 'Polygon';
    });
    if (partner !== undefined) used.add(partner);
    members.push(partner === undefined ? [i] : [i, partner]);
  }
  const grids = fc(
    members.map((m, k) => ({
      type: 'Feature',
      properties: { code: `G${k + 1}`, names: m.map((i) => denver.features[i]!.properties!.NBRHD_NAME) },
      geometry: m.length === 1 ? denver.features[m[0]!]!.geometry : union(featureCollection(m.map((i) => denver.features[i]!)))!.geometry,
    })),
  );
  const gridsPath = file(grids);
  const sum = (ids: number[], field: string): number => ids.reduce((s, i) => s + Number(denver.features[i]!.properties![field]), 0);

  it('counts each grid as the sum of its neighbourhoods and lists the rest as in no grid', async () => {
    expect(members.some((m) => m.length === 2)).toBe(true);
    const json = join(dir, 'denver-report.json');
    const { code, out } = await run({
      grids: gridsPath,
      units: DENVER,
      'households-field': 'NUM_HOUSEH',
      'persons-field': 'POPULATION',
      'max-households': '8000',
      'max-persons': '20000',
      json,
    });
    const report = JSON.parse(readFileSync(json, 'utf8')) as ValidateReport;
    expect(report.grids.map((g) => [g.code, g.households, g.persons])).toEqual(
      members.map((m, k) => [`G${k + 1}`, sum(m, 'NUM_HOUSEH'), sum(m, 'POPULATION')]),
    );
    expect(report.summary.households).toBe(
      sum(
        denver.features.map((_, i) => i),
        'NUM_HOUSEH',
      ),
    );
    expect(report.summary.unitsInNoGrid).toBe(multi.length);
    expect(report.summary.householdsInNoGrid).toBe(sum(multi, 'NUM_HOUSEH'));
    // Merged real boundaries share their edges: no overlap beyond slivers, so no hard problem.
    expect(report.summary.errors).toBe(0);
    expect(code).toBe(0);
    const over = report.grids.filter((g) => g.status === 'over').length;
    expect(report.summary.status.over).toBe(over);
    expect(out).toContain(`checked ${members.length} grids against 75 units (260,277 households`);
    expect(out).toContain(`${over} over`);
    expect(out).toMatch(/result: passed/);
  });

  it('reports the multipart neighbourhoods as hard problems (exit 1)', async () => {
    const { code, out } = await run({ grids: DENVER, units: DENVER, 'households-field': 'NUM_HOUSEH', 'persons-field': 'POPULATION' });
    expect(code).toBe(1);
    expect(out).toContain(`multipart (error) × ${multi.length}`);
    expect(out).toMatch(/result: FAILED — \d+ hard problem\(s\) \(multipart\)/);
  });

  it('names the likely count fields when the default ones are missing', async () => {
    await expect(run({ grids: gridsPath, units: DENVER })).rejects.toThrow(
      /field "households" \(households\) is missing on 75 of 75 feature\(s\).*--households-field — numeric fields found: NUM_HOUSEH/,
    );
  });
});

describe('gridatlas validate on small plans', () => {
  // Two 0.001° squares side by side (~110 m), units as points.
  const twoGrids = fc([square(0, 0, 0.001, { code: 'A' }), square(0.001, 0, 0.001, { code: 'B' })]);
  const units = fc([point(0.0005, 0.0005, 250, 600), point(0.0004, 0.0006, 100, 300), point(0.0015, 0.0005, 30, 90)]);

  it('passes a clean plan and applies --profile and caps', async () => {
    const base = { grids: file(twoGrids), units: file(units), json: join(dir, 'small.json') };
    const any = await run(base);
    expect(any.code).toBe(0);
    let report = JSON.parse(readFileSync(base.json, 'utf8')) as ValidateReport;
    // 350 households but 900 persons: meets the person cap, so ok under `any`.
    expect(report.grids.map((g) => [g.code, g.households, g.persons, g.status])).toEqual([
      ['A', 350, 900, 'ok'],
      ['B', 30, 90, 'under'],
    ]);
    const all = await run({ ...base, profile: 'all' });
    expect(all.code).toBe(0);
    report = JSON.parse(readFileSync(base.json, 'utf8')) as ValidateReport;
    expect(report.grids[0]!.status).toBe('over');
    expect(report.grids[0]!.exceeded).toEqual(['households']);
    expect(all.out).toContain('over_cap (warning) × 1');
    await run({ ...base, 'max-households': '20', 'max-persons': '50' });
    report = JSON.parse(readFileSync(base.json, 'utf8')) as ValidateReport;
    expect(report.grids.map((g) => g.status)).toEqual(['over', 'over']);
  });

  it('exits 1 on overlapping grids and on a grid outside --boundary', async () => {
    const overlapping = fc([square(0, 0, 0.001, { code: 'A' }), square(0.0005, 0, 0.001, { code: 'B' })]);
    const r = await run({ grids: file(overlapping), units: file(units) });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/overlap \(error\) × 1\n\s+- grids A and B overlap by \d+/);

    const boundary = file(fc([square(0, 0, 0.0015, { code: 'C1' })]));
    const outside = await run({ grids: file(twoGrids), units: file(units), boundary });
    expect(outside.code).toBe(1);
    expect(outside.out).toContain('outside_community (error) × 1');
    const bigger = await run({ grids: file(twoGrids), units: file(units), boundary: file(fc([square(-0.001, -0.001, 0.004)])) });
    expect(bigger.code).toBe(0);
    expect(bigger.out).toContain('gap (warning) × 1');
  });

  it('refuses bad input with exit code 2 and a message', async () => {
    const grids = file(twoGrids);
    const cases: [Record<string, string>, RegExp][] = [
      [{ grids: join(dir, 'nope.geojson'), units: file(units) }, /--grids: no such file/],
      [{ grids, units: file('{ not json') }, /--units: ".*" is not JSON/],
      [
        { grids, units: file({ type: 'Topology', objects: {} }) },
        /is not GeoJSON: expected a FeatureCollection or a Feature, found type "Topology"/,
      ],
      [{ grids: file(fc([point(0, 0, 1)])), units: file(units) }, /--grids: 1 feature\(s\) \(1\) are not polygons \(found Point\)/],
      [
        { grids, units: file(fc([point(0, 0, 'many'), point(0, 0, -3), point(0, 0, '12')])) },
        /"households" \(households\) is not a count .* on 2 feature\(s\) \(1, 2\), e.g. "many"/,
      ],
      [
        { grids, units: file(fc([point(500000, 4400000, 1)])) },
        /--units: 1 of 1 feature\(s\) cannot be read, nothing was done — projected_coordinates × 1 \(1\): coordinates look projected \(x≈500000, y≈4400000\)/,
      ],
      [
        { grids, units: file({ ...units, crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::32650' } } }) },
        /declares the coordinate system .*32650/,
      ],
      [
        { grids: file(fc([square(0, 0, 0.001, { code: 'A' }), square(0.001, 0, 0.001, { code: 'A' })])), units: file(units) },
        /1 grid code\(s\) used twice: "A" \(features 1 and 2\)/,
      ],
      [{ grids, units: file(units), profile: 'some' }, /--profile must be one of any, all/],
      [{ grids, units: file(units), 'max-persons': '0' }, /--max-persons must be a number > 0/],
      [{ units: file(units) }, /--grids <file> is required/],
    ];
    for (const [values, message] of cases) {
      const error = await run(values).then(
        () => null,
        (e: unknown) => e as { message: string; exitCode: number },
      );
      expect(error?.message).toMatch(message);
      expect(error?.exitCode).toBe(2);
    }
  });

  it('takes polygon units by a point inside them and reports one cut by a grid boundary', async () => {
    // A 0.0004° footprint centred on the shared edge at lng 0.001, slightly to grid A's side.
    const cut = square(0.0008, 0.0004, 0.0004, { households: 40, persons: 100 });
    cut.geometry.coordinates[0]![1]![0] = 0.00115;
    cut.geometry.coordinates[0]![2]![0] = 0.00115;
    const r = await run({ grids: file(twoGrids), units: file(fc([cut])) });
    expect(r.code).toBe(0);
    expect(r.out).toContain('cut_unit (warning) × 1');
    // Polygon units are blocks in the messages, unless --unit-kind says buildings.
    const json = join(dir, 'unit-kind.json');
    await run({ grids: file(twoGrids), units: file(fc([cut])), json });
    expect(JSON.parse(readFileSync(json, 'utf8')).problems.find((p: { kind: string }) => p.kind === 'cut_unit')).toMatchObject({
      unitKind: 'block',
      message: expect.stringMatching(/^block \S+ \(40 households\) is cut by a grid boundary/),
    });
    await run({ grids: file(twoGrids), units: file(fc([cut])), 'unit-kind': 'building', json });
    expect(JSON.parse(readFileSync(json, 'utf8')).problems.find((p: { kind: string }) => p.kind === 'cut_unit')).toMatchObject({
      unitKind: 'building',
      message: expect.stringMatching(/^building \S+ \(40 households\)/),
    });
  });
});
