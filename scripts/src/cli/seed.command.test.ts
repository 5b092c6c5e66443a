import { openDatabase } from '@gridatlas/api';
import { startPgCluster, type PgCluster } from '@gridatlas/api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCommand } from './seed.command.js';

describe('gridatlas seed (on a real PostgreSQL 15 + PostGIS)', () => {
  let cluster: PgCluster;
  beforeAll(async () => {
    cluster = await startPgCluster();
  });
  afterAll(() => cluster?.stop());

  const run = async (values: Record<string, string | boolean>) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await seedCommand.run({
      values: { scale: 'default', seed: '1', 'database-url': cluster.url, ...values },
      positionals: [],
      out: (l) => out.push(l),
      err: (l) => err.push(l),
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('seeds the default district, refuses to seed twice, and replaces it with --reset', async () => {
    const first = await run({});
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/seeded default demo district \(seed 1\) into the postgresql database: 40 communities/);

    const db = await openDatabase({ databaseUrl: cluster.url });
    try {
      const count = async (): Promise<number> => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM buildings')).rows[0]!.n;
      const before = await count();
      expect(before).toBeGreaterThan(1800);

      await expect(run({})).rejects.toThrow(/already holds a district; add --reset/);
      expect(await count()).toBe(before);

      const again = await run({ reset: true, seed: '2' });
      expect(again.code).toBe(0);
      // Another seed, another district: the old buildings are gone, not added to.
      const after = await count();
      expect(after).not.toBe(before);
      expect(after).toBeLessThan(before * 1.5);
      const seeds = await db.query<{ seed: number }>('SELECT seed FROM districts');
      expect(seeds.rows).toEqual([{ seed: 2 }]);
    } finally {
      await db.close();
    }
  });
});
