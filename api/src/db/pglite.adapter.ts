/** `Db` on the embedded PGlite + PostGIS (PostgreSQL compiled to WebAssembly, in-process). */
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import type { Db, QueryResult } from './db.types.js';

// Same JS types as the pg adapter: int8 and numeric as numbers.
const parsers = { 20: (v: string) => Number(v), 1700: (v: string) => Number(v) };

/**
 * Opens (or creates) an embedded database. `dataDir` is a folder, or `memory://` for a
 * throwaway one; `loadDataDir` starts from a `dumpDataDir()` tarball instead.
 */
export async function openPglite(options: { dataDir?: string; loadDataDir?: Blob | File }): Promise<PGlite> {
  return PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    extensions: { postgis },
    parsers,
  });
}

export function pgliteDb(pglite: PGlite): Db {
  return {
    kind: 'embedded',
    async query<T>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
      const r = await pglite.query<T>(sql, params as unknown[] | undefined);
      return { rows: r.rows };
    },
    async exec(sql: string): Promise<void> {
      await pglite.exec(sql);
    },
    transaction: (fn) => pglite.transaction((tx) => fn(transactionDb(tx))),
    close: () => pglite.close(),
  };
}

function transactionDb(tx: Transaction): Db {
  const db: Db = {
    kind: 'embedded',
    async query<T>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
      const r = await tx.query<T>(sql, params as unknown[] | undefined);
      return { rows: r.rows };
    },
    async exec(sql: string): Promise<void> {
      await tx.exec(sql);
    },
    transaction: (fn) => fn(db),
    close: async () => undefined,
  };
  return db;
}
