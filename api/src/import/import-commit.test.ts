/** Committing imports into the tiny fixture district, on both backends: all rows or none. */
import { epsgCrs, fromWgs84 } from '@gridatlas/core';
import { describe, expect, it } from 'vitest';
import type { Db } from '../db/db.types.js';
import { BACKENDS, openTestDatabase } from '../test/test-database.js';
import { importIncidents } from './import-incidents.js';
import { importTracks } from './import-tracks.js';

const csv = (rows: string[]) => ({
  name: 'incidents.csv',
  bytes: new TextEncoder().encode(['code,lng,lat,time,category', ...rows].join('\n')),
});
const ROWS = Array.from(
  { length: 25 },
  (_, i) => `IMP-${i},${(108.901 + i * 0.001).toFixed(3)},34.21,2025-05-${String(1 + (i % 28)).padStart(2, '0')} 10:00,环境卫生`,
);
const count = async (db: Db, sql: string): Promise<number> => (await db.query<{ n: number }>(sql)).rows[0]!.n;

/** A database whose Nth incidents INSERT inside a transaction fails (a crash mid-commit). */
function failingOnInsert(db: Db, failAt: number): Db {
  let inserts = 0;
  const wrap = (tx: Db): Db => ({
    ...tx,
    kind: tx.kind,
    query: (sql, params) => {
      if (/INSERT INTO incidents/.test(sql) && ++inserts === failAt) return Promise.reject(new Error('disk full (simulated)'));
      return tx.query(sql, params);
    },
    transaction: (fn) => tx.transaction((inner) => fn(wrap(inner))),
  });
  return {
    ...db,
    kind: db.kind,
    query: (s, p) => db.query(s, p),
    exec: (s) => db.exec(s),
    close: () => db.close(),
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
  };
}

