/** Every input format, dry-run against a hand-made district (no database needed). */
import { epsgCrs, fromWgs84, gcj02ToBd09, wgs84ToGcj02 } from '@gridatlas/core';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { rect } from '../test/tiny-district.fixture.js';
import { importIncidents, type IncidentContext } from './import-incidents.js';
import { importTracks, type TrackContext } from './import-tracks.js';
import { CGCS_GK_PRJ, dbf, pointShp, shapefileZip, WGS84_PRJ } from './formats/shapefile.fixture.js';

const district: IncidentContext = {
  districtCode: '610198',
  boundary: rect(108.9, 34.2, 108.94, 34.22),
  existingCodes: new Set(['SJ2025000001']),
  knownCategories: new Set(['环境卫生', '治安隐患']),
};
const bytes = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });
const wgs = { crs: 'wgs84', fields: {}, dryRun: true };

describe('incident import: rows and reasons', () => {
  it('reads a CSV with every date form and counts each rejection reason', async () => {
    const csv = [
      'id,lng,lat,time,category',
      'A1,108.905,34.205,2020-12-11T23:45:00+08:00,环境卫生',
      'A2,108.906,34.206,2020/12/11 23:45,治安隐患',
      'A3,108.907,34.207,12/11/2020 11:45:00 PM,噪音',
      'A4,108.908,34.208,2020-12-11,',
      'A5,,34.208,2020-12-11,环境卫生',
      'A6,abc,34.208,2020-12-11,环境卫生',
      'A7,200,34.208,2020-12-11,环境卫生',
      'A8,108.5,34.208,2020-12-11,环境卫生',
      'A9,108.91,34.21,someday,环境卫生',
      'A10,108.91,34.21,,环境卫生',
      'A1,108.91,34.21,2020-12-12,环境卫生',
      'SJ2025000001,108.91,34.21,2020-12-12,环境卫生',
    ].join('\n');
    const report = await importIncidents(null, bytes('a.csv', csv), { ...wgs, fields: { id: 'id' }, defaultCategory: '其他' }, district);
    expect(report).toMatchObject({
      format: 'csv',
      total: 12,
      accepted: 4,
      rejected: 8,
      reasons: {
        missing_coordinates: 1,
        bad_coordinates: 1,
        out_of_range: 1,
        outside_district: 1,
        bad_time: 1,
        missing_time: 1,
        duplicate_id: 2,
      },
      fields: { lng: 'lng', lat: 'lat', time: 'time', category: 'category', id: 'id' },
      // Three forms of 2020-12-11 23:45 Beijing, and midnight of the 11th.
      timeRange: { from: '2020-12-10T16:00:00.000Z', to: '2020-12-11T15:45:00.000Z' },
    });
    expect(report.sample.map((s) => [s.row, s.reason])).toEqual([
      [5, 'missing_coordinates'],
      [6, 'bad_coordinates'],
      [7, 'out_of_range'],
      [8, 'outside_district'],
      [9, 'bad_time'],
      [10, 'missing_time'],
      [11, 'duplicate_id'],
      [12, 'duplicate_id'],
    ]);
  });

  it('follows --time-format and rejects what does not match it', async () => {
    const csv = 'x,y,when\n108.905,34.205,11.12.2020 23:45\n108.905,34.205,2020-12-11 23:45\n';
    const report = await importIncidents(
      null,
      bytes('b.csv', csv),
      { ...wgs, fields: { lng: 'x', lat: 'y', time: 'when' }, timeFormat: 'DD.MM.YYYY HH:mm' },
      district,
    );
    expect(report).toMatchObject({ accepted: 1, reasons: { bad_time: 1 }, timeRange: { from: '2020-12-11T15:45:00.000Z' } });
  });

  it('converts GCJ-02 and BD-09 sources to WGS84 before the district check', async () => {
    // A point just inside the west edge: in GCJ-02 it reads ~500 m further east/north.
    const truth: [number, number] = [108.9003, 34.2003];
    const gcj = wgs84ToGcj02(truth);
    const bd = gcj02ToBd09(gcj);
    const csv = (p: number[]) => `lng,lat,time\n${p[0]},${p[1]},2021-01-01\n`;
    expect((await importIncidents(null, bytes('g.csv', csv(gcj)), { ...wgs, crs: 'gcj02' }, district)).accepted).toBe(1);
    expect((await importIncidents(null, bytes('b.csv', csv(bd)), { ...wgs, crs: 'bd09' }, district)).accepted).toBe(1);
    // Taken as WGS84, a point just outside the west edge converts to inside when named GCJ-02.
    const outside: [number, number] = [108.8985, 34.21];
    expect((await importIncidents(null, bytes('o.csv', csv(outside)), wgs, district)).reasons).toEqual({ outside_district: 1 });
    const shifted = wgs84ToGcj02([108.9005, 34.21]);
    expect((await importIncidents(null, bytes('s.csv', csv(shifted)), wgs, district)).accepted).toBe(1);
    expect((await importIncidents(null, bytes('s.csv', csv(shifted)), { ...wgs, crs: 'gcj02' }, district)).accepted).toBe(1);
  });

  it('reads GeoJSON points, taking the geometry when no coordinate fields are named', async () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [108.91, 34.21] },
          properties: { 时间: '2021-03-01 08:00', 类别: '环境卫生' },
        },
        { type: 'Feature', geometry: null, properties: { 时间: '2021-03-01 08:00' } },
        {
          type: 'Feature',
          geometry: {
            type: 'LineString',
            coordinates: [
              [108.91, 34.21],
              [108.92, 34.21],
            ],
          },
          properties: { 时间: '2021-03-01' },
        },
      ],
    };
    const report = await importIncidents(null, bytes('c.geojson', JSON.stringify(fc)), wgs, district);
    expect(report).toMatchObject({
      format: 'geojson',
      accepted: 1,
      reasons: { missing_coordinates: 1, wrong_type: 1 },
      fields: { time: '时间', category: '类别' },
    });
    expect(report.sample.find((r) => r.reason === 'wrong_type')).toMatchObject({ row: 3, detail: 'a LineString where a point is needed' });
  });

  it('reads the first sheet of an XLSX, Date cells included', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('事件');
    ws.addRow(['编号', '经度', '纬度', '上报时间', '事件类别']);
    ws.addRow(['X1', 108.905, 34.205, new Date('2021-05-01T02:00:00Z'), '环境卫生']);
    ws.addRow(['X2', '108.915', '34.215', '2021/05/02 10:00', '治安隐患']);
    ws.addRow(['X3', null, 34.215, '2021/05/02 10:00', '治安隐患']);
    const buffer = new Uint8Array(await wb.xlsx.writeBuffer());
    const report = await importIncidents(null, { name: 'd.xlsx', bytes: buffer }, { ...wgs, fields: { id: '编号' } }, district);
    expect(report).toMatchObject({
      format: 'xlsx',
      total: 3,
      accepted: 2,
      reasons: { missing_coordinates: 1 },
      fields: { lng: '经度', lat: '纬度', time: '上报时间', category: '事件类别' },
      timeRange: { from: '2021-05-01T02:00:00.000Z', to: '2021-05-02T02:00:00.000Z' },
    });
  });

  it('reads a zipped point shapefile, ignoring macOS junk; converts Gauss–Krüger points by their .prj; refuses a .prj it cannot read without coordinate fields', async () => {
    const fields = [
      { name: 'CASE_NO', type: 'C' as const, length: 12 },
      { name: 'TYPE', type: 'C' as const, length: 20 },
      { name: 'DATE', type: 'C' as const, length: 20 },
    ];
    const zip = shapefileZip({
      events: {
        shp: pointShp([[108.905, 34.205], [108.925, 34.215], null, [109.5, 34.5]]),
        dbf: dbf(fields, [
          ['S1', '环境卫生', '2022-01-01 09:00'],
          ['S2', '治安隐患', '2022-01-02 09:00'],
          ['S3', '环境卫生', '2022-01-03 09:00'],
          ['S4', '环境卫生', '2022-01-04 09:00'],
        ]),
        prj: WGS84_PRJ,
        cpg: 'UTF-8',
      },
    });
    const report = await importIncidents(
      null,
      { name: 'e.zip', bytes: zip },
      { ...wgs, fields: { time: 'DATE', category: 'TYPE', id: 'CASE_NO' } },
      district,
    );
    expect(report).toMatchObject({
      format: 'shp',
      total: 4,
      accepted: 2,
      reasons: { missing_coordinates: 1, outside_district: 1 },
      layers: { read: ['events'], skipped: [] },
    });

    // CGCS2000 3° CM 108E (EPSG:4545): the first point inside the district, the second 100 km east of it.
    const inside = fromWgs84([108.91, 34.21], epsgCrs(4545)!);
    const far = fromWgs84([110, 34.21], epsgCrs(4545)!);
    const projected = shapefileZip({
      gk: {
        shp: pointShp([inside, far]),
        dbf: dbf(fields, [
          ['P1', '环境卫生', '2022-01-01'],
          ['P2', '环境卫生', '2022-01-01'],
        ]),
        prj: CGCS_GK_PRJ,
      },
    });
    expect(await importIncidents(null, { name: 'p.zip', bytes: projected }, { ...wgs, fields: { time: 'DATE' } }, district)).toMatchObject({
      accepted: 1,
      reasons: { outside_district: 1 },
    });
    const unreadable = shapefileZip({
      gk: { shp: pointShp([inside]), dbf: dbf(fields, [['P1', '环境卫生', '2022-01-01']]), prj: 'PROJCS["Local grid",GEOGCS["unknown"]]' },
    });
    await expect(
      importIncidents(null, { name: 'u.zip', bytes: unreadable }, { ...wgs, fields: { time: 'DATE' } }, district),
    ).rejects.toThrow(/coordinate system GridAtlas cannot read \(gk: .*\); name longitude\/latitude fields/);
  });

  it('reads incidents from KML placemarks, their ExtendedData as fields', async () => {
    const placemark = (name: string, lng: number, lat: number) =>
      `<Placemark><name>${name}</name><ExtendedData><Data name="time"><value>2021-01-01 08:00</value></Data><Data name="category"><value>环境卫生</value></Data></ExtendedData><Point><coordinates>${lng},${lat}</coordinates></Point></Placemark>`;
    const kml = `<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>${placemark('甲', 108.905, 34.205)}${placemark('乙', 109.5, 34.5)}</Document></kml>`;
    const report = await importIncidents(null, bytes('events.kml', kml), wgs, district);
    expect(report).toMatchObject({
      format: 'kml',
      total: 2,
      accepted: 1,
      reasons: { outside_district: 1 },
      fields: { time: 'time', category: 'category' },
    });
  });

  it('rejects unknown categories when asked to', async () => {
    const csv = 'lng,lat,time,category\n108.905,34.205,2021-01-01,环境卫生\n108.905,34.205,2021-01-01,外星人\n108.905,34.205,2021-01-01,\n';
    const report = await importIncidents(null, bytes('u.csv', csv), { ...wgs, rejectUnknownCategory: true }, district);
    expect(report).toMatchObject({ accepted: 1, reasons: { unknown_category: 2 } });
  });

  it('decodes a GBK CSV when told the encoding', async () => {
    // "经度,纬度,时间" and a row, in GBK bytes.
    const gbk = Uint8Array.from([
      0xbe,
      0xad,
      0xb6,
      0xc8,
      0x2c,
      0xce,
      0xb3,
      0xb6,
      0xc8,
      0x2c,
      0xca,
      0xb1,
      0xbc,
      0xe4,
      0x0a,
      ...new TextEncoder().encode('108.905,34.205,2021-01-01\n'),
    ]);
    const report = await importIncidents(null, { name: 'gbk.csv', bytes: gbk }, { ...wgs, encoding: 'gbk' }, district);
    expect(report).toMatchObject({ accepted: 1, fields: { lng: '经度', lat: '纬度', time: '时间' } });
  });
});

