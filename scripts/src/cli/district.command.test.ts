/**
 * `gridatlas district …` end to end on both databases, from an empty database: 洪山区 from the
 * real Wuhan files — its boundary (GCJ-02 web-map coordinates), communities derived from its
 * roads, the OSM buildings with pieces merged and households estimated, the roads — then
 * divided with the engine, imported as the current plan, validated, exported and imported
 * again unchanged. Every bad file leaves the database as it was (tables compared).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, openDatabase, type Db } from '@gridatlas/api';
import { makeWuhanFiles, startPgCluster, WUHAN_DISTRICTS, type PgCluster, type WuhanFiles } from '@gridatlas/api/testing';
import { createUnitIndex, DEFAULT_RULE_PROFILE, delineateCommunity, validatePlan, type PlanUnit } from '@gridatlas/core';
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import type { Feature, FeatureCollection, LineString, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './gridatlas.js';

const TABLES = [
  'districts',
  'regions',
  'buildings',
  'building_registry',
  'streets',
  'plans',
  'grids',
  'grid_codes',
  'staff',
  'staff_assignments',
  'special_group_records',
  'district_imports',
];

/** Every district table's rows, hashed: equal before and after means nothing was written. */
async function snapshot(db: Db): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of TABLES) {
    const r = await db.query<{ n: number; h: string | null }>(
      `SELECT count(*) AS n, md5(string_agg(x::text, '|' ORDER BY x::text)) AS h FROM ${t} x`,
    );
    out[t] = `${r.rows[0]!.n}:${r.rows[0]!.h ?? ''}`;
  }
  return out;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the report is read as JSON, checked field by field
type Report = Record<string, any>;
const BACKEND_KINDS = ['embedded', 'postgresql'] as const;

