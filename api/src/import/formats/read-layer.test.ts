/** readLayer and inspectLayer on files made from the real data by GDAL, good and bad. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { epsgCrs, fromWgs84, gcj02ToWgs84, mapGeometry, readOsmStreets } from '@gridatlas/core';
import ExcelJS from 'exceljs';
import type { Geometry } from 'geojson';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { FormatError } from './format-error.js';
import { maxVertexDistanceM } from './geometry-compare.fixture.js';
import {
  chinesePolygons,
  emptyShapefile,
  fixtureDir,
  gcj02Files,
  gdalRead,
  gkGbkShapefile,
  linesShapefile,
  REAL_DATA,
  RUN_GDAL_TESTS,
  twoLayerZip,
  wuhanTiles,
  zipBomb,
} from './layer.fixture.js';
import { inspectLayer, readLayer } from './read-layer.js';

const WUHAN: [number, number, number, number] = [113.7, 29.9, 115.1, 31.4];

/** The FormatError a promise rejects with. */
async function failure(p: Promise<unknown>): Promise<FormatError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FormatError);
  return error as FormatError;
}

describe.skipIf(!RUN_GDAL_TESTS)('readLayer on files made by GDAL from the real data', () => {
  const { dir, dispose } = fixtureDir();
  afterAll(dispose);

  it('reads a Gauss–Krüger GBK Shapefile without a .cpg: GBK detected, zone from the .prj, every vertex within 1 cm', async () => {
    const fx = gkGbkShapefile(dir, { cpg: false });
    for (const input of [{ path: fx.zip }, { path: fx.shp }, { name: 'communities.zip', bytes: readFileSync(fx.zip) }]) {
      const layer = await readLayer(input, { expect: 'polygon' });
      expect(layer).toMatchObject({
        format: 'shp',
        layers: ['communities'],
        encoding: { name: 'gbk', how: 'detected' },
        crs: { id: 'EPSG:4526', how: 'prj' },
        featureCount: 13,
      });
      expect(layer.fields.map((f) => f.name)).toEqual(['名称', '代码', '备注']);
      expect(layer.features.map((f) => f.properties['名称'])).toEqual(fx.features.map((f) => f.properties!['名称']));
      expect(layer.features[0]!.properties['备注']).toBe(`${fx.features[0]!.properties!['名称']}（武汉市）`);
      // 汉南区's parts nest in the web-map data: compare rings, whatever polygon they fall in.
      const worst = Math.max(
        ...layer.features.map((f, i) => maxVertexDistanceM(f.geometry, fx.features[i]!.geometry, { ringsOnly: true })),
      );
      expect(worst).toBeLessThan(0.01);
    }
  });

  it('takes the .cpg when there is one, and refuses an encoding the text is not in', async () => {
    const fx = gkGbkShapefile(dir, { name: 'with-cpg' });
    expect((await readLayer({ path: fx.zip })).encoding).toEqual({ name: 'gbk', how: 'cpg' });
    const given = await readLayer({ path: fx.zip }, { encoding: 'gb18030' });
    expect(given.encoding).toEqual({ name: 'gb18030', how: 'given' });
    const wrong = await failure(readLayer({ path: fx.zip }, { encoding: 'utf-8' }));
    expect(wrong.code).toBe('bad_encoding');
    expect(wrong.message).toMatch(/not valid utf-8.*--encoding gbk/);
    // A .cpg that lies is caught the same way.
    const lying = gkGbkShapefile(dir, { name: 'lying', cpg: false });
    writeFileSync(lying.shp.replace(/\.shp$/, '.cpg'), 'UTF-8');
    expect((await failure(readLayer({ path: lying.shp }))).message).toMatch(/the \.cpg says utf-8.*--encoding gbk/);
  });

  it('places a file without a .prj from its zone prefix, or from the district when the prefix is missing', async () => {
    const prefixed = gkGbkShapefile(dir, { name: 'noprj', prj: false });
    const layer = await readLayer({ path: prefixed.zip });
    expect(layer.crs).toMatchObject({ id: 'EPSG:4526', how: 'detected' });
    expect(layer.warnings.map((w) => w.code)).toContain('no_prj');
    expect(maxVertexDistanceM(layer.features[3]!.geometry, prefixed.features[3]!.geometry)).toBeLessThan(0.01);

    const bare = gkGbkShapefile(dir, { name: 'noprj-cm', prj: false, crs: 'EPSG:4547' });
    const error = await failure(readLayer({ path: bare.zip }));
    expect(error.code).toBe('unknown_crs');
    expect(error.message).toMatch(/no \.prj and the coordinates are not degrees.*without a zone number.*--crs EPSG:n/);
    expect((error.details?.candidates as { id: string }[]).map((c) => c.id)).toContain('EPSG:4547');
    const hinted = await readLayer({ path: bare.zip }, { crsHint: WUHAN });
    expect(hinted.crs).toMatchObject({ id: 'EPSG:4547', how: 'detected' });
    const wrong = await failure(readLayer({ path: bare.zip }, { crs: 'wgs84' }));
    expect(wrong.code).toBe('unknown_crs');
    expect(wrong.message).toMatch(/no position of the layer fits WGS 84 \(given\).*--crs/);
    const given = await readLayer({ path: bare.zip }, { crs: 'EPSG:4547' });
    expect(given.crs.how).toBe('given');
    expect(maxVertexDistanceM(given.features[0]!.geometry, bare.features[0]!.geometry)).toBeLessThan(0.01);
  });

  it('suspects GCJ-02 in a web-map GeoJSON and KML against the district’s own streets, and undoes it when told', async () => {
    const { geojson, kml, truth } = gcj02Files(dir);
    const reference = wuhanTiles('roads');
    for (const path of [geojson, kml]) {
      const asGiven = await readLayer({ path }, { reference });
      expect(asGiven.crs).toMatchObject({ id: 'EPSG:4326', how: 'default', gcj02Suspected: true });
      expect(asGiven.warnings.find((w) => w.code === 'gcj02_suspected')?.message).toMatch(/--crs gcj02/);
      const undone = await readLayer({ path }, { crs: 'gcj02', reference });
      expect(undone.crs).toEqual({ id: 'gcj02', name: expect.any(String), how: 'given', accuracy: expect.any(String) });
      const worst = Math.max(...undone.features.map((f, i) => maxVertexDistanceM(f.geometry, truth[i]!.geometry as Geometry)));
      // GCJ-02 inverted to ~1e-7°, the KML written to 1e-7° by GDAL... within a few centimetres.
      expect(worst).toBeLessThan(0.05);
    }
    // The real, unshifted buildings are not suspected.
    const real = await readLayer({ path: join(REAL_DATA, 'wuhan-hongshan-osm-tiles.geojson') }, { reference });
    expect(real.crs.gcj02Suspected).toBeUndefined();
  });

  it('lists the layers of a zip with junk, reads the one chosen, and reports files it did not read', async () => {
    const zip = twoLayerZip(dir);
    const error = await failure(readLayer({ path: zip }));
    expect(error.code).toBe('several_layers');
    expect(error.details?.layers).toEqual(['communities', 'roads']);
    const roads = await readLayer({ path: zip }, { layer: 'roads', expect: 'line' });
    expect(roads.featureCount).toBe(wuhanTiles('roads').length);
    expect(roads.encoding).toEqual({ name: 'utf-8', how: 'cpg' });
    const other = roads.warnings.find((w) => w.code === 'zip_other_files');
    expect(other).toMatchObject({ count: 1, sample: ['数据/readme.txt'] });
    expect(JSON.stringify(roads.warnings)).not.toMatch(/MACOSX|DS_Store/);
    expect((await failure(readLayer({ path: zip }, { layer: 'grids' }))).code).toBe('no_layer');
  });

  it('reads OpenStreetMap XML as its street lines, counting every way left out by reason (Shanghai roads)', async () => {
    // The real extract holds street ways only: add a building, a footway and a way whose nodes are
    // not in the file, made from its own nodes, so that every kind of way left out is seen.
    const real = readFileSync(join(REAL_DATA, 'shanghai-peoples-square-roads.osm'), 'utf8');
    const [a, b, c] = [...real.matchAll(/<node id="(\d+)"/g)].slice(0, 3).map((m) => m[1]);
    const extra = [
      `<way id="900000001"><nd ref="${a}"/><nd ref="${b}"/><nd ref="${c}"/><nd ref="${a}"/><tag k="building" v="yes"/></way>`,
      `<way id="900000002"><nd ref="${a}"/><nd ref="${b}"/><tag k="highway" v="footway"/></way>`,
      `<way id="900000003"><nd ref="1"/><nd ref="2"/><tag k="highway" v="residential"/></way>`,
    ].join('');
    const path = join(dir, 'shanghai-messy.osm');
    writeFileSync(path, real.replace('</osm>', `${extra}</osm>`));
    const osm = readOsmStreets(readFileSync(path, 'utf8'));
    expect(osm.report.dropped).toMatchObject({ 'not-highway': 1, path: 1, 'too-few-nodes': 1 });
    const read = await readLayer({ path }, { expect: 'line' });
    expect(read.format).toBe('osm');
    expect(read.crs).toMatchObject({ id: 'EPSG:4326', how: 'default' });
    // Every street line core reads, with its way id and class as fields; nothing else.
    expect(read.featureCount).toBe(osm.streets.length);
    expect(read.features.map((f) => f.properties.id)).toEqual(osm.streets.map((s) => `way/${s.properties.id}`));
    expect(read.features.every((f) => typeof f.properties.highway === 'string' && f.geometry?.type === 'LineString')).toBe(true);
    // Ways read + ways left out = ways in the file: each reason a warning with its count.
    const left = read.warnings.filter((w) => /^osm_(not_highway|not_street_class|path|area|too_few_nodes)$/.test(w.code));
    expect(osm.report.kept + left.reduce((n, w) => n + w.count, 0)).toBe(osm.report.ways);
    for (const [reason, n] of Object.entries(osm.report.dropped))
      expect(left.find((w) => w.code === `osm_${reason.replace(/-/g, '_')}`)?.count ?? 0).toBe(n);
    expect(left.find((w) => w.code === 'osm_not_highway')).toMatchObject({ count: 1, sample: ['way/900000001'] });
    const notOsm = join(dir, 'not-osm.osm');
    writeFileSync(notOsm, '<?xml version="1.0"?><gpx></gpx>');
    expect((await failure(readLayer({ path: notOsm }))).code).toBe('unreadable');
  });

  it('refuses lines where polygons are needed, and an empty layer', async () => {
    const lines = await failure(readLayer({ path: linesShapefile(dir) }, { expect: 'polygon' }));
    expect(lines.code).toBe('wrong_geometry');
    expect(lines.message).toMatch(/polygons are needed, but the layer holds LineString \d+/);
    expect((await failure(readLayer({ path: emptyShapefile(dir) }))).code).toBe('empty_layer');
  });

  it('reads shells, holes and parts as GDAL does (SF block groups, one of them multipart)', async () => {
    const src = join(REAL_DATA, 'sf-blockgroups-2010.geojson');
    const shp = join(dir, 'blockgroups.shp');
    const { execFileSync } = await import('node:child_process');
    execFileSync('ogr2ogr', ['-f', 'ESRI Shapefile', '-t_srs', 'EPSG:32610', shp, src]);
    const ours = await readLayer({ path: shp });
    const gdal = gdalRead(shp);
    expect(ours.crs.id).toBe('EPSG:32610');
    expect(ours.featureCount).toBe(gdal.features.length);
    let worst = 0;
    ours.features.forEach((f, i) => (worst = Math.max(worst, maxVertexDistanceM(f.geometry, gdal.features[i]!.geometry))));
    expect(worst).toBeLessThan(0.01);
    expect(ours.features.some((f) => f.geometry?.type === 'MultiPolygon')).toBe(true);

    // A grid with a school carved out and an exclave: the hole stays in its shell, the exclave a part.
    const sq = (x: number, y: number, d: number) => [
      [x, y],
      [x + d, y],
      [x + d, y + d],
      [x, y + d],
      [x, y],
    ];
    const holed = {
      type: 'MultiPolygon' as const,
      coordinates: [[sq(114.3, 30.5, 0.004), sq(114.301, 30.501, 0.001).reverse()], [sq(114.31, 30.5, 0.001)]],
    };
    writeFileSync(
      join(dir, 'holed.geojson'),
      JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: holed }] }),
    );
    execFileSync('ogr2ogr', ['-f', 'ESRI Shapefile', '-t_srs', 'EPSG:4526', join(dir, 'holed.shp'), join(dir, 'holed.geojson')]);
    const read = await readLayer({ path: join(dir, 'holed.shp') });
    expect(read.features[0]!.geometry).toMatchObject({ type: 'MultiPolygon', coordinates: [{ length: 2 }, { length: 1 }] });
    expect(maxVertexDistanceM(read.features[0]!.geometry, holed)).toBeLessThan(0.01);
    expect(read.warnings).toEqual([]);
  });

  it('drops Z values with a count, and previews a layer from its header and first rows', async () => {
    const src = join(dir, 'z.geojson');
    writeFileSync(src, JSON.stringify({ type: 'FeatureCollection', features: chinesePolygons().slice(0, 3) }));
    const shp = join(dir, 'z.shp');
    const { execFileSync } = await import('node:child_process');
    execFileSync('ogr2ogr', ['-f', 'ESRI Shapefile', '-dim', 'XYZ', '-lco', 'ENCODING=UTF-8', shp, src]);
    const z = await readLayer({ path: shp });
    expect(z.warnings.find((w) => w.code === 'zm_dropped')?.count).toBe(3);

    const fx = gkGbkShapefile(dir, { name: 'preview', cpg: false });
    const preview = await inspectLayer({ path: fx.zip });
    expect(preview).toMatchObject({ format: 'shp', featureCount: 13, encoding: { name: 'gbk' }, crs: { id: 'EPSG:4526' } });
    expect(preview.rows).toHaveLength(10);
    expect(preview.rows[0]!.properties['名称']).toBe(fx.features[0]!.properties!['名称']);
    const [w, s, e, n] = preview.bbox!;
    expect(w).toBeGreaterThan(113.6);
    expect(e).toBeLessThan(115.2);
    expect(s).toBeGreaterThan(29.9);
    expect(n).toBeLessThan(31.5);
  });
});

