/**
 * Bulk insert through one JSON parameter per batch (`json_to_recordset($1::json)`): one round
 * trip per few thousand rows, the same on pg and PGlite, and still fully parameterised.
 */
import type { Db } from '../db/db.types.js';

export interface BatchLimits {
  /** Rows per statement at most. */
  rows: number;
  /** JSON characters per statement at most (long patrol tracks are large rows). */
  chars: number;
}

const DEFAULT_LIMITS: BatchLimits = { rows: 5000, chars: 4_000_000 };

/**
 * Runs `sql` (which reads `$1::json`) once per batch of records.
 *
 * @returns the number of records written
 */
export async function insertBatches<T>(
  db: Db,
  sql: string,
  items: Iterable<T>,
  toRecord: (item: T) => object,
  /** Parameters after the JSON: `$2`, `$3`, … in `sql`. */
  params: readonly unknown[] = [],
  limits: BatchLimits = DEFAULT_LIMITS,
): Promise<number> {
  let parts: string[] = [];
  let chars = 0;
  let total = 0;
  const flush = async (): Promise<void> => {
    if (parts.length === 0) return;
    await db.query(sql, [`[${parts.join(',')}]`, ...params]);
    total += parts.length;
    parts = [];
    chars = 0;
  };
  for (const item of items) {
    const json = JSON.stringify(toRecord(item));
    parts.push(json);
    chars += json.length + 1;
    if (parts.length >= limits.rows || chars >= limits.chars) await flush();
  }
  await flush();
  return total;
}