describe('incident import: positions through the normalising step', () => {
  const feature = (coordinates: unknown, type = 'Point') => ({
    type: 'Feature',
    geometry: { type, coordinates },
    properties: { time: '2021-03-01 08:00' },
  });

  it('repairs what it can and counts each repair with a sample row; refuses swapped, projected and out-of-range positions by reason', async () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        feature([108.905, 34.205]),
        feature([108.906, 34.206, 412.5]),
        feature([[108.907, 34.207]], 'MultiPoint'),
        feature(
          [
            [108.908, 34.208],
            [108.908, 34.208],
          ],
          'MultiPoint',
        ),
        feature([[108.909, 34.209, 10]], 'MultiPoint'),
        feature(
          [
            [108.91, 34.21],
            [108.911, 34.211],
          ],
          'MultiPoint',
        ),
        feature([34.212, 108.912]),
        feature([512_345.6, 3_787_654.3]),
        feature([-200, 34.2]),
        feature(['108.9', '34.2']),
      ],
    };
    const report = await importIncidents(null, bytes('n.geojson', JSON.stringify(fc)), wgs, district);
    expect(report).toMatchObject({
      total: 10,
      accepted: 5,
      reasons: { wrong_type: 1, swapped_coordinates: 1, projected_coordinates: 1, out_of_range: 1, bad_coordinates: 1 },
      repairs: {
        z_dropped: { count: 2, informational: true, sample: { row: 2 } },
        single_part_multi: { count: 3, informational: true, sample: { row: 3, detail: 'a MultiPoint of one point: read as a Point' } },
        duplicate_vertices: { count: 1, sample: { row: 4, detail: '1 repeated point(s) removed' } },
      },
    });
    const detail = (reason: string) => report.sample.find((r) => r.reason === reason)?.detail;
    expect(detail('wrong_type')).toBe('a MultiPoint of 2 different points where one position is needed');
    expect(detail('swapped_coordinates')).toMatch(/look swapped/);
    expect(detail('projected_coordinates')).toMatch(/look projected \(x≈512346, y≈3787654\).*--crs/);
  });

  it('converts Gauss–Krüger x/y columns named by --crs before any range check; without it they are refused as projected', async () => {
    // CGCS2000 3° zone 36, CM 108°E, with the zone in the false easting (EPSG:4524): as a survey office writes them.
    const crs = epsgCrs(4524)!;
    const inside = fromWgs84([108.91, 34.21], crs);
    const outside = fromWgs84([108.95, 34.21], crs);
    expect(inside[0]).toBeGreaterThan(36_000_000);
    const csv = `x,y,time\n${inside[0]},${inside[1]},2021-01-01\n${outside[0]},${outside[1]},2021-01-01\n`;
    expect(await importIncidents(null, bytes('gk.csv', csv), { ...wgs, crs: 'EPSG:4524' }, district)).toMatchObject({
      total: 2,
      accepted: 1,
      reasons: { outside_district: 1 },
    });
    const unnamed = await importIncidents(null, bytes('gk.csv', csv), wgs, district);
    expect(unnamed).toMatchObject({ accepted: 0, reasons: { projected_coordinates: 2 } });
    expect(unnamed.sample[0]!.detail).toMatch(/give the coordinate system \(--crs\)/);
    // A proj4 string works as well as a code; a system nobody knows refuses the file.
    const proj4 = '+proj=tmerc +lat_0=0 +lon_0=108 +k=1 +x_0=36500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
    expect((await importIncidents(null, bytes('gk.csv', csv), { ...wgs, crs: proj4 }, district)).accepted).toBe(1);
    await expect(importIncidents(null, bytes('gk.csv', csv), { ...wgs, crs: 'EPSG:99999' }, district)).rejects.toThrow(
      /--crs: EPSG:99999 is not among the systems/,
    );
  });
});

