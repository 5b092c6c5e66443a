/**
 * The real San Francisco incidents (July–Dec 2012, four point shapefiles in a zip with macOS
 * junk and a polygon layer beside them), dry-run imported. Expected counts are computed here
 * independently of the importer: a few lines of dBASE reading over the same zip. The same
 * incidents as a CSV of Gauss–Krüger x/y columns are made by GDAL (ogr2ogr) at test time.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { rect } from '../test/tiny-district.fixture.js';
import { fixtureDir, RUN_GDAL_TESTS } from './formats/layer.fixture.js';
import { importIncidents, type IncidentContext } from './import-incidents.js';

const SF_ZIP = join(process.env.GRIDATLAS_REAL_DATA ?? join(import.meta.dirname, '../../../../shared/data/real'), 'sf-crime-2012.zip');

/** Every row of the four crime layers: id, lng, lat, date (YYYYMMDD), category. */
function independentRows(): { id: string; x: number; y: number; date: string; category: string }[] {
  const files = unzipSync(readFileSync(SF_ZIP), {
    filter: (f) => /Crime Events\/sf_\w+\.dbf$/.test(f.name) && !f.name.startsWith('__MACOSX'),
  });
  expect(Object.keys(files)).toHaveLength(4);
  const rows = [];
  for (const bytes of Object.values(files)) {
    const dv = new DataView(bytes.buffer, bytes.byteOffset);
    const [n, headerLen, recLen] = [dv.getUint32(4, true), dv.getUint16(8, true), dv.getUint16(10, true)];
    const cols: Record<string, [number, number]> = {};
    let offset = 1;
    for (let at = 32; bytes[at] !== 0x0d; at += 32) {
      const name = Buffer.from(bytes.subarray(at, at + 11))
        .toString('latin1')
        .replace(/\0.*$/, '');
      cols[name] = [offset, bytes[at + 16]!];
      offset += bytes[at + 16]!;
    }
    for (let i = 0; i < n; i++) {
      const rec = Buffer.from(bytes.subarray(headerLen + i * recLen, headerLen + (i + 1) * recLen));
      const get = (c: string): string => rec.toString('latin1', cols[c]![0], cols[c]![0] + cols[c]![1]).trim();
      rows.push({ id: get('IncidntNum'), x: Number(get('X')), y: Number(get('Y')), date: get('Date'), category: get('Category') });
    }
  }
  return rows;
}

const SF_BOX = rect(-122.52, 37.7, -122.35, 37.84);
const context = (boundary = SF_BOX): IncidentContext => ({
  districtCode: '000000',
  boundary,
  existingCodes: new Set(),
  knownCategories: new Set(),
});
const options = {
  crs: 'wgs84' as const,
  // The geometry is in California state-plane feet; X/Y carry longitude/latitude.
  fields: { lng: 'X', lat: 'Y', time: 'Date', category: 'Category', id: 'IncidntNum' },
  utcOffset: '-07:00',
  dryRun: true,
};

describe('import of the SF crime shapefiles (dry run)', () => {
  const rows = independentRows();

  it('reads every point layer, skips the junk and the polygon layer, and rejects repeated incident numbers', async () => {
    const distinct = new Set(rows.map((r) => r.id)).size;
    expect(rows).toHaveLength(13_472);
    expect(distinct).toBe(10_140);

    const t0 = performance.now();
    const report = await importIncidents(null, { path: SF_ZIP }, options, context());
    const seconds = (performance.now() - t0) / 1000;
    expect(report).toMatchObject({
      format: 'shp',
      total: rows.length,
      accepted: distinct,
      rejected: rows.length - distinct,
      reasons: { duplicate_id: rows.length - distinct },
      timeRange: { from: '2012-07-01T07:00:00.000Z', to: '2012-12-31T07:00:00.000Z' },
    });
    expect(report.layers).toEqual({ read: ['sf_cartheft', 'sf_drugs', 'sf_robbery', 'sf_vandalism'], skipped: ['SFCrime_blocks'] });
    expect(report.sample[0]).toMatchObject({ reason: 'duplicate_id' });
    expect(seconds).toBeLessThan(20);
  });

  it('accepts every row when codes are generated instead of taken from IncidntNum', async () => {
    const { id: _id, ...fields } = options.fields;
    const report = await importIncidents(null, { path: SF_ZIP }, { ...options, fields }, context());
    expect(report).toMatchObject({ total: 13_472, accepted: 13_472, rejected: 0, reasons: {} });
  });

  it('rejects the points outside a smaller district, counted before duplicates', async () => {
    const east = rect(-122.45, 37.7, -122.35, 37.84);
    const inside = rows.filter((r) => r.x >= -122.45);
    const distinctInside = new Set(inside.map((r) => r.id)).size;
    const report = await importIncidents(null, { path: SF_ZIP }, options, context(east));
    expect(report.reasons).toEqual({ outside_district: rows.length - inside.length, duplicate_id: inside.length - distinctInside });
    expect(report.accepted).toBe(distinctInside);
    expect(inside.length).toBeGreaterThan(5000);
    expect(rows.length - inside.length).toBeGreaterThan(1000);
  });

  it('maps unknown categories to a default and keeps known ones', async () => {
    const report = await importIncidents(
      null,
      { path: SF_ZIP },
      { ...options, categoryMap: { ROBBERY: '治安隐患', VANDALISM: '市政设施' }, defaultCategory: '其他', rejectUnknownCategory: false },
      context(),
    );
    expect(report.accepted).toBe(10_140);
    const strict = await importIncidents(
      null,
      { path: SF_ZIP },
      { ...options, categoryMap: { ROBBERY: '治安隐患' }, rejectUnknownCategory: true },
      context(),
    );
    const firstRobbery = new Map<string, string>();
    for (const r of rows) if (!firstRobbery.has(r.id)) firstRobbery.set(r.id, r.category);
    // Every row not mapped is unknown; of the robberies, repeats of an incident number are duplicates.
    const robberies = rows.filter((r) => r.category === 'ROBBERY');
    const robberyIds = new Set(robberies.map((r) => r.id)).size;
    expect(strict.reasons).toEqual({ unknown_category: rows.length - robberies.length, duplicate_id: robberies.length - robberyIds });
    expect(strict.accepted).toBe(robberyIds);
  });

  it('guesses X/Y as the longitude/latitude fields when none are named', async () => {
    const report = await importIncidents(null, { path: SF_ZIP }, { ...options, fields: { time: 'Date' } }, context());
    expect(report.fields).toMatchObject({ lng: 'X', lat: 'Y', time: 'Date', category: 'Category' });
    expect(report).toMatchObject({ accepted: 13_472, rejected: 0 });
  });
});

