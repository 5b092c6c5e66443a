import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../test/test-database.js';

describe.each(BACKENDS)('a prepared query on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind, 'bare');
  });
  afterAll(async () => t.close());

  it('gives the same rows as the plain query, with other parameters each time', async () => {
    const sql = 'SELECT $1::int + g AS v FROM generate_series(1, 3) AS g ORDER BY g';
    for (const base of [10, 20, 10]) {
      const plain = await t.db.query<{ v: number }>(sql, [base]);
      const prepared = await t.db.query<{ v: number }>(sql, [base], { prepared: true });
      expect(prepared.rows).toEqual(plain.rows);
      expect(prepared.rows.map((r) => r.v)).toEqual([base + 1, base + 2, base + 3]);
    }
  });

  it.runIf(kind === 'postgresql')('is kept by the connection that ran it, under a name from its text', async () => {
    const names = await t.db.transaction(async (tx) => {
      await tx.query('SELECT $1::text AS kept', ['a'], { prepared: true });
      await tx.query('SELECT $1::text AS kept', ['b'], { prepared: true });
      return (await tx.query<{ name: string; statement: string }>('SELECT name, statement FROM pg_prepared_statements')).rows;
    });
    expect(names.filter((n) => n.statement === 'SELECT $1::text AS kept')).toEqual([
      { name: expect.stringMatching(/^ga_[0-9a-f]{24}$/), statement: 'SELECT $1::text AS kept' },
    ]);
  });
});
