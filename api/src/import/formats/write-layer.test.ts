/** The writers: round trips through readLayer within 1 cm, and GDAL reading what they write. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, Geometry, Polygon } from 'geojson';
import { afterAll, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { maxVertexDistanceM } from './geometry-compare.fixture.js';
import {
  chinesePolygons,
  fixtureDir,
  gdalInfo,
  gdalInvalidCount,
  gdalRead,
  realGeojson,
  RUN_GDAL_TESTS,
  wuhanTiles,
} from './layer.fixture.js';
import { readLayer } from './read-layer.js';
import { writeGeojson } from './write-geojson.js';
import { writeShapefile } from './write-shapefile.js';
import { writeXlsx } from './write-xlsx.js';

/** A grid with a hole (a school carved out) beside a two-part grid, Wuhan, WGS84. */
function grids(): Feature<Polygon | Geometry>[] {
  const sq = (x: number, y: number, d: number) => [
    [x, y],
    [x + d, y],
    [x + d, y + d],
    [x, y + d],
    [x, y],
  ];
  return [
    {
      type: 'Feature',
      properties: { 编码: '420111001001001', 名称: '洪山第一网格', 户数: 298, 面积: 12345.678, 专属: false },
      geometry: { type: 'Polygon', coordinates: [sq(114.3, 30.5, 0.004), sq(114.301, 30.501, 0.001).reverse()] },
    },
    {
      type: 'Feature',
      properties: { 编码: '420111001001002', 名称: '洪山第二网格（含飞地）', 户数: 301, 面积: 9876.5, 专属: true },
      geometry: { type: 'MultiPolygon', coordinates: [[sq(114.305, 30.5, 0.003)], [sq(114.31, 30.5, 0.001)]] },
    },
  ];
}

const within1cm = (written: Feature<Geometry | null>[], read: { features: Feature<Geometry | null>[] }) => {
  expect(read.features).toHaveLength(written.length);
  return Math.max(...read.features.map((f, i) => maxVertexDistanceM(f.geometry, written[i]!.geometry)));
};

describe('writeShapefile → readLayer', () => {
  it('round-trips grids with holes and parts within 1 cm in WGS84, CGCS2000 and Gauss–Krüger zones, Chinese attributes intact', async () => {
    const features = grids();
    for (const crs of ['wgs84', 'cgcs2000', 'EPSG:4526', 'EPSG:4547', 'EPSG:4497', 'EPSG:2383']) {
      for (const encoding of ['utf-8', 'gbk'] as const) {
        const { bytes, warnings } = writeShapefile(features, { crs, encoding, name: 'grids' });
        const layer = await readLayer({ name: 'grids.zip', bytes }, { expect: 'polygon' });
        expect(layer.encoding, `${crs} ${encoding}`).toEqual({ name: encoding, how: 'cpg' });
        expect(layer.crs.how).toBe('prj');
        expect(within1cm(features, layer), `${crs} ${encoding}`).toBeLessThan(0.01);
        expect(layer.features.map((f) => f.properties)).toEqual(features.map((f) => f.properties));
        expect(warnings).toEqual([]);
      }
    }
    const gk = await readLayer({ name: 'g.zip', bytes: writeShapefile(features, { crs: 'EPSG:4526' }).bytes });
    expect(gk.crs).toMatchObject({ id: 'EPSG:4526', name: 'CGCS2000 / 3-degree Gauss-Kruger zone 38' });
  });

  it('names GBK in the LDID too, so a GBK file that loses its .cpg still reads', async () => {
    const { bytes } = writeShapefile(grids(), { encoding: 'gbk', name: 'grids' });
    const files = unzipSync(bytes);
    expect(new TextDecoder().decode(files['grids.cpg'])).toBe('GBK');
    expect(files['grids.dbf']![29]).toBe(0x4d);
    delete files['grids.cpg'];
    const { zipSync } = await import('fflate');
    const layer = await readLayer({ name: 'grids.zip', bytes: zipSync(files) });
    expect(layer.encoding).toEqual({ name: 'gbk', how: 'ldid' });
    expect(layer.features[1]!.properties['名称']).toBe('洪山第二网格（含飞地）');
  });

  it('writes lines and points, shortens long field names uniquely and says so', async () => {
    const roads = wuhanTiles('roads')
      .slice(0, 50)
      .map((f) => ({ ...f, properties: { 道路名称及等级说明: f.properties?.kind, 道路名称及等级说明2: 1 } }));
    const { bytes, warnings } = writeShapefile(roads, { crs: 'EPSG:4547', encoding: 'gbk' });
    const lines = await readLayer({ name: 'r.zip', bytes }, { expect: 'line' });
    expect(within1cm(roads, lines)).toBeLessThan(0.01);
    expect(lines.fields.map((f) => f.name)).toEqual(['道路名称及', '道路名称_1']);
    expect(warnings.find((w) => w.code === 'field_renamed')?.count).toBe(2);
    const points: Feature<Geometry | null>[] = [
      { type: 'Feature', properties: { n: 1 }, geometry: { type: 'Point', coordinates: [114.3, 30.5] } },
      { type: 'Feature', properties: { n: 2 }, geometry: null },
    ];
    const read = await readLayer({ name: 'p.zip', bytes: writeShapefile(points, { crs: 'EPSG:4526' }).bytes });
    expect(read.features[1]!.geometry).toBeNull();
    expect(maxVertexDistanceM(read.features[0]!.geometry, points[0]!.geometry)).toBeLessThan(0.01);
    expect(() => writeShapefile([...points, roads[0]!])).toThrow(/mixes Point, LineString/);
    expect(() => writeShapefile(points, { crs: 'gcj02' })).toThrow(/\.prj cannot be written/);
  });

  it('round-trips the real SF block groups (multipart, islands) through GeoJSON and Shapefile', async () => {
    const sf = realGeojson('sf-blockgroups-2010.geojson').features.map((f) => ({
      ...f,
      properties: { id: f.properties!.ID ?? null, pop: f.properties!.Population ?? null },
    }));
    const shp = await readLayer({ name: 'sf.zip', bytes: writeShapefile(sf, { crs: 'EPSG:32610' }).bytes });
    expect(within1cm(sf, shp)).toBeLessThan(0.01);
    const json = await readLayer({ name: 'sf.geojson', bytes: writeGeojson(sf) });
    expect(within1cm(sf, json)).toBeLessThan(0.01);
  });
});

