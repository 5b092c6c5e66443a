/**
 * The one database interface the API speaks: the same SQL runs on a real PostgreSQL +
 * PostGIS server (`pg`) and on the embedded PGlite + PostGIS. int8 and numeric come back
 * as JS numbers on both, json/jsonb as parsed values, timestamps as Date.
 */
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
}