/**
 * A 3° Gauss–Krüger zone as a Chinese survey office lays one (transverse Mercator, scale 1, the
 * GRS80 ellipsoid of CGCS2000, no false northing), over San Francisco: central meridian 123°W,
 * the zone's number in the false easting as 3° zones carry it (41 = 123 / 3). x ≈ 41 550 000 m.
 */
const SF_GK = '+proj=tmerc +lat_0=0 +lon_0=-123 +k=1 +x_0=41500000 +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs';

describe.skipIf(!RUN_GDAL_TESTS)('import of the SF incidents as Gauss–Krüger x/y columns (CSV made by ogr2ogr)', () => {
  const rows = independentRows();
  const { dir, dispose } = fixtureDir('gridatlas-sf-gk-');
  afterAll(dispose);
  // The WGS84 rows as a CSV, then GDAL's reprojection of them: X/Y columns in metres, the rest kept.
  const wgs = join(dir, 'sf.csv');
  writeFileSync(wgs, ['id,lng,lat,date,category', ...rows.map((r) => `${r.id},${r.x},${r.y},${r.date},"${r.category}"`)].join('\n') + '\n');
  const gk = join(dir, 'sf-gk.csv');
  execFileSync(
    'ogr2ogr',
    [
      '-f',
      'CSV',
      gk,
      wgs,
      '-oo',
      'X_POSSIBLE_NAMES=lng',
      '-oo',
      'Y_POSSIBLE_NAMES=lat',
      '-s_srs',
      'EPSG:4326',
      '-t_srs',
      SF_GK,
      '-lco',
      'GEOMETRY=AS_XY',
      '-select',
      'id,date,category',
    ],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const gkOptions = { crs: SF_GK, fields: { lng: 'X', lat: 'Y', time: 'date', category: 'category' }, utcOffset: '-07:00', dryRun: true };

  it('is a file of metres: GDAL wrote x ≈ 41.5 million, y ≈ 4.2 million', () => {
    const [header, first] = readFileSync(gk, 'utf8').split('\n');
    expect(header).toBe('X,Y,id,date,category');
    const [x, y] = first!.split(',').map(Number);
    expect(x).toBeGreaterThan(41_500_000);
    expect(x).toBeLessThan(41_600_000);
    expect(y).toBeGreaterThan(4_100_000);
  });

  it('imports every row when --crs names the zone, converted before any range check', async () => {
    const report = await importIncidents(null, { path: gk }, gkOptions, context());
    expect(report).toMatchObject({
      format: 'csv',
      total: rows.length,
      accepted: rows.length,
      rejected: 0,
      timeRange: { from: '2012-07-01T07:00:00.000Z', to: '2012-12-31T07:00:00.000Z' },
    });
  });

  it('places each point where its longitude/latitude say: the same split by a boundary through the city as the WGS84 rows', async () => {
    const east = rect(-122.45, 37.7, -122.35, 37.84);
    const inside = rows.filter((r) => r.x >= -122.45).length;
    const report = await importIncidents(null, { path: gk }, gkOptions, context(east));
    expect(report.reasons).toEqual({ outside_district: rows.length - inside });
    expect(report.accepted).toBe(inside);
  });

  it('refuses every row as projected without --crs, saying to give it', async () => {
    const { crs: _crs, ...withoutCrs } = gkOptions;
    const report = await importIncidents(null, { path: gk }, withoutCrs, context());
    expect(report).toMatchObject({ accepted: 0, rejected: rows.length, reasons: { projected_coordinates: rows.length } });
    expect(report.sample[0]!.detail).toMatch(/coordinates look projected \(x≈415\d{5}, y≈4\d{6}\).*give the coordinate system \(--crs\)/);
  });
});