describe('writeGeojson and writeXlsx', () => {
  it('writes RFC 7946: shells counter-clockwise, holes clockwise, 8 decimals', () => {
    const doc = JSON.parse(new TextDecoder().decode(writeGeojson(grids()))) as { features: Feature<Polygon>[] };
    const ring = doc.features[0]!.geometry.coordinates;
    const area = (r: number[][]) =>
      r.reduce((a, p, i) => a + (r[(i + 1) % r.length]![0]! - p[0]!) * (r[(i + 1) % r.length]![1]! + p[1]!), 0);
    expect(area(ring[0]!)).toBeLessThan(0);
    expect(area(ring[1]!)).toBeGreaterThan(0);
    expect(doc.features[0]!.properties).toMatchObject({ 名称: '洪山第一网格' });
  });

  it('writes a grid table that reads back row for row', async () => {
    const rows = grids().map((f) => f.properties!);
    const bytes = await writeXlsx(rows, {
      sheet: '网格',
      columns: [
        { key: '编码', header: '编码' },
        { key: '名称', header: '名称' },
        { key: '户数', header: '户数', numFmt: '#,##0' },
        { key: '面积', header: '面积（平方米）', numFmt: '0.00' },
      ],
    });
    const layer = await readLayer({ name: 't.xlsx', bytes });
    expect(layer.layers).toEqual(['网格']);
    expect(layer.features.map((f) => f.properties)).toEqual(
      rows.map((r) => ({ 编码: r['编码'], 名称: r['名称'], 户数: r['户数'], '面积（平方米）': r['面积'] })),
    );
  });
});

describe.skipIf(!RUN_GDAL_TESTS)('GDAL reads what GridAtlas writes', () => {
  const { dir, dispose } = fixtureDir();
  afterAll(dispose);

  it('reads our Gauss–Krüger GBK and UTF-8 shapefiles: the EPSG code recognised, geometry valid, Chinese text and vertices as written', () => {
    const features = [
      ...grids(),
      ...chinesePolygons()
        .filter((f) => f.properties!['名称'] !== '汉南区')
        .map((f) => ({ ...f, properties: { 名称: f.properties!['名称'] } })),
    ];
    const source = join(dir, 'source.geojson');
    writeFileSync(source, JSON.stringify({ type: 'FeatureCollection', features }));
    const sourceInvalid = gdalInvalidCount(source, 'source');
    for (const [crs, code] of [
      ['EPSG:4526', 4526],
      ['EPSG:4547', 4547],
      ['cgcs2000', 4490],
      ['wgs84', 4326],
    ] as const) {
      for (const encoding of ['utf-8', 'gbk'] as const) {
        const path = join(dir, `grids-${code}-${encoding}.zip`);
        writeFileSync(path, writeShapefile(features, { crs, encoding, name: 'grids' }).bytes);
        expect(gdalInfo(path)).toMatch(new RegExp(`ID\\["EPSG",${code}\\]\\]\\s*$|ID\\["EPSG",${code}\\]\\]\\nData axis`, 'm'));
        // GEOS finds no more invalid shapes in ours than in the same features as GeoJSON (the web-map districts have self-intersections of their own).
        expect(gdalInvalidCount(path, 'grids'), `${crs} ${encoding}`).toBe(sourceInvalid);
        const gdal = gdalRead(path);
        expect(gdal.features.map((f) => f.properties!['名称'])).toEqual(features.map((f) => f.properties!['名称']));
        const worst = Math.max(...gdal.features.map((f, i) => maxVertexDistanceM(f.geometry, features[i]!.geometry)));
        expect(worst, `${crs} ${encoding}`).toBeLessThan(0.01);
      }
    }
  });
});
