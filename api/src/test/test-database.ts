/**
 * Databases for tests, on either backend, cloned from the templates the global setup made:
 * `seeded` holds the migrated tiny fixture, `bare` only PostGIS.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import type { Db, DbKind } from '../db/db.types.js';
import { openDatabase } from '../db/open-database.js';
import { startPgliteWorker } from '../db/pglite-worker.client.js';
import { pgliteWorkerDb } from '../db/pglite-worker.adapter.js';
import { PG_BARE_TEMPLATE, PG_SEEDED_TEMPLATE } from './test-templates.js';

export const BACKENDS: readonly DbKind[] = ['embedded', 'postgresql'];

export interface TestDatabase {
  db: Db;
  /** postgres URL of this database (PostgreSQL backend only). */
  url?: string;
  close(): Promise<void>;
}

export async function openTestDatabase(kind: DbKind, content: 'seeded' | 'bare' = 'seeded'): Promise<TestDatabase> {
  if (kind === 'embedded') {
    const dump = readFileSync(inject(content === 'seeded' ? 'pgliteSeededDump' : 'pgliteBareDump'));
    // As the server runs it: in a worker thread of its own.
    const db = pgliteWorkerDb(await startPgliteWorker({ loadDataDir: new Uint8Array(dump) }));
    return { db, close: () => db.close() };
  }
  const clusterUrl = inject('pgUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  await adminQuery(clusterUrl, `CREATE DATABASE ${name} TEMPLATE ${content === 'seeded' ? PG_SEEDED_TEMPLATE : PG_BARE_TEMPLATE}`);
  const u = new URL(clusterUrl);
  u.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: u.toString() });
  return {
    db,
    url: u.toString(),
    async close() {
      await db.close();
      await adminQuery(clusterUrl, `DROP DATABASE IF EXISTS ${name}`);
    },
  };
}

export async function adminQuery(url: string, sql: string): Promise<void> {
  // Two workers cloning the same template at once may collide; a short retry settles it.
  for (let attempt = 0; ; attempt++) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(sql);
      return;
    } catch (error) {
      if (attempt >= 5 || !/being accessed by other users/.test((error as Error).message)) throw error;
      await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
    } finally {
      await client.end();
    }
  }
}
