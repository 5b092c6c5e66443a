/**
 * `gridatlas delineate --streets x.osm`: streets from OpenStreetMap XML, on a synthetic street
 * grid written as OSM (with a footway and a building among the ways), on the real Shanghai
 * People's Square extract with buildings placed over a test community, and bad OSM input.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection, Polygon } from 'geojson';
import { afterAll, describe, expect, it } from 'vitest';
import { shanghaiStreetCase } from '@gridatlas/data/real-streets';
import { delineateCommand, type DelineateCommandReport } from './delineate.command.js';
import { rebalanceCommand, type RebalanceCommandReport } from './rebalance.command.js';
import { osmXmlOf, pointCommunity, runCommand, tempDir } from './engine-io.fixture.js';

const tmp = tempDir('gridatlas-delineate-osm-');
afterAll(tmp.cleanup);
const run = (values: Record<string, string>) => runCommand(delineateCommand, values);
const read = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

describe('gridatlas delineate with OpenStreetMap streets', () => {
  const c = pointCommunity(4, 3, 40);
  // A footway cutting every block diagonally, and a building outline: neither is a street.
  const footway = {
    type: 'Feature' as const,
    properties: { highway: 'footway' },
    geometry: {
      type: 'LineString' as const,
      coordinates: [
        (c.boundary.features[0]!.geometry as Polygon).coordinates[0]![0]!,
        (c.boundary.features[0]!.geometry as Polygon).coordinates[0]![2]!,
      ],
    },
  };
  const building = '<way id="9"><nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="1"/><tag k="building" v="yes"/></way>';
  const osm = tmp.file(osmXmlOf({ ...c.streets, features: [...c.streets.features, footway] }, building), 'streets.osm');
  const files = { units: tmp.file(c.buildings), boundary: tmp.file(c.boundary) };

  it('reads the street ways, says what it left out, and divides as with GeoJSON streets', async () => {
    const json = join(tmp.dir, 'osm-report.json');
    const r = await run({ ...files, streets: osm, out: join(tmp.dir, 'osm-grids.geojson'), json });
    expect(r.code).toBe(0);
    const report = read<DelineateCommandReport>(json);
    expect(report.streets).toMatchObject({ format: 'osm', ways: 8, kept: 6, dropped: { path: 1, 'not-highway': 1 } });
    expect(r.out).toContain('streets: 8 OSM way(s) read, 6 kept as 6 line(s); dropped: 1 not-highway, 1 path');
    expect(report.blocks).toMatchObject({ blocks: 16, joined: 0, slivers: 0 });
    expect(r.out).toMatch(/blocks: 16 street block\(s\) cut into \d+ unit\(s\)/);
    expect(report).toMatchObject({ lowerBound: 7, compliant: true, contiguous: true, outside: 0 });
    expect(report.coverage).toBeCloseTo(1, 6);
    expect(report.grids).toBeLessThanOrEqual(8);
  });

  it('serves rebalance too: the plan rebalanced over the same OSM streets', async () => {
    const plan = join(tmp.dir, 'osm-plan.geojson');
    await run({ ...files, streets: osm, out: plan });
    const grown = {
      ...c.buildings,
      features: c.buildings.features.map((b, i) =>
        i % 5 === 0 ? { ...b, properties: { ...b.properties, households: 90, persons: 270 } } : b,
      ),
    };
    const json = join(tmp.dir, 'osm-rebalance.json');
    const r = await runCommand(rebalanceCommand, {
      plan,
      units: tmp.file(grown),
      boundary: files.boundary,
      streets: osm,
      out: join(tmp.dir, 'osm-rebalanced.geojson'),
      json,
    });
    expect(r.code).toBe(0);
    expect(r.out).toContain('streets: 8 OSM way(s) read, 6 kept');
    expect(read<RebalanceCommandReport>(json).streets).toMatchObject({ format: 'osm', kept: 6 });
  });

  it('keeps footways as block edges with --include-paths', async () => {
    const json = join(tmp.dir, 'paths-report.json');
    const r = await run({
      ...files,
      streets: osm,
      'include-paths': true as unknown as string,
      out: join(tmp.dir, 'paths-grids.geojson'),
      json,
    });
    expect(r.code).toBe(0);
    const report = read<DelineateCommandReport>(json);
    expect(report.streets).toMatchObject({ format: 'osm', includePaths: true, kept: 7, dropped: { path: 0 } });
    // The diagonal footway halves the four blocks it crosses.
    expect(report.blocks!.blocks).toBe(20);
  });

  it.each([
    ['broken XML', '<osm><node id="1" lat="1" lon="2"></osm>', {}, /not well-formed XML at line 1/],
    ['XML that is not OSM', '<gpx version="1.1"><trk/></gpx>', {}, /root element is <gpx>/],
    [
      'OSM with no streets but footways',
      `<osm><node id="1" lat="34.25" lon="108.9"/><node id="2" lat="34.26" lon="108.91"/><way id="1"><nd ref="1"/><nd ref="2"/><tag k="highway" v="footway"/></way></osm>`,
      {},
      /no street ways \(1 way\(s\) read: 1 path\); add --include-paths/,
    ],
  ] as const)('refuses %s with exit 2', async (_, xml, extra, message) => {
    const r = await run({
      ...files,
      streets: tmp.file(xml, `bad-${Math.random().toString(36).slice(2)}.osm`),
      out: join(tmp.dir, 'never.geojson'),
      ...extra,
    });
    expect(r.code).toBe(2);
    expect(r.out).toMatch(message);
  });

  it('refuses --include-paths with GeoJSON streets', async () => {
    const r = await run({
      ...files,
      streets: tmp.file(c.streets),
      'include-paths': true as unknown as string,
      out: join(tmp.dir, 'never.geojson'),
    });
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/--include-paths: applies to OpenStreetMap XML/);
  });
});

describe('gridatlas delineate reads streets through the normalising step', () => {
  const c = pointCommunity(3, 2, 40);
  const files = { units: tmp.file(c.buildings), boundary: tmp.file(c.boundary) };
  const first = c.streets.features[0]!;
  const at = (first.geometry as { coordinates: number[][] }).coordinates;

  it('repairs repeated vertices and says so', async () => {
    const streets = {
      ...c.streets,
      features: [
        ...c.streets.features.slice(1),
        { ...first, properties: { id: 'doubled', name: '复线' }, geometry: { type: 'LineString', coordinates: [at[0], at[0], at[1]] } },
      ],
    };
    const json = join(tmp.dir, 'normalised.json');
    const r = await run({ ...files, streets: tmp.file(streets), out: join(tmp.dir, 'normalised.geojson'), json });
    expect(r.code).toBe(0);
    const report = read<DelineateCommandReport>(json);
    expect(report.geometry.streets).toMatchObject({ read: 4, accepted: 4, repaired: 1, rejected: 0 });
    expect(report.geometry.streets?.reasons.duplicate_vertices?.sample).toMatchObject({ id: 'doubled', name: '复线' });
    expect(r.out).toMatch(/geometry of --streets: 4 read, 4 accepted, 1 repaired/);
    expect(report).toMatchObject({ outside: 0, blocks: { blocks: 9 } });
  });

  it.each([
    [
      'a street with no length',
      { type: 'LineString', coordinates: [at[0], at[0]] },
      /--streets: 1 of 5 feature\(s\) cannot be read, nothing was done — collapsed_part × 1 \(bad\)/,
    ],
    [
      'a polygon among the streets',
      { type: 'Polygon', coordinates: [[at[0], at[1], [at[1]![0]! + 0.001, at[1]![1]!], at[0]]] },
      /--streets: 1 of 5 feature\(s\) are not LineString/,
    ],
    [
      'streets in projected metres',
      {
        type: 'LineString',
        coordinates: [
          [500000, 3800000],
          [500100, 3800000],
        ],
      },
      /projected_coordinates × 1 \(bad\)/,
    ],
  ])('refuses %s with exit 2', async (_, geometry, message) => {
    const streets = { ...c.streets, features: [...c.streets.features, { type: 'Feature', properties: { id: 'bad' }, geometry }] };
    const r = await run({ ...files, streets: tmp.file(streets), out: join(tmp.dir, 'never.geojson') });
    expect(r.code).toBe(2);
    expect(r.out).toMatch(message);
  });
});

describe("gridatlas delineate on the Shanghai People's Square OSM extract", () => {
  it('puts every placed building in a grid and covers the community whole', async () => {
    const s = shanghaiStreetCase();
    const buildings: FeatureCollection = {
      type: 'FeatureCollection',
      features: s.buildings.map((b) => ({
        type: 'Feature',
        properties: { id: b.id, households: b.households, persons: b.persons },
        geometry: { type: 'Point', coordinates: b.point },
      })),
    };
    const json = join(tmp.dir, 'shanghai.json');
    const out = join(tmp.dir, 'shanghai.geojson');
    const r = await run({ units: tmp.file(buildings), streets: s.files.streets, boundary: s.files.boundary, profile: 'all', out, json });
    const report = read<DelineateCommandReport>(json);
    expect(report.streets).toMatchObject({ format: 'osm', ways: 796, kept: 796 });
    expect(report.outside).toBe(0);
    expect(report.coverage).toBeCloseTo(1, 6);
    expect(report.households).toBe(s.buildings.reduce((t, b) => t + b.households, 0));
    const ids = read<FeatureCollection>(out).features.flatMap((f) => f.properties!.unit_ids as string[]);
    expect(ids.sort()).toEqual(s.buildings.map((b) => b.id).sort());
    expect(r.code).toBe(report.compliant ? 0 : 1);
  });
});
