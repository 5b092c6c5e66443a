/**
 * Round trip on both databases: the seeded tiny district is backed up, then erased and changed
 * (rows deleted, rows altered, a table added), restored, and every table compared with the
 * state before by row count and a checksum of its rows in primary-key order.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Db, DbKind } from '../db/db.types.js';
import { openDatabase, type DatabaseTarget } from '../db/open-database.js';
import { openPglite } from '../db/pglite.adapter.js';
import { tableChecksums, type TableChecksums } from '../test/table-checksums.js';
import { adminQuery, BACKENDS } from '../test/test-database.js';
import { dbUrl } from '../test/global-setup.js';
import { PG_BARE_TEMPLATE, PG_SEEDED_TEMPLATE } from '../test/test-templates.js';
import { backupDatabase, restoreDatabase } from './backup.js';
import { BackupError } from './backup.types.js';

async function withDb<T>(target: DatabaseTarget, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDatabase(target);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

const checksums = (target: DatabaseTarget): Promise<TableChecksums> => withDb(target, (db) => tableChecksums(db));

describe.each(BACKENDS)('backup and restore on %s', (kind: DbKind) => {
  let dir: string;
  const databases: string[] = [];
  /** A database holding the seeded tiny district (a new one per call). */
  const seeded = async (): Promise<DatabaseTarget> => {
    if (kind === 'embedded') {
      const dataDir = join(dir, `pglite-${randomBytes(4).toString('hex')}`);
      const pglite = await openPglite({ dataDir, loadDataDir: new Blob([new Uint8Array(readFileSync(inject('pgliteSeededDump')))]) });
      await pglite.close();
      return { dataDir };
    }
    return { databaseUrl: await pgDatabase(PG_SEEDED_TEMPLATE) };
  };
  const pgDatabase = async (template: string): Promise<string> => {
    const name = `b_${randomBytes(6).toString('hex')}`;
    await adminQuery(inject('pgUrl'), `CREATE DATABASE ${name} TEMPLATE ${template}`);
    databases.push(name);
    return dbUrl(inject('pgUrl'), name);
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gridatlas-backup-'));
  });
  afterAll(async () => {
    for (const name of databases) await adminQuery(inject('pgUrl'), `DROP DATABASE IF EXISTS ${name}`);
    rmSync(dir, { recursive: true, force: true });
  });

  it('restores every table exactly as it was backed up, replacing what changed since', { timeout: 600_000 }, async () => {
    const target = await seeded();
    const before = await checksums(target);
    expect(Object.keys(before).length).toBeGreaterThan(20);
    expect(before['public.buildings']!.rows).toBeGreaterThan(0);
    expect(before['public.grids']!.rows).toBeGreaterThan(0);

    const file = join(dir, `${kind}-1.backup`);
    const summary = await backupDatabase(target, file);
    expect(summary).toMatchObject({ kind, file, tables: Object.keys(before).length - 1 });
    expect(summary.bytes).toBeGreaterThan(1000);

    // Erase and change: a cascade through the district, edits, and a table that was not there.
    await withDb(target, async (db) => {
      await db.exec(`CREATE TABLE extra_since_backup (id int PRIMARY KEY); INSERT INTO extra_since_backup VALUES (1)`);
      await db.query(`UPDATE users SET display_name = display_name || ' (changed)'`);
      await db.exec('TRUNCATE regions, grids, buildings CASCADE');
    });
    const changed = await checksums(target);
    expect(changed['public.buildings']!.rows).toBe(0);
    expect(changed['public.extra_since_backup']).toBeDefined();

    // Without --force a database that holds tables is left alone.
    const refused = await restoreDatabase(target, file).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BackupError);
    expect((refused as BackupError).reason).toBe('not_empty');
    expect(await checksums(target)).toEqual(changed);

    const restored = await restoreDatabase(target, file, { force: true });
    expect(restored).toMatchObject({ kind, tables: summary.tables });
    expect(await checksums(target)).toEqual(before);

    // The restored database is whole: identities continue after the restored rows, PostGIS answers.
    await withDb(target, async (db) => {
      const valid = await db.query<{ ok: boolean }>(`SELECT bool_and(ST_IsValid(boundary)) AS ok FROM regions`);
      expect(valid.rows[0]!.ok).toBe(true);
      const max = (await db.query<{ m: number }>('SELECT coalesce(max(id), 0)::int AS m FROM plans')).rows[0]!.m;
      expect(max).toBeGreaterThan(0);
      const seq = await db.query<{ v: number }>(`SELECT nextval(pg_get_serial_sequence('plans', 'id'))::int AS v`);
      expect(seq.rows[0]!.v).toBeGreaterThan(max);
    });
  });

  it('restores into an empty database, and refuses what is not its own kind of backup', { timeout: 600_000 }, async () => {
    const source = await seeded();
    const before = await checksums(source);
    const file = join(dir, `${kind}-2.backup`);
    await backupDatabase(source, file);
    await expect(backupDatabase(source, file)).rejects.toMatchObject({ reason: 'exists' });

    const empty: DatabaseTarget =
      kind === 'embedded' ? { dataDir: join(dir, 'fresh', 'pglite') } : { databaseUrl: await pgDatabase(PG_BARE_TEMPLATE) };
    await restoreDatabase(empty, file);
    expect(await checksums(empty)).toEqual(before);

    const junk = join(dir, 'junk.backup');
    writeFileSync(junk, 'not a backup');
    await expect(restoreDatabase(source, junk, { force: true })).rejects.toMatchObject({ reason: 'bad_file' });
    const otherKind: DatabaseTarget =
      kind === 'embedded' ? { databaseUrl: 'postgres://nobody@127.0.0.1:1/none' } : { dataDir: join(dir, 'never') };
    await expect(restoreDatabase(otherKind, file, { force: true })).rejects.toThrow(/cannot be restored into/);
    expect(await checksums(source)).toEqual(before);
  });

  it('refuses while a server holds the database, and changes nothing', { timeout: 600_000 }, async () => {
    const target = await seeded();
    const file = join(dir, `${kind}-3.backup`);
    await backupDatabase(target, file);
    const held = await openDatabase(target);
    try {
      await held.query('SELECT 1');
      await expect(restoreDatabase(target, file, { force: true })).rejects.toMatchObject({ reason: 'busy' });
      if (kind === 'embedded') {
        // The embedded copy is only taken while no process writes the folder.
        await expect(backupDatabase(target, join(dir, 'held.backup'))).rejects.toThrow(/in use by process \d+/);
      }
    } finally {
      await held.close();
    }
  });
});
