/**
 * Versioned SQL migrations from `api/migrations/NNNN_name.sql`, each applied once in its own
 * transaction and recorded with its checksum in `schema_migrations`. Re-running is a no-op;
 * an applied file that changed afterwards is an error, because the database no longer
 * matches what the file says.
 *
 * A line `-- after: VACUUM …` or `-- after: ANALYZE …` in a file is run once the file's
 * transaction has committed (neither can run inside one): a migration that rewrites a table
 * says so, and the table's visibility map is set again for index-only scans.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.types.js';
import { DatabaseError } from './database-error.js';

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .map((file) => /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => {
      const sql = readFileSync(join(dir, m[0]), 'utf8');
      return { version: Number(m[1]), name: m[2] ?? '', sql, checksum: checksumOf(sql) };
    })
    .sort((a, b) => a.version - b.version);
}

/** SHA-256 of the file with line endings normalised, so a checkout on Windows matches. */
export function checksumOf(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}

const AFTER = /^-- after: ((?:VACUUM|ANALYZE)\b[^;\n]*)$/gm;

/** The statements a migration asks to run after its commit (`-- after: …` lines). */
export function afterCommit(sql: string): string[] {
  return [...sql.matchAll(AFTER)].map((m) => m[1]!.trim());
}

export interface MigrateResult {
  applied: number[];
}

export async function migrate(db: Db, migrations: Migration[] = loadMigrations()): Promise<MigrateResult> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const applied: number[] = [];
  for (const m of migrations) {
    const done = await db.transaction(async (tx) => {
      // Two API replicas starting together: the second waits, then sees the row.
      await tx.query('SELECT pg_advisory_xact_lock(7260110)');
      const existing = await tx.query<{ checksum: string }>('SELECT checksum FROM schema_migrations WHERE version = $1', [m.version]);
      const row = existing.rows[0];
      if (row) {
        if (row.checksum !== m.checksum) {
          throw new DatabaseError(
            'migration',
            `migration ${String(m.version).padStart(4, '0')}_${m.name}.sql was changed after it was applied ` +
              `(checksum ${row.checksum.slice(0, 12)}… in the database, ${m.checksum.slice(0, 12)}… on disk): ` +
              'restore the file and add a new migration for the change',
          );
        }
        return false;
      }
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [m.version, m.name, m.checksum]);
      return true;
    });
    if (done) {
      for (const statement of afterCommit(m.sql)) await db.exec(statement);
      applied.push(m.version);
    }
  }
  const latest = migrations.at(-1)?.version ?? 0;
  const newer = await db.query<{ version: number }>('SELECT version FROM schema_migrations WHERE version > $1 ORDER BY version', [latest]);
  if (newer.rows.length > 0) {
    throw new DatabaseError(
      'migration',
      `the database has migration ${newer.rows[0]?.version} which this code does not know: it was migrated by a newer GridAtlas`,
    );
  }
  return { applied };
}
