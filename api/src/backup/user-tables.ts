/**
 * The tables a backup carries: every ordinary or partitioned table outside PostgreSQL's own
 * schemas, PostGIS's `spatial_ref_sys` included (pg_dump keeps only rows users added to it).
 */
import type { Db } from '../db/db.types.js';

export interface UserTable {
  schema: string;
  name: string;
  /** Primary-key columns in key order; empty when the table has none. */
  key: string[];
}

export async function userTables(db: Db): Promise<UserTable[]> {
  const r = await db.query<{ schema: string; name: string; key: string[] | null }>(
    `SELECT n.nspname AS schema, c.relname AS name,
            (SELECT array_agg(a.attname::text ORDER BY k.ord)
               FROM pg_index i
               CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
              WHERE i.indrelid = c.oid AND i.indisprimary) AS key
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
      ORDER BY 1, 2`,
  );
  return r.rows.map((t) => ({ schema: t.schema, name: t.name, key: t.key ?? [] }));
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