describe.each(BACKENDS)('import commit on %s', (kind) => {
  it('writes accepted incidents with a reported transition and a batch record; a second run finds only duplicates', async () => {
    const t = await openTestDatabase(kind, 'seeded');
    try {
      const before = await count(t.db, 'SELECT count(*)::int AS n FROM incidents');
      const bad = ['IMP-X,108.95,34.21,2025-05-01 10:00,环境卫生', 'IMP-Y,108.905,34.21,never,环境卫生'];
      const report = await importIncidents(t.db, csv([...ROWS, ...bad]), {
        crs: 'wgs84',
        fields: { id: 'code' },
        importedBy: 'tester',
        batchRows: 10,
      });
      expect(report).toMatchObject({ dryRun: false, total: 27, accepted: 25, rejected: 2, reasons: { outside_district: 1, bad_time: 1 } });
      expect(report.batchId).toBeGreaterThan(0);

      const rows = await t.db.query<{ n: number; states: string[]; channel: string; batch: number }>(
        `SELECT count(*)::int AS n, array_agg(DISTINCT state) AS states, min(channel) AS channel, min(import_batch_id)::int AS batch
           FROM incidents WHERE code LIKE 'IMP-%'`,
      );
      expect(rows.rows[0]).toEqual({ n: 25, states: ['reported'], channel: '数据导入', batch: report.batchId });
      expect(
        await count(
          t.db,
          `SELECT count(*)::int AS n FROM incident_transitions tr JOIN incidents i ON i.id = tr.incident_id WHERE i.code LIKE 'IMP-%' AND tr.state = 'reported'`,
        ),
      ).toBe(25);
      const batch = await t.db.query(
        `SELECT kind, file_name, format, source_crs, imported_by, total, accepted, rejected, reasons FROM import_batches`,
      );
      expect(batch.rows).toEqual([
        {
          kind: 'incidents',
          file_name: 'incidents.csv',
          format: 'csv',
          source_crs: 'wgs84',
          imported_by: 'tester',
          total: 27,
          accepted: 25,
          rejected: 2,
          reasons: { outside_district: 1, bad_time: 1 },
        },
      ]);
      // Beijing 10:00 is 02:00 UTC.
      expect(
        await count(t.db, `SELECT count(*)::int AS n FROM incidents WHERE code = 'IMP-0' AND reported_at = '2025-05-01T02:00:00Z'`),
      ).toBe(1);

      const again = await importIncidents(t.db, csv(ROWS), { crs: 'wgs84', fields: { id: 'code' } });
      expect(again).toMatchObject({ accepted: 0, reasons: { duplicate_id: 25 } });
      const dry = await importIncidents(t.db, csv(['NEW-1,108.905,34.21,2025-05-01,环境卫生']), {
        crs: 'wgs84',
        fields: { id: 'code' },
        dryRun: true,
      });
      expect(dry).toMatchObject({ dryRun: true, accepted: 1, batchId: null });
      expect(await count(t.db, 'SELECT count(*)::int AS n FROM incidents')).toBe(before + 25);
    } finally {
      await t.close();
    }
  });

  it('leaves nothing behind when the commit fails part way', async () => {
    const t = await openTestDatabase(kind, 'seeded');
    try {
      const before = await count(t.db, 'SELECT count(*)::int AS n FROM incidents');
      // Batches of 10: the first two go in, the third fails.
      await expect(
        importIncidents(failingOnInsert(t.db, 3), csv(ROWS), { crs: 'wgs84', fields: { id: 'code' }, batchRows: 10 }),
      ).rejects.toThrow(/disk full/);
      expect(await count(t.db, 'SELECT count(*)::int AS n FROM incidents')).toBe(before);
      expect(await count(t.db, 'SELECT count(*)::int AS n FROM import_batches')).toBe(0);
      expect(await count(t.db, `SELECT count(*)::int AS n FROM incident_transitions WHERE actor_role = 'import'`)).toBe(0);
      // The same file then goes in whole.
      const report = await importIncidents(t.db, csv(ROWS), { crs: 'wgs84', fields: { id: 'code' }, batchRows: 10 });
      expect(report.accepted).toBe(25);
      expect(await count(t.db, 'SELECT count(*)::int AS n FROM incidents')).toBe(before + 25);
    } finally {
      await t.close();
    }
  });

  it('writes a KML import with the repairs made to its positions, and Gauss–Krüger positions where they belong', async () => {
    const t = await openTestDatabase(kind, 'seeded');
    try {
      // Placemarks with an altitude (Z dropped): KML was refused by the batch's format check before 0028.
      const placemark = (code: string, lng: number, lat: number) =>
        `<Placemark><name>${code}</name><ExtendedData><Data name="code"><value>${code}</value></Data><Data name="time"><value>2025-05-02 08:00</value></Data></ExtendedData><Point><coordinates>${lng},${lat},35</coordinates></Point></Placemark>`;
      const kml = `<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>${placemark('K1', 108.905, 34.205)}${placemark('K2', 108.915, 34.215)}</Document></kml>`;
      const k = await importIncidents(t.db, { name: 'events.kml', bytes: new TextEncoder().encode(kml) }, { fields: { id: 'code' } });
      expect(k).toMatchObject({ format: 'kml', accepted: 2, repairs: { z_dropped: { count: 2, informational: true } } });
      const batch = await t.db.query(`SELECT format, source_crs, repairs FROM import_batches WHERE id = $1`, [k.batchId]);
      expect(batch.rows).toEqual([{ format: 'kml', source_crs: 'wgs84', repairs: { z_dropped: 2 } }]);

      // x/y in CGCS2000 3° zone 36 (EPSG:4524): stored in WGS84 within a centimetre (1e-7°) of where they were.
      const truth: [string, number, number][] = [
        ['G1', 108.90123, 34.20456],
        ['G2', 108.93789, 34.21987],
      ];
      const rows = truth.map(([code, lng, lat]) => `${code},${fromWgs84([lng, lat], epsgCrs(4524)!).join(',')},2025-05-03 08:00,环境卫生`);
      const g = await importIncidents(
        t.db,
        { name: 'gk.csv', bytes: new TextEncoder().encode(['code,x,y,time,category', ...rows].join('\n')) },
        { crs: 'EPSG:4524', fields: { id: 'code' } },
      );
      expect(g).toMatchObject({ accepted: 2, rejected: 0 });
      const stored = await t.db.query<{ code: string; x: number; y: number }>(
        `SELECT code, ST_X(location) AS x, ST_Y(location) AS y FROM incidents WHERE code LIKE 'G_' ORDER BY code`,
      );
      for (const [i, [code, lng, lat]] of truth.entries()) {
        expect(stored.rows[i]!.code).toBe(code);
        expect(Math.abs(stored.rows[i]!.x - lng)).toBeLessThan(1e-7);
        expect(Math.abs(stored.rows[i]!.y - lat)).toBeLessThan(1e-7);
      }
      expect((await t.db.query(`SELECT source_crs FROM import_batches WHERE id = $1`, [g.batchId])).rows).toEqual([
        { source_crs: 'EPSG:4524' },
      ]);
    } finally {
      await t.close();
    }
  });

  it('writes GPS tracks as LineStringM rows in the grid they run through', async () => {
    const t = await openTestDatabase(kind, 'seeded');
    try {
      const text = [
        'worker,lat,lng,time',
        '张伟,34.201,108.901,2025-06-10 09:00',
        '张伟,34.205,108.903,2025-06-10 09:10',
        '张伟,34.209,108.905,2025-06-10 09:05',
      ].join('\n');
      const report = await importTracks(t.db, { name: 'tracks.csv', bytes: new TextEncoder().encode(text) }, { crs: 'wgs84', fields: {} });
      expect(report).toMatchObject({ accepted: 3, tracks: 1, rejected: 0 });
      const r = await t.db.query<{
        staff_id: number;
        grid_code: string;
        point_count: number;
        started_at: Date;
        ended_at: Date;
        wkt: string;
      }>(
        `SELECT staff_id, grid_code, point_count, started_at, ended_at, ST_AsText(geom) AS wkt FROM patrol_tracks WHERE import_batch_id = $1`,
        [report.batchId],
      );
      expect(r.rows).toHaveLength(1);
      const row = r.rows[0]!;
      expect(row).toMatchObject({ staff_id: 1, grid_code: '610198001001001', point_count: 3 });
      expect(row.started_at.toISOString()).toBe('2025-06-10T01:00:00.000Z');
      expect(row.ended_at.toISOString()).toBe('2025-06-10T01:10:00.000Z');
      // Sorted by time: the 09:05 fix comes second.
      expect(row.wkt).toMatch(/^LINESTRING M \(108\.901 34\.201 1749517200,108\.905 34\.209 1749517500,108\.903 34\.205 1749517800\)$/);
    } finally {
      await t.close();
    }
  });
});
