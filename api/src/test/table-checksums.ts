/**
 * The state of every table as row count and an md5 over its rows in primary-key order (the
 * whole row's text where a table has no key): two databases with equal checksums hold the
 * same data. For tests of backups and crash safety.
 */
import type { Db } from '../db/db.types.js';
import { quoteIdent, userTables } from '../backup/user-tables.js';

export type TableChecksums = Record<string, { rows: number; md5: string }>;

export async function tableChecksums(db: Db, options: { except?: readonly string[] } = {}): Promise<TableChecksums> {
  const out: TableChecksums = {};
  for (const t of await userTables(db)) {
    const name = `${t.schema}.${t.name}`;
    if (options.except?.includes(t.name) || options.except?.includes(name)) continue;
    const order = t.key.length > 0 ? t.key.map((k) => `t.${quoteIdent(k)}`).join(', ') : 't::text';
    const r = await db.query<{ rows: number; md5: string | null }>(
      `SELECT count(*)::int AS rows, md5(string_agg(t::text, E'\\n' ORDER BY ${order})) AS md5
         FROM ${quoteIdent(t.schema)}.${quoteIdent(t.name)} t`,
    );
    out[name] = { rows: r.rows[0]!.rows, md5: r.rows[0]!.md5 ?? '' };
  }
  return out;
}
