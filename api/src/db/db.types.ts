/**
 * The one database interface the API speaks: the same SQL runs on a real PostgreSQL +
 * PostGIS server (`pg`) and on the embedded PGlite + PostGIS. int8 and numeric come back
 * as JS numbers on both, json/jsonb as parsed values, timestamps as Date.
 */
export type DbKind = 'embedded' | 'postgresql';

export interface QueryResult<T> {
  rows: T[];
}

export interface Db {
  readonly kind: DbKind;
  /** One statement with `$1`-style parameters. */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in a transaction; a nested call joins the outer transaction. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
