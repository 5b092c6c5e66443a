/**
 * `gridatlas import incidents|tracks` end to end on an embedded database holding a district
 * whose boundary covers San Francisco, with the real SF crime shapefiles.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, openDatabase, type Db } from '@gridatlas/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './gridatlas.js';

const SF_ZIP = join(process.env.GRIDATLAS_REAL_DATA ?? join(import.meta.dirname, '../../../../shared/data/real'), 'sf-crime-2012.zip');
const SF_FIELDS = [
  '--lng-field',
  'X',
  '--lat-field',
  'Y',
  '--time-field',
  'Date',
  '--category-field',
  'Category',
  '--id-field',
  'IncidntNum',
  '--utc-offset=-07:00',
];

describe('gridatlas import', () => {
  let dir: string;
  let dataDir: string;
  const withDb = async <T>(fn: (db: Db) => Promise<T>): Promise<T> => {
    const db = await openDatabase({ dataDir });
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gridatlas-import-'));
    dataDir = join(dir, 'pglite');
    await withDb(async (db) => {
      await migrate(db);
      await db.query(`INSERT INTO districts (district_code, scale) VALUES ('990001', 'sf-test')`);
      await db.query(
        `INSERT INTO regions (district_code, code, level, name, boundary)
         VALUES ('990001', '990001', 'district', '旧金山', ST_MakeEnvelope(-122.52, 37.70, -122.35, 37.84, 4326))`,
      );
      await db.query(`INSERT INTO staff (district_code, name) VALUES ('990001', 'Harvey')`);
    });
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('dry-runs the SF crime zip, writing the JSON report, then commits it in one batch', async () => {
    const reportPath = join(dir, 'report.json');
    const dry = await main(['import', 'incidents', SF_ZIP, ...SF_FIELDS, '--dry-run', '--json', reportPath, '--data-dir', dataDir]);
    expect(dry).toBe(0);
    const report = JSON.parse(readFileSync(reportPath, 'utf8'));
    expect(report).toMatchObject({
      dryRun: true,
      total: 13_472,
      accepted: 10_140,
      rejected: 3_332,
      reasons: { duplicate_id: 3_332 },
      batchId: null,
    });
    expect(await withDb(async (db) => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM incidents')).rows[0]!.n)).toBe(0);

    const commit = await main(['import', 'incidents', SF_ZIP, ...SF_FIELDS, '--default-category', '其他', '--data-dir', dataDir]);
    expect(commit).toBe(0);
    const counts = await withDb(async (db) => {
      const i = await db.query<{ n: number; categories: number }>(
        `SELECT count(*)::int AS n, count(DISTINCT category)::int AS categories FROM incidents`,
      );
      const b = await db.query('SELECT kind, format, total, accepted, rejected, reasons FROM import_batches');
      return { ...i.rows[0], batches: b.rows };
    });
    expect(counts).toEqual({
      n: 10_140,
      categories: 1,
      batches: [{ kind: 'incidents', format: 'shp', total: 13_472, accepted: 10_140, rejected: 3_332, reasons: { duplicate_id: 3_332 } }],
    });
    // Again: every incident number is now taken.
    const again = join(dir, 'again.json');
    expect(await main(['import', 'incidents', SF_ZIP, ...SF_FIELDS, '--dry-run', '--json', again, '--data-dir', dataDir])).toBe(0);
    expect(JSON.parse(readFileSync(again, 'utf8'))).toMatchObject({ accepted: 0, reasons: { duplicate_id: 13_472 } });
  }, 120_000);

  it('dry-runs a GPX track and refuses bad options with exit code 2', async () => {
    const gpx = join(dir, 'walk.gpx');
    writeFileSync(
      gpx,
      `<gpx><trk><name>Harvey</name><trkseg><trkpt lat="37.77" lon="-122.42"><time>2012-07-01T10:00:00Z</time></trkpt>` +
        `<trkpt lat="37.771" lon="-122.421"><time>2012-07-01T10:05:00Z</time></trkpt><trkpt lat="37.9" lon="-122.421"><time>2012-07-01T10:06:00Z</time></trkpt></trkseg></trk></gpx>`,
    );
    const reportPath = join(dir, 'tracks.json');
    expect(await main(['import', 'tracks', gpx, '--dry-run', '--json', reportPath, '--data-dir', dataDir])).toBe(0);
    // The test district has no grids: the track is in none.
    expect(JSON.parse(readFileSync(reportPath, 'utf8'))).toMatchObject({
      total: 3,
      accepted: 0,
      reasons: { outside_district: 1, outside_grids: 2 },
    });

    expect(await main(['import', 'incidents', SF_ZIP, '--crs', 'mars', '--data-dir', dataDir])).toBe(2);
    expect(await main(['import', 'incidents', SF_ZIP, '--lng-field', 'X', '--data-dir', dataDir])).toBe(2);
    expect(await main(['import', 'incidents', join(dir, 'walk.gpx'), '--format', 'csv', '--data-dir', dataDir])).toBe(2);
  }, 120_000);
});
