import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../test/test-database.js';
import { DatabaseError } from './database-error.js';
import { afterCommit, checksumOf, loadMigrations, migrate } from './migrate.js';

describe.each(BACKENDS)('migrate on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind, 'bare');
  });
  afterAll(() => t?.close());

  it('applies every migration once, then is a no-op', async () => {
    const all = loadMigrations();
    const first = await migrate(t.db);
    expect(first.applied).toEqual(all.map((m) => m.version));
    const second = await migrate(t.db);
    expect(second.applied).toEqual([]);
    const rows = await t.db.query<{ version: number; checksum: string }>(
      'SELECT version, checksum FROM schema_migrations ORDER BY version',
    );
    expect(rows.rows).toEqual(all.map((m) => ({ version: m.version, checksum: m.checksum })));
  });

  it('refuses an applied migration whose file changed', async () => {
    const changed = loadMigrations().map((m, i) =>
      i === 0 ? { ...m, sql: m.sql + '\n-- edited', checksum: checksumOf(m.sql + '\n-- edited') } : m,
    );
    const error = await migrate(t.db, changed).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseError);
    expect((error as Error).message).toMatch(/0001_regions\.sql was changed after it was applied/);
  });

  it('refuses a database migrated by newer code', async () => {
    const older = loadMigrations().slice(0, -1);
    await expect(migrate(t.db, older)).rejects.toThrow(/newer GridAtlas/);
  });

  it('rolls back a failing migration completely', async () => {
    const broken = [
      ...loadMigrations(),
      { version: 9999, name: 'broken', sql: 'CREATE TABLE half_done (x int); SELECT no_such_column;', checksum: 'x' },
    ];
    await expect(migrate(t.db, broken)).rejects.toThrow();
    const left = await t.db.query<{ n: number }>("SELECT count(*) AS n FROM pg_tables WHERE tablename = 'half_done'");
    expect(left.rows[0]?.n).toBe(0);
    const recorded = await t.db.query<{ n: number }>('SELECT count(*) AS n FROM schema_migrations WHERE version = 9999');
    expect(recorded.rows[0]?.n).toBe(0);
  });

  it('runs a migration\'s "-- after:" VACUUM / ANALYZE once it has committed', async () => {
    const sql =
      'CREATE TABLE vacuum_probe AS SELECT g FROM generate_series(1, 5000) g;\n-- after: VACUUM vacuum_probe\n-- after: ANALYZE vacuum_probe\n';
    expect(afterCommit(sql)).toEqual(['VACUUM vacuum_probe', 'ANALYZE vacuum_probe']);
    expect(afterCommit('-- after: DROP TABLE x\n-- after: VACUUM; DROP TABLE x')).toEqual([]);
    // VACUUM refuses to run inside a transaction block: migrate() succeeding shows it ran after the commit.
    await migrate(t.db, [...loadMigrations(), { version: 9998, name: 'vacuum_probe', sql, checksum: checksumOf(sql) }]);
    const r = await t.db.query<{ tuples: number }>("SELECT reltuples AS tuples FROM pg_class WHERE relname = 'vacuum_probe'");
    // A table made by CREATE TABLE AS has no row estimate (−1) until ANALYZE counts it.
    expect(r.rows[0]?.tuples).toBe(5000);
    await t.db.exec('DROP TABLE vacuum_probe; DELETE FROM schema_migrations WHERE version = 9998');
  });
});