describe('readLayer limits and tables', () => {
  it('refuses a file over the size limit and a zip bomb, naming the limit', async () => {
    const big = { name: 'big.geojson', bytes: new Uint8Array(2 << 20).fill(0x20) };
    const tooLarge = await failure(readLayer(big, { maxBytes: 1 << 20 }));
    expect(tooLarge.code).toBe('too_large');
    expect(tooLarge.message).toMatch(/2 MiB, more than the 1 MiB allowed/);
    const bomb = await failure(readLayer({ name: 'bomb.zip', bytes: zipBomb() }));
    expect(bomb.code).toBe('zip_bomb');
    expect(bomb.message).toMatch(/big\.csv unpacks to more than the 1000 bytes it declares/);
  });

  it('refuses an empty GeoJSON and stops when cancelled', async () => {
    const empty = { name: 'e.geojson', bytes: new TextEncoder().encode('{"type":"FeatureCollection","features":[]}') };
    expect((await failure(readLayer(empty))).code).toBe('empty_layer');
    const controller = new AbortController();
    controller.abort();
    await expect(readLayer({ path: join(REAL_DATA, 'wuhan-districts-echarts.geojson') }, { signal: controller.signal })).rejects.toThrow(
      /abort/i,
    );
  });

  it('honours a GeoJSON’s legacy crs member', async () => {
    const p = fromWgs84([114.3, 30.5], epsgCrs(4526)!);
    const doc = {
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4526' } },
      features: [{ type: 'Feature', properties: { 名称: '点' }, geometry: { type: 'Point', coordinates: p } }],
    };
    const layer = await readLayer({ name: 'gk.geojson', bytes: new TextEncoder().encode(JSON.stringify(doc)) });
    expect(layer.crs).toMatchObject({ id: 'EPSG:4526', how: 'prj' });
    const [lng, lat] = (layer.features[0]!.geometry as { coordinates: number[] }).coordinates;
    expect(lng).toBeCloseTo(114.3, 9);
    expect(lat).toBeCloseTo(30.5, 9);
  });

  it('detects a GBK CSV, takes its coordinate fields, and counts rows without coordinates', async () => {
    const csv = iconv.encode('名称,经度,纬度,户数\n甲楼,114.30,30.50,120\n乙楼,,30.51,80\n丙楼,114.32,30.52,95\n', 'gbk');
    const layer = await readLayer({ name: 'buildings.csv', bytes: new Uint8Array(csv) }, { expect: 'point' });
    expect(layer).toMatchObject({ format: 'csv', encoding: { name: 'gbk', how: 'detected' }, crs: { id: 'EPSG:4326' }, featureCount: 3 });
    expect(layer.fields).toEqual([
      { name: '名称', type: 'string' },
      { name: '经度', type: 'number' },
      { name: '纬度', type: 'number' },
      { name: '户数', type: 'integer' },
    ]);
    expect(layer.features[1]!.geometry).toBeNull();
    expect(layer.warnings).toContainEqual(expect.objectContaining({ code: 'no_coordinates', count: 1, sample: [2] }));
    expect(layer.warnings).toContainEqual(expect.objectContaining({ code: 'unexpected_geometry', count: 1 }));
    const preview = await inspectLayer({ name: 'buildings.csv', bytes: new Uint8Array(csv) });
    expect(preview).toMatchObject({ featureCount: 3, bbox: [114.3, 30.5, 114.32, 30.52] });
    // A registry without coordinates: the first rows, and a count that parses nothing (a quoted line break is one row).
    const registry = iconv.encode('楼栋编码,户数,备注\nB1,3,"两行\n备注"\n\nB2,4,\n' + 'B3,5,x\n'.repeat(30), 'gbk');
    const rp = await inspectLayer({ name: 'r.csv', bytes: new Uint8Array(registry) });
    expect(rp).toMatchObject({ featureCount: 32, bbox: null });
    expect(rp.rows).toHaveLength(10);
    expect((await readLayer({ name: 'r.csv', bytes: new Uint8Array(registry) })).featureCount).toBe(32);
    const wrong = await failure(readLayer({ name: 'b.csv', bytes: new Uint8Array(csv) }, { encoding: 'utf-8' }));
    expect(wrong.message).toMatch(/not valid utf-8; it reads as gbk/);
  });

  it('reads Gauss–Krüger x/y columns of a CSV when the district places them', async () => {
    const rows = [
      [114.3, 30.5],
      [114.31, 30.52],
    ].map((p) => fromWgs84(p, epsgCrs(4547)!));
    const csv = `code;x;y\nB1;${rows[0]![0]};${rows[0]![1]}\nB2;${rows[1]![0]};${rows[1]![1]}\n`;
    const layer = await readLayer({ name: 'gk.csv', bytes: new TextEncoder().encode(csv) }, { crsHint: WUHAN });
    expect(layer.crs).toMatchObject({ id: 'EPSG:4547', how: 'detected' });
    expect((layer.features[1]!.geometry as { coordinates: number[] }).coordinates[1]).toBeCloseTo(30.52, 9);
  });

  it('reads a registry XLSX as rows without geometry, the first sheet unless told, others reported', async () => {
    const wb = new ExcelJS.Workbook();
    const reg = wb.addWorksheet('实有人口');
    reg.addRow(['楼栋编码', '户数', '人数', '登记日期']);
    reg.addRow(['420111001001-001', 12, 30, new Date('2024-05-01')]);
    reg.addRow(['420111001001-002', 8, 21, new Date('2024-05-02')]);
    wb.addWorksheet('说明').addRow(['注']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const layer = await readLayer({ name: 'registry.xlsx', bytes });
    expect(layer).toMatchObject({ format: 'xlsx', layers: ['实有人口', '说明'], layer: '实有人口', encoding: null, featureCount: 2 });
    expect(layer.fields).toEqual([
      { name: '楼栋编码', type: 'string' },
      { name: '户数', type: 'integer' },
      { name: '人数', type: 'integer' },
      { name: '登记日期', type: 'date' },
    ]);
    expect(layer.features.every((f) => f.geometry === null)).toBe(true);
    expect(layer.warnings.map((w) => w.code)).toEqual(['other_sheets']);
    expect((await failure(readLayer({ name: 'registry.xlsx', bytes }, { expect: 'point' }))).code).toBe('wrong_geometry');
    // The preview counts the rows from the sheet's dimension, without reading them.
    const preview = await inspectLayer({ name: 'registry.xlsx', bytes });
    expect(preview).toMatchObject({ featureCount: 2, bbox: null, layer: '实有人口' });
    expect(preview.rows.map((r) => r.properties['楼栋编码'])).toEqual(['420111001001-001', '420111001001-002']);
    expect((await failure(inspectLayer({ name: 'registry.xlsx', bytes }, { layer: '说明' }))).code).toBe('empty_layer');
  });

  it('converts each web-map system it is told of (GCJ-02 real coordinates)', async () => {
    const truth = wuhanTiles('buildings').slice(0, 20);
    const shifted = truth.map((f) => ({ ...f, geometry: mapGeometry(f.geometry, (p) => gcj02ToWgs84(p) && [p[0]! + 0, p[1]! + 0]) }));
    const layer = await readLayer(
      { name: 'b.geojson', bytes: new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features: shifted })) },
      { crs: 'wgs84' },
    );
    expect(layer.features).toHaveLength(20);
    expect(maxVertexDistanceM(layer.features[0]!.geometry, truth[0]!.geometry)).toBeLessThan(1e-6);
  });
});
