/**
 * The one database interface the API speaks: the same SQL runs on a real PostgreSQL +
 * PostGIS server (`pg`) and on the embedded PGlite + PostGIS. int8 and numeric come back
 * as JS numbers on both, json/jsonb as parsed values, timestamps as Date.
 */
import type { StatementLimits } from './time-limit.js';

export type DbKind = 'embedded' | 'postgresql';

export interface QueryOptions {
  prepared?: boolean;
}

export interface QueryResult<T> {
  rows: T[];
}

export interface Db {
  readonly kind: DbKind;
  /**
   * One statement with `$1`-style parameters. `prepared`: kept parsed (and, once PostgreSQL
   * finds a generic plan as good, planned) per connection — for the few short statements every
   * request runs, such as finding the session; the embedded database ignores it.
   */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult<T>>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in a transaction; a nested call joins the outer transaction. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * The same database under time limits (one request's, or a job's): statements refuse to start
   * after `deadline` and, on PostgreSQL, each runs under `statement_timeout`. Both throw
   * `TimeLimitError` (or PostgreSQL's 57014 statement timeout). Wrappers may leave it out.
   */
  limited?(limits: StatementLimits): Db;
  /**
   * The database a limited view was made from (absent on the database itself). Per-database
   * state (response caches, memos) is kept on the base, so every request's view shares it.
   */
  readonly base?: Db;
}

/** The database itself behind any limited view: the key for per-database state. */
export function baseDb(db: Db): Db {
  return db.base ?? db;
}

/** `db` under `limits` when the adapter supports them, else `db` as it is. */
export function limitDb(db: Db, limits: StatementLimits): Db {
  return db.limited ? { ...db.limited(limits), base: baseDb(db) } : db;
}