describe.each(BACKEND_KINDS)('gridatlas district on %s', (kind) => {
  let dir: string;
  let cluster: PgCluster | null = null;
  let target: string[];
  let files: WuhanFiles;
  const withDb = async <T>(fn: (db: Db) => Promise<T>): Promise<T> => {
    const db = await openDatabase(kind === 'embedded' ? { dataDir: join(dir, 'pglite') } : { databaseUrl: target[1]! });
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  };
  const run = async (args: string[]): Promise<{ code: number; report: Report }> => {
    const json = join(dir, `report-${Math.random().toString(36).slice(2)}.json`);
    const code = await main([...args, '--json', json, ...target]);
    let report = {} as Report;
    try {
      report = JSON.parse(readFileSync(json, 'utf8'));
    } catch {
      // exit 2: no report
    }
    return { code, report };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `gridatlas-district-${kind}-`));
    if (kind === 'postgresql') {
      cluster = await startPgCluster();
      const u = new URL(cluster.url);
      target = ['--database-url', u.toString()];
    } else target = ['--data-dir', join(dir, 'pglite')];
    files = await withDb(async (db) => {
      await migrate(db);
      return makeWuhanFiles(dir, db);
    });
  }, 180_000);
  afterAll(() => {
    cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates 洪山区 from the web-map boundary and imports communities, buildings and roads', async () => {
    // The boundary is in web-map coordinates (GCJ-02): converted to WGS84 on the way in, and
    // normalised (its self-touching rings and spikes rebuilt as ST_MakeValid rebuilds them).
    const created = await run([
      'district',
      'create',
      '--code',
      '420111',
      '--name',
      '洪山区',
      '--boundary',
      WUHAN_DISTRICTS,
      '--crs',
      'gcj02',
    ]);
    expect(created.code).toBe(0);
    expect(created.report).toMatchObject({ layer: 'district', written: true, read: 13, accepted: 1, rejected: 0, changes: { added: 1 } });

    const communities = await run([
      'district',
      'import',
      'communities',
      files.communities,
      '--district',
      '420111',
      '--parent-field',
      '所属街道',
    ]);
    expect(communities.code).toBe(0);
    const n = files.communityCount;
    expect(communities.report).toMatchObject({
      written: true,
      read: n,
      accepted: n,
      rejected: 0,
      codes: { kept: 0, matched: 4, generated: n - 4 },
    });
    expect(communities.report.reasons.subdistrict_created).toMatchObject({ kind: 'proposed', count: 1 });
    const codes = communities.report.codes.proposals.map((p: { code: string }) => p.code).sort();
    expect(codes.slice(0, 4)).toEqual(['420111002003', '420111002005', '420111002007', '420111002008']);
    expect(codes.slice(4)).toEqual(Array.from({ length: n - 4 }, (_, i) => `420111002${901 + i}`));

    const buildings = await run([
      'district',
      'import',
      'buildings',
      files.buildings,
      '--district',
      '420111',
      '--id-field',
      'id',
      '--code-field',
      '楼栋编码',
      '--height-field',
      'height',
      '--estimate-households',
    ]);
    expect(buildings.code).toBe(0);
    const r = buildings.report;
    expect(r).toMatchObject({ written: true, read: files.buildingPieces, rejected: 0 });
    expect(r.merged).toBeGreaterThan(0);
    expect(r.reasons.pieces_merged.kind).toBe('merged');
    expect(r.totals.estimated).toBeGreaterThan(0);
    const stored = await withDb(
      async (db) =>
        (
          await db.query<{ n: number; groups: number; est: number; hh: number }>(
            `SELECT count(*) AS n, count(DISTINCT split_part(source_id, '#', 1)) AS groups, count(*) FILTER (WHERE households_source = 'estimated') AS est, sum(households) AS hh FROM buildings WHERE district_code = '420111'`,
          )
        ).rows[0]!,
    );
    expect(stored.groups).toBe(files.buildingIds);
    expect(stored.n).toBe(r.totals.buildings);
    expect(stored.est).toBe(stored.n);
    expect(stored.hh).toBe(r.totals.households);

    const roads = await run(['district', 'import', 'streets', files.roads, '--district', '420111']);
    expect(roads.code).toBe(0);
    expect(roads.report.written).toBe(true);

    // The same buildings again: nothing changed.
    const again = await run([
      'district',
      'import',
      'buildings',
      files.buildings,
      '--district',
      '420111',
      '--id-field',
      'id',
      '--code-field',
      '楼栋编码',
      '--height-field',
      'height',
      '--estimate-households',
      '--dry-run',
    ]);
    expect(again.code).toBe(0);
    expect(again.report.changes).toMatchObject({ added: 0, removed: 0, geometryChanged: 0, attributesChanged: 0, unchanged: stored.n });
  });

  it('imports a registry XLSX keyed by building code: unmatched rows reject the file until --allow-rejected', async () => {
    const codes = await withDb(async (db) =>
      (
        await db.query<{ code: string }>(
          `SELECT code FROM buildings WHERE district_code = '420111' AND code IS NOT NULL ORDER BY id LIMIT 40`,
        )
      ).rows.map((r) => r.code),
    );
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('实有人口');
    sheet.addRow(['楼栋编码', '户号', '人数', '户主姓名']);
    // Two households in each of 40 buildings, typed as registries type them (spaces, full-width).
    codes.forEach((c, i) => {
      sheet.addRow([i % 3 === 0 ? ` ${c} ` : c, `${i}-1`, 3, '某某']);
      sheet.addRow([i % 5 === 0 ? c.replace('HS', 'ＨＳ') : c, `${i}-2`, 2, '某某']);
    });
    for (let i = 0; i < 5; i++) sheet.addRow([`HS-UNKNOWN-${i}`, `x-${i}`, 1, '某某']);
    const file = join(dir, 'registry.xlsx');
    await book.xlsx.writeFile(file);
    const before = await withDb(snapshot);
    const refused = await run([
      'district',
      'import',
      'registry',
      file,
      '--district',
      '420111',
      '--key-field',
      '楼栋编码',
      '--persons-field',
      '人数',
    ]);
    expect(refused.code).toBe(1);
    expect(refused.report).toMatchObject({
      written: false,
      read: 85,
      accepted: 80,
      rejected: 5,
      reasons: { no_building: { kind: 'rejected', count: 5, sample: { row: 81 } } },
    });
    expect(refused.report.totals).toMatchObject({ buildingsMatched: 40, households: 80, persons: 200 });
    // The report names rows and building codes, never the registry's personal fields.
    expect(JSON.stringify(refused.report)).not.toContain('某某');
    expect(await withDb(snapshot)).toEqual(before);

    const written = await run([
      'district',
      'import',
      'registry',
      file,
      '--district',
      '420111',
      '--key-field',
      '楼栋编码',
      '--persons-field',
      '人数',
      '--allow-rejected',
    ]);
    expect(written.code).toBe(0);
    const counts = await withDb(
      async (db) =>
        (
          await db.query<{ source: string; n: number; hh: number; p: number }>(
            `SELECT households_source AS source, count(*) AS n, sum(households) AS hh, sum(persons) AS p FROM buildings WHERE district_code = '420111' GROUP BY 1 ORDER BY 1`,
          )
        ).rows,
    );
    expect(counts.find((c) => c.source === 'registry')).toMatchObject({ n: 40, hh: 80, p: 200 });
    expect(counts.find((c) => c.source === 'estimated')!.n).toBeGreaterThan(100);
    expect(await withDb(async (db) => (await db.query('SELECT count(*)::int AS n FROM building_registry')).rows[0])).toEqual({ n: 40 });
  });

  it('divides the communities with the engine, imports the grids as the current plan, validates it and round-trips it', async () => {
    const data = await withDb(async (db) => ({
      communities: (
        await db.query<{ code: string; boundary: Polygon }>(
          `SELECT code, ST_AsGeoJSON(boundary, 9)::json AS boundary FROM regions WHERE district_code = '420111' AND level = 'community' ORDER BY code`,
        )
      ).rows,
      units: (
        await db.query<PlanUnit & { community: string }>(
          `SELECT id::text AS id, community_code AS community, households, persons, ST_AsGeoJSON(ST_PointOnSurface(footprint), 9)::json -> 'coordinates' AS point FROM buildings WHERE district_code = '420111'`,
        )
      ).rows,
      streets: (
        await db.query<{ g: LineString }>(`SELECT ST_AsGeoJSON(geom, 9)::json AS g FROM streets WHERE district_code = '420111'`)
      ).rows.map((r) => r.g),
    }));
    const features: Feature[] = [];
    for (const c of data.communities) {
      const buildings = data.units.filter((u) => u.community === c.code);
      if (buildings.length === 0) continue;
      const { grids } = delineateCommunity({
        boundary: c.boundary,
        streets: data.streets,
        buildings,
        profile: DEFAULT_RULE_PROFILE,
        seed: 1,
      });
      grids.forEach((g, i) =>
        features.push({ type: 'Feature', properties: { 网格名称: `${c.code.slice(9)}-${i + 1}` }, geometry: g.geometry }),
      );
    }
    expect(features.length).toBeGreaterThan(data.communities.length);
    const gridsFile = join(dir, 'divided.geojson');
    writeFileSync(gridsFile, JSON.stringify({ type: 'FeatureCollection', features }));
    const imported = await run(['district', 'import', 'grids', gridsFile, '--district', '420111', '--name-field', '网格名称']);
    expect(imported.code).toBe(0);
    expect(imported.report).toMatchObject({
      written: true,
      accepted: features.length,
      codes: { kept: 0, generated: features.length },
      changes: { added: features.length },
    });

    // The plan in force is the imported one; the validator reads it as the planner would.
    const plan = await withDb(async (db) => ({
      grids: (
        await db.query<{ code: string; name: string; community: string; geometry: Polygon }>(
          `SELECT code, name, community_code AS community, ST_AsGeoJSON(geometry, 9)::json AS geometry FROM current_grids WHERE district_code = '420111' ORDER BY code`,
        )
      ).rows,
      approved: (
        await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM plans WHERE district_code = '420111' AND status = 'approved'`)
      ).rows[0]!.n,
    }));
    expect(plan.grids).toHaveLength(features.length);
    expect(plan.approved).toBe(1);
    const validation = validatePlan({
      communities: data.communities.map((c) => ({ code: c.code, geometry: c.boundary })),
      grids: plan.grids.map((g) => ({ code: g.code, communityCode: g.community, type: 'comprehensive' as const, geometry: g.geometry })),
      units: createUnitIndex(data.units),
      profile: DEFAULT_RULE_PROFILE,
    });
    expect(validation.problems.filter((p) => ['overlap', 'overhang', 'invalid_geometry'].includes(p.kind))).toEqual([]);

    // Exported and imported again: the same grids, within 1 cm, nothing changed.
    const out = join(dir, 'export', 'grids.geojson');
    expect(await main(['district', 'export', 'grids', '--district', '420111', '--format', 'geojson', '--out', out, ...target])).toBe(0);
    const exported = JSON.parse(readFileSync(out, 'utf8')) as FeatureCollection;
    expect(exported.features).toHaveLength(features.length);
    expect(exported.features[0]!.properties).toMatchObject({
      code: plan.grids[0]!.code,
      community: expect.any(String),
      households: expect.any(Number),
      buildings: expect.any(Number),
      area_m2: expect.any(Number),
    });
    const again = await run(['district', 'import', 'grids', out, '--district', '420111', '--code-field', 'code', '--name-field', 'name']);
    expect(again.code).toBe(0);
    expect(again.report.changes).toMatchObject({
      added: 0,
      removed: 0,
      geometryChanged: 0,
      attributesChanged: 0,
      unchanged: features.length,
    });
    expect(again.report.codes).toMatchObject({ kept: features.length, generated: 0 });

    // As a zipped Shapefile in CGCS2000 / 3-degree Gauss–Krüger CM 114E (EPSG:4547), GBK DBF:
    // read back within 1 cm, nothing changed.
    const shp = join(dir, 'export', 'grids.zip');
    expect(
      await main([
        'district',
        'export',
        'grids',
        '--district',
        '420111',
        '--format',
        'shp',
        '--crs',
        'EPSG:4547',
        '--encoding',
        'gbk',
        '--out',
        shp,
        ...target,
      ]),
    ).toBe(0);
    const back = await run([
      'district',
      'import',
      'grids',
      shp,
      '--district',
      '420111',
      '--code-field',
      'code',
      '--name-field',
      'name',
      '--dry-run',
    ]);
    expect(back.code).toBe(0);
    expect(back.report).toMatchObject({ format: 'shp', crs: { id: 'EPSG:4547' }, encoding: { name: 'gbk' } });
    expect(back.report.changes).toMatchObject({
      added: 0,
      removed: 0,
      geometryChanged: 0,
      attributesChanged: 0,
      unchanged: features.length,
    });
    const xlsx = join(dir, 'export', 'grids.xlsx');
    expect(await main(['district', 'export', 'grids', '--district', '420111', '--format', 'xlsx', '--out', xlsx, ...target])).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    const header = (book.worksheets[0]!.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['code', 'name', 'community', 'households', 'persons', 'buildings', 'area_m2', 'staff']));
    expect(book.worksheets[0]!.rowCount).toBe(features.length + 1);
  });

  it('reads the communities again from a Gauss–Krüger GBK Shapefile without .cpg, zipped with junk: unchanged', async () => {
    const sub = join(dir, 'gk');
    mkdirSync(sub, { recursive: true });
    execFileSync('ogr2ogr', [
      '-f',
      'ESRI Shapefile',
      '-s_srs',
      'EPSG:4326',
      '-t_srs',
      'EPSG:4526',
      '-lco',
      'ENCODING=GBK',
      '-nln',
      'communities',
      join(sub, 'communities.shp'),
      files.communities,
    ]);
    const zip: Record<string, Uint8Array> = { '__MACOSX/._communities.shp': new Uint8Array(200).fill(7), '.DS_Store': new Uint8Array(64) };
    for (const ext of ['shp', 'shx', 'dbf', 'prj']) zip[`社区/communities.${ext}`] = readFileSync(join(sub, `communities.${ext}`));
    const file = join(sub, 'communities.zip');
    writeFileSync(file, zipSync(zip));
    const r = await run([
      'district',
      'import',
      'communities',
      file,
      '--district',
      '420111',
      '--name-field',
      '名称',
      '--parent-field',
      '所属街道',
      '--dry-run',
    ]);
    expect(r.code).toBe(0);
    expect(r.report).toMatchObject({
      format: 'shp',
      crs: { id: 'EPSG:4526' },
      encoding: { name: 'gbk' },
      rejected: 0,
      codes: { matched: 4 },
    });
    expect(r.report.changes).toMatchObject({
      added: 0,
      removed: 0,
      geometryChanged: 0,
      attributesChanged: 0,
      unchanged: files.communityCount,
    });
  });

  it('reports the gaps and overlaps of a hand-drawn grid Shapefile', async () => {
    const plan = JSON.parse(readFileSync(join(dir, 'export', 'grids.geojson'), 'utf8')) as FeatureCollection;
    // One grid left out (a gap), one redrawn over its neighbour (an overlap): the second grid
    // takes the third's outline moved east by a fifth of its width.
    const [dropped, moved, neighbour, ...rest] = plan.features;
    void dropped;
    const ring = (neighbour!.geometry as Polygon).coordinates[0]!;
    const xs = ring.map((p) => p[0]!);
    const dx = (Math.max(...xs) - Math.min(...xs)) / 5;
    const bigger = { ...moved!, geometry: { type: 'Polygon', coordinates: [ring.map(([x, y]) => [x! + dx, y!])] } };
    rest.unshift(neighbour!);
    const src = join(dir, 'hand-drawn.geojson');
    writeFileSync(src, JSON.stringify({ type: 'FeatureCollection', features: [bigger, ...rest] }));
    const shp = join(dir, 'hand-drawn.shp');
    execFileSync('ogr2ogr', ['-f', 'ESRI Shapefile', '-lco', 'ENCODING=UTF-8', shp, src]);
    const r = await run([
      'district',
      'import',
      'grids',
      shp,
      '--district',
      '420111',
      '--code-field',
      'code',
      '--name-field',
      'name',
      '--dry-run',
    ]);
    expect(r.code).toBe(0);
    expect(r.report.reasons.overlap).toMatchObject({ kind: 'warning' });
    expect(r.report.reasons.gap_in_community).toMatchObject({ kind: 'warning' });
    expect(
      r.report.problems
        .filter((p: { reason: string }) => p.reason === 'overlap' || p.reason === 'gap_in_community')
        .every((p: { at?: unknown }) => Array.isArray(p.at)),
    ).toBe(true);
    expect(r.report.changes).toMatchObject({ removed: 1, geometryChanged: 1 });
  });

  describe('bad files leave the database as it was', () => {
    const bad = async (args: string[]): Promise<{ code: number; report: Report }> => {
      const before = await withDb(snapshot);
      const result = await run(args);
      expect(await withDb(snapshot)).toEqual(before);
      return result;
    };
    const write = (name: string, content: string | Uint8Array): string => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    };
    const communities = (): FeatureCollection => JSON.parse(readFileSync(files.communities, 'utf8')) as FeatureCollection;

    it('an empty layer: exit 2', async () => {
      const r = await bad([
        'district',
        'import',
        'communities',
        write('empty.geojson', '{"type":"FeatureCollection","features":[]}'),
        '--district',
        '420111',
      ]);
      expect(r.code).toBe(2);
    });

    it('lines where polygons are needed: exit 2', async () => {
      const r = await bad(['district', 'import', 'communities', files.roads, '--district', '420111']);
      expect(r.code).toBe(2);
    });

    it('some lines among polygons: exit 1, each rejected with its reason', async () => {
      const fc = communities();
      const roads = JSON.parse(readFileSync(files.roads, 'utf8')) as FeatureCollection;
      fc.features.push(...roads.features.slice(0, 3));
      const r = await bad([
        'district',
        'import',
        'communities',
        write('mixed.geojson', JSON.stringify(fc)),
        '--district',
        '420111',
        '--parent-field',
        '所属街道',
      ]);
      expect(r.code).toBe(1);
      expect(r.report).toMatchObject({ read: fc.features.length, rejected: 3, written: false });
      expect(
        Object.entries(r.report.reasons)
          .filter(([, e]) => (e as { kind: string }).kind === 'rejected')
          .reduce((n, [, e]) => n + (e as { count: number }).count, 0),
      ).toBe(3);
    });

    it('the wrong coordinate system (projected metres named as WGS84): refused, nothing written', async () => {
      const fc = communities();
      const shift = (c: unknown): unknown =>
        typeof (c as number[])[0] === 'number'
          ? [38_500_000 + (c as number[])[0]! * 1000, 3_377_000 + (c as number[])[1]! * 1000]
          : (c as unknown[]).map(shift);
      for (const f of fc.features)
        (f.geometry as Polygon).coordinates = shift((f.geometry as Polygon).coordinates) as Polygon['coordinates'];
      const r = await bad([
        'district',
        'import',
        'communities',
        write('projected.geojson', JSON.stringify(fc)),
        '--district',
        '420111',
        '--crs',
        'wgs84',
      ]);
      expect(r.code).toBeGreaterThan(0);
      if (r.code === 1) expect(r.report.rejected).toBe(fc.features.length);
    });

    it('duplicate codes: exit 1, duplicate_code', async () => {
      const fc = communities();
      fc.features.forEach((f, i) => (f.properties = { ...f.properties, 代码: i < 2 ? '420111002003' : `420111002${String(100 + i)}` }));
      const r = await bad([
        'district',
        'import',
        'communities',
        write('dupes.geojson', JSON.stringify(fc)),
        '--district',
        '420111',
        '--code-field',
        '代码',
      ]);
      expect(r.code).toBe(1);
      expect(r.report.reasons.duplicate_code).toMatchObject({ kind: 'rejected', count: 2 });
    });

    it('a file over the size limit: exit 2', async () => {
      const big = write('big.geojson', JSON.stringify({ type: 'FeatureCollection', features: [], pad: 'x'.repeat(2 * 2 ** 20) }));
      const r = await bad(['district', 'import', 'buildings', big, '--district', '420111', '--max-mb', '1']);
      expect(r.code).toBe(2);
    });

    it('a GBK file: its encoding detected; named wrongly as UTF-8, exit 2', async () => {
      const gbk = execFileSync('iconv', ['-f', 'utf-8', '-t', 'gbk'], { input: '楼栋编码,人数\nHS-NONE,3\n' });
      const file = write('gbk.csv', gbk);
      const detected = await bad([
        'district',
        'import',
        'registry',
        file,
        '--district',
        '420111',
        '--key-field',
        '楼栋编码',
        '--persons-field',
        '人数',
      ]);
      expect(detected.code).toBe(1);
      expect(detected.report).toMatchObject({ encoding: { name: 'gbk' }, reasons: { no_building: { count: 1 } } });
      const wrong = await bad([
        'district',
        'import',
        'registry',
        file,
        '--district',
        '420111',
        '--encoding',
        'utf-8',
        '--key-field',
        '楼栋编码',
      ]);
      expect(wrong.code).toBe(2);
    });

    it('a district that does not exist: exit 2', async () => {
      const r = await bad(['district', 'import', 'communities', files.communities, '--district', '420102']);
      expect(r.code).toBe(2);
    });
  });
});
