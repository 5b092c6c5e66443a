import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISTRICT_TABLES } from '../seed/district-data.js';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../test/test-database.js';

/** Tables that are not district data: configuration and accounts shared across districts. */
const NOT_DISTRICT_DATA = new Set([
  'schema_migrations',
  'spatial_ref_sys',
  'staff_roles',
  // Visit cadences per special-group category (0035): configuration, like staff_roles.
  'special_group_visit_cadences',
  // Staffing models and their roles (0038): configuration shared by districts.
  'staff_models',
  'staff_model_roles',
  // The incident loop's deadlines per category and allowed transitions (0039): configuration.
  'incident_categories',
  'incident_transition_rules',
  'users',
  'roles',
  'user_roles',
  'jurisdictions',
  'sessions',
  'audit_log',
  'login_failures',
  // Coordination rows (0028): a job names its district when it has one; an upload has none.
  'jobs',
  'uploads',
]);

describe.each(BACKENDS)('schema on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind, 'seeded');
  });
  afterAll(() => t?.close());

  it('has a GiST index on every geometry column', async () => {
    const columns = await t.db.query<{ table: string; column: string; gist: boolean }>(`
      SELECT c.relname AS table, a.attname AS column,
        EXISTS (
          SELECT 1 FROM pg_index i
          JOIN pg_class ic ON ic.oid = i.indexrelid
          JOIN pg_am am ON am.oid = ic.relam
          WHERE i.indrelid = c.oid AND am.amname = 'gist' AND a.attnum = ANY (i.indkey::int2[])
        ) AS gist
      FROM pg_attribute a
      JOIN pg_class c ON c.oid = a.attrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE a.atttypid = 'geometry'::regtype AND c.relkind = 'r' AND n.nspname = 'public' AND NOT a.attisdropped
      ORDER BY 1, 2`);
    expect(columns.rows.length).toBeGreaterThanOrEqual(8);
    expect(columns.rows.filter((c) => !c.gist).map((c) => `${c.table}.${c.column}`)).toEqual([]);
  });

  it('gives every district-data table a district_code char(6) in its primary key', async () => {
    const tables = await t.db.query<{ table: string; has_column: boolean; in_pk: boolean }>(`
      SELECT c.relname AS table,
        EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'district_code'
                AND format_type(a.atttypid, a.atttypmod) = 'character(6)') AS has_column,
        EXISTS (SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY (i.indkey::int2[])
                WHERE i.indrelid = c.oid AND i.indisprimary AND a.attname = 'district_code') AS in_pk
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'r' AND n.nspname = 'public'
      ORDER BY 1`);
    const district = tables.rows.filter((r) => !NOT_DISTRICT_DATA.has(r.table));
    expect(district.length).toBeGreaterThanOrEqual(17);
    expect(district.filter((r) => !r.has_column || !r.in_pk).map((r) => r.table)).toEqual([]);
  });

  it('lists every district-data table for seed --reset, and nothing else', async () => {
    // A table left out would survive a reset, or block it (TRUNCATE refuses a referenced table).
    const tables = await t.db.query<{ table: string }>(`
      SELECT c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'r' AND n.nspname = 'public' ORDER BY 1`);
    // Cache versions (0019, 0027, 0033, 0037) are bumped by the TRUNCATE itself and must outlive it: a
    // reseeded district never reuses a version a browser may have cached.
    const kept = new Set(['analytics_versions', 'analytics_incident_months', 'region_versions', 'dashboard_versions']);
    const district = tables.rows.map((r) => r.table).filter((name) => !NOT_DISTRICT_DATA.has(name) && !kept.has(name));
    expect([...DISTRICT_TABLES].sort()).toEqual(district.sort());
  });

  it('never lets a foreign key between district tables omit district_code', async () => {
    // Citus can only keep a foreign key between distributed tables when it includes the
    // distribution column.
    const fks = await t.db.query<{ name: string; table: string; target: string; has_dc: boolean }>(`
      SELECT con.conname AS name, c.relname AS table, t.relname AS target,
        EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = con.conrelid AND a.attnum = ANY (con.conkey)
                AND a.attname = 'district_code') AS has_dc
      FROM pg_constraint con
      JOIN pg_class c ON c.oid = con.conrelid
      JOIN pg_class t ON t.oid = con.confrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE con.contype = 'f' AND n.nspname = 'public'`);
    const bad = fks.rows.filter((f) => !NOT_DISTRICT_DATA.has(f.table) && !NOT_DISTRICT_DATA.has(f.target) && !f.has_dc);
    expect(bad.map((f) => f.name)).toEqual([]);
  });

  it('keeps audit_log append-only', async () => {
    await t.db.query(`INSERT INTO audit_log (action, target, detail) VALUES ('test', 'x', '{}')`);
    await expect(t.db.query(`UPDATE audit_log SET action = 'changed'`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(t.db.exec(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    const rows = await t.db.query<{ action: string }>('SELECT action FROM audit_log');
    expect(rows.rows).toEqual([{ action: 'test' }]);
  });

  it('rejects a building footprint that is neither polygon nor point', async () => {
    await expect(
      t.db.query(
        `INSERT INTO buildings (district_code, id, community_code, name, footprint, floors, units, households, persons)
         VALUES ('610198', 999, '610198001001', 'x', ST_GeomFromText('LINESTRING(108.9 34.2, 108.91 34.21)', 4326), 1, 1, 1, 1)`,
      ),
    ).rejects.toThrow(/check/i);
  });
});
