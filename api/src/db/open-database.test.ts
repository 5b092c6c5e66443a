import { randomBytes } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { freePort } from '../test/pg-cluster.js';
import { adminQuery } from '../test/test-database.js';
import { DatabaseError, describeDatabaseUrl, isMissingPostgis } from './database-error.js';
import { openDatabase } from './open-database.js';

describe('openDatabase', () => {
  it('says which host and port it cannot reach, without the password', async () => {
    const port = await freePort();
    const error = await openDatabase({ databaseUrl: `postgres://atlas:s3cret-pw@127.0.0.1:${port}/atlas` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseError);
    expect((error as DatabaseError).reason).toBe('unreachable');
    expect((error as Error).message).toMatch(new RegExp(`^cannot connect to DATABASE_URL 127\\.0\\.0\\.1:${port}/atlas: ECONNREFUSED`));
    expect((error as Error).message).not.toContain('s3cret');
  });

  it('says PostGIS is missing when the database may not create it', async () => {
    const clusterUrl = inject('pgUrl');
    const suffix = randomBytes(4).toString('hex');
    const role = `nopostgis_${suffix}`;
    const database = `t_nopostgis_${suffix}`;
    // PostGIS is not a trusted extension: a role that is not superuser cannot create it.
    await adminQuery(clusterUrl, `CREATE ROLE ${role} LOGIN`);
    await adminQuery(clusterUrl, `CREATE DATABASE ${database} OWNER ${role}`);
    try {
      const u = new URL(clusterUrl);
      u.username = role;
      u.pathname = `/${database}`;
      const error = await openDatabase({ databaseUrl: u.toString() }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DatabaseError);
      expect((error as DatabaseError).reason).toBe('no_postgis');
      expect((error as Error).message).toMatch(
        new RegExp(`^the database at 127\\.0\\.0\\.1:\\d+/${database} has no PostGIS: install postgresql-15-postgis-3`),
      );
      expect((error as Error).message).toContain('CREATE EXTENSION postgis');
    } finally {
      await adminQuery(clusterUrl, `DROP DATABASE IF EXISTS ${database}`);
      await adminQuery(clusterUrl, `DROP ROLE IF EXISTS ${role}`);
    }
  });

  it('treats an empty DATABASE_URL as none and opens an embedded database', async () => {
    const db = await openDatabase({ databaseUrl: '', dataDir: 'memory://' });
    try {
      expect(db.kind).toBe('embedded');
      const r = await db.query<{ v: string }>('SELECT postgis_lib_version() AS v');
      expect(r.rows[0]?.v).toMatch(/^3\./);
    } finally {
      await db.close();
    }
  });
});

describe('database errors', () => {
  it('never prints credentials of a URL', () => {
    expect(describeDatabaseUrl('postgres://me:secret@db.example:5433/atlas')).toBe('db.example:5433/atlas');
    expect(describeDatabaseUrl('postgres://me:secret@db.example/atlas')).toBe('db.example:5432/atlas');
    expect(describeDatabaseUrl('not a url')).toBe('(unparsable URL)');
  });

  it('recognises a missing or forbidden PostGIS', () => {
    expect(isMissingPostgis({ code: '58P01', message: 'could not open extension control file' })).toBe(true);
    expect(isMissingPostgis({ code: '42501', message: 'permission denied to create extension "postgis"' })).toBe(true);
    expect(isMissingPostgis({ code: '08006', message: 'connection lost' })).toBe(false);
  });
});
