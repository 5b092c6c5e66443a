/** `Db` on a real PostgreSQL server through a `pg` connection pool. */
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Db, QueryOptions, QueryResult } from './db.types.js';

// int8 (counts, ids) and numeric as numbers, matching the embedded adapter; our values stay
// far below 2^53.
const TYPE_PARSERS: Record<number, (v: string) => unknown> = { 20: Number, 1700: Number };
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    TYPE_PARSERS[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * Session settings for the API's connections, unless GRIDATLAS_PG_OPTIONS names others (or
 * none, when set empty). The API runs many short queries side by side: a parallel plan makes
 * each wait ~40 ms to start its workers (the cost of a whole small tile) and takes the cores
 * the other requests need, and JIT compilation spends hundreds of milliseconds on queries
 * whose estimates are large but whose work is not.
 */
export const DEFAULT_PG_OPTIONS = '-c max_parallel_workers_per_gather=0 -c jit=off';

export function createPgPool(connectionString: string): pg.Pool {
  const options = process.env.GRIDATLAS_PG_OPTIONS ?? DEFAULT_PG_OPTIONS;
  return new pg.Pool({ connectionString, types, max: 10, connectionTimeoutMillis: 10_000, ...(options ? { options } : {}) });
}

const statementNames = new Map<string, string>();

/** The query config: a named (prepared) statement, its name from its text, when `prepared`. */
function queryConfig(sql: string, params: readonly unknown[] | undefined, options: QueryOptions | undefined): pg.QueryConfig {
  if (!options?.prepared) return { text: sql, values: params as unknown[] | undefined };
  let name = statementNames.get(sql);
  if (!name) {
    name = `ga_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
    statementNames.set(sql, name);
  }
  return { name, text: sql, values: params as unknown[] | undefined };
}

export function pgDb(pool: pg.Pool): Db {
  return {
    kind: 'postgresql',
    async query<T>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult<T>> {
      const r = await pool.query(queryConfig(sql, params, options));
      return { rows: r.rows as T[] };
    },
    async exec(sql: string): Promise<void> {
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(clientDb(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

function clientDb(client: pg.PoolClient): Db {
  const tx: Db = {
    kind: 'postgresql',
    async query<T>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult<T>> {
      const r = await client.query(queryConfig(sql, params, options));
      return { rows: r.rows as T[] };
    },
    async exec(sql: string): Promise<void> {
      await client.query(sql);
    },
    transaction: (fn) => fn(tx),
    close: async () => undefined,
  };
  return tx;
}