const tracksContext: TrackContext = {
  districtCode: '610198',
  boundary: rect(108.9, 34.2, 108.94, 34.22),
  staff: new Map<string, number | null>([
    ['张伟', 1],
    ['1', 1],
    ['李娜', 2],
    ['2', 2],
  ]),
  grids: [
    { code: '610198001001001', geometry: rect(108.9, 34.2, 108.91, 34.22), bbox: [108.9, 34.2, 108.91, 34.22] },
    { code: '610198001002001', geometry: rect(108.92, 34.2, 108.94, 34.22), bbox: [108.92, 34.2, 108.94, 34.22] },
  ],
};

function gpx(name: string, points: [number, number, string][]): string {
  const pts = points.map(([lon, lat, t]) => `<trkpt lat="${lat}" lon="${lon}"><ele>400</ele><time>${t}</time></trkpt>`).join('\n');
  return `<?xml version="1.0"?><gpx version="1.1" creator="test"><trk><name>${name}</name><trkseg>\n${pts}\n</trkseg></trk></gpx>`;
}

describe('track import: grouping by worker and day', () => {
  it('reads Gauss–Krüger track fixes named by --crs', async () => {
    const crs = epsgCrs(4524)!;
    const fixes = [
      [108.901, 34.201, '09:00'],
      [108.905, 34.21, '09:05'],
    ] as const;
    const csv = ['worker,x,y,time', ...fixes.map(([lng, lat, t]) => `张伟,${fromWgs84([lng, lat], crs).join(',')},2025-06-03 ${t}`)].join(
      '\n',
    );
    const report = await importTracks(null, bytes('gk-tracks.csv', csv), { ...wgs, crs: 'EPSG:4524', fields: {} }, tracksContext);
    expect(report).toMatchObject({ total: 2, accepted: 2, tracks: 1, rejected: 0 });
    expect(await importTracks(null, bytes('gk-tracks.csv', csv), { ...wgs, fields: {} }, tracksContext)).toMatchObject({
      accepted: 0,
      reasons: { projected_coordinates: 2 },
    });
  });

  it('turns a GPX track into one LineStringM per worker and Beijing day', async () => {
    const file = gpx('张伟', [
      [108.901, 34.201, '2025-06-01T01:00:00Z'],
      [108.905, 34.21, '2025-06-01T01:05:00Z'],
      [108.909, 34.219, '2025-06-01T01:10:00Z'],
      // 17:00 UTC is 01:00 the next day in Beijing: a second track.
      [108.902, 34.202, '2025-06-01T17:00:00Z'],
      [108.903, 34.203, '2025-06-01T17:05:00Z'],
      [108.95, 34.203, '2025-06-01T17:06:00Z'],
      [108.903, 34.203, 'not a time'],
    ]);
    const report = await importTracks(null, bytes('walk.gpx', file), { ...wgs, fields: {} }, tracksContext);
    expect(report).toMatchObject({
      format: 'gpx',
      total: 7,
      accepted: 5,
      rejected: 2,
      tracks: 2,
      reasons: { outside_district: 1, bad_time: 1 },
      fields: { lng: 'lon', lat: 'lat', time: 'time', worker: 'worker' },
      timeRange: { from: '2025-06-01T01:00:00.000Z', to: '2025-06-01T17:05:00.000Z' },
    });
  });

  it('reads CSV tracks by worker name or id, and rejects unknown workers, lone fixes and points in no grid', async () => {
    const csv = [
      'worker,lat,lng,time',
      '张伟,34.201,108.901,2025-06-03 09:00',
      '1,34.202,108.902,2025-06-03 09:05',
      '李娜,34.205,108.925,2025-06-03 09:00',
      '李娜,34.206,108.926,2025-06-03 08:55',
      '王五,34.206,108.926,2025-06-03 09:00',
      ',34.206,108.926,2025-06-03 09:00',
      '2,34.206,108.926,2025-06-04 09:00',
      '1,34.21,108.915,2025-06-05 09:00',
      '1,34.211,108.916,2025-06-05 09:10',
    ].join('\n');
    const report = await importTracks(null, bytes('t.csv', csv), { ...wgs, fields: {} }, tracksContext);
    expect(report).toMatchObject({
      total: 9,
      accepted: 4,
      tracks: 2,
      reasons: { unknown_worker: 1, missing_worker: 1, too_few_points: 1, outside_grids: 2 },
    });
  });
});
