/** `Db` on a real PostgreSQL server through a `pg` connection pool. */
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Db, QueryOptions, QueryResult } from './db.types.js';
import { checkDeadline, type StatementLimits } from './time-limit.js';

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
 * each wait to start its workers (as long as a whole small tile takes; BENCHMARKS.md) and takes
 * the cores the other requests need, and JIT compilation spends far longer than the work on
 * queries whose estimates are large but whose work is not.
 */
export const DEFAULT_PG_OPTIONS = '-c max_parallel_workers_per_gather=0 -c jit=off';

/** A pool; with `statementTimeoutMs` every statement on its connections runs under that `statement_timeout`. */
export function createPgPool(connectionString: string, statementTimeoutMs?: number): pg.Pool {
  const base = process.env.GRIDATLAS_PG_OPTIONS ?? DEFAULT_PG_OPTIONS;
  const options = [base, statementTimeoutMs ? `-c statement_timeout=${Math.round(statementTimeoutMs)}` : ''].filter(Boolean).join(' ');
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

/**
 * `Db` over a pool. Limited views (`db.limited()`) run on a second pool per statement timeout,
 * opened on first use, whose connections carry `statement_timeout` as a session setting: no
 * extra round trip per statement, and the unlimited pool stays for migrations and background work.
 */
export function pgDb(pool: pg.Pool): Db {
  const connectionString = pool.options.connectionString;
  const limitedPools = new Map<number, pg.Pool>();
  const poolFor = (statementTimeoutMs: number | undefined): pg.Pool => {
    if (!statementTimeoutMs || !connectionString) return pool;
    let p = limitedPools.get(statementTimeoutMs);
    if (!p) {
      p = createPgPool(connectionString, statementTimeoutMs);
      // An idle client's network error would otherwise crash the process.
      p.on('error', () => undefined);
      limitedPools.set(statementTimeoutMs, p);
    }
    return p;
  };
  const base = poolDb(pool, undefined);
  return {
    ...base,
    limited: (limits) => poolDb(poolFor(limits.statementTimeoutMs), limits),
    async close() {
      await Promise.all([...limitedPools.values()].map((p) => p.end()));
      await pool.end();
    },
  };
}

function poolDb(pool: pg.Pool, limits: StatementLimits | undefined): Db {
  return {
    kind: 'postgresql',
    async query<T>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult<T>> {
      checkDeadline(limits);
      const r = await pool.query(queryConfig(sql, params, options));
      return { rows: r.rows as T[] };
    },
    async exec(sql: string): Promise<void> {
      checkDeadline(limits);
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      checkDeadline(limits);
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(clientDb(client, limits));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: async () => undefined,
  };
}

function clientDb(client: pg.PoolClient, limits: StatementLimits | undefined): Db {
  const tx: Db = {
    kind: 'postgresql',
    async query<T>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult<T>> {
      checkDeadline(limits);
      const r = await client.query(queryConfig(sql, params, options));
      return { rows: r.rows as T[] };
    },
    async exec(sql: string): Promise<void> {
      checkDeadline(limits);
      await client.query(sql);
    },
    transaction: (fn) => fn(tx),
    close: async () => undefined,
  };
  return tx;
}
