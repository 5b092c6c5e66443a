import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../test/test-database.js';
import { createLogger } from '../log.js';
import { startEmbeddedUpkeep, tablesDue, upkeepRound } from './embedded-upkeep.js';

describe('which tables are due, by autovacuum’s default thresholds', () => {
  it('vacuums past 50 + 20% of the live rows dead, else analyses past 50 + 10% changed', () => {
    expect(
      tablesDue([
        { table: 'churned', live: 1000, dead: 251, changed: 251 },
        { table: 'at_the_line', live: 1000, dead: 250, changed: 150 },
        { table: 'grown', live: 1000, dead: 0, changed: 151 },
        { table: 'quiet', live: 1000, dead: 10, changed: 10 },
        { table: 'small', live: 0, dead: 51, changed: 51 },
      ]),
    ).toEqual({ vacuumed: ['churned', 'small'], analyzed: ['grown'] });
  });
});

describe.each(BACKENDS)('a round of upkeep on %s', (kind) => {
  let t: TestDatabase;
  const dead = async (table: string): Promise<number> => {
    await t.db.query('SELECT pg_stat_force_next_flush()');
    const r = await t.db.query<{ n: number }>(`SELECT n_dead_tup::float8 AS n FROM pg_stat_user_tables WHERE relname = $1`, [table]);
    return r.rows[0]!.n;
  };
  beforeAll(async () => {
    t = await openTestDatabase(kind, 'bare');
    await t.db.exec(`CREATE TABLE upkeep_churned (id int PRIMARY KEY, v int);
      CREATE TABLE upkeep_grown (id int PRIMARY KEY);
      CREATE TABLE "upkeep ""quiet""" (id int PRIMARY KEY)`);
    await t.db.query('INSERT INTO upkeep_churned SELECT g, 0 FROM generate_series(1, 500) g');
    await t.db.query('INSERT INTO "upkeep ""quiet""" SELECT g FROM generate_series(1, 500) g');
    // Everything seen once, so that only what follows counts (the inserts' counts flushed first,
    // or they would land after the analyse).
    await t.db.query('SELECT pg_stat_force_next_flush()');
    await t.db.exec('VACUUM (ANALYZE)');
  });
  afterAll(async () => t.close());

  it('vacuums the table with dead rows, analyses the one that grew, leaves the quiet one', async () => {
    for (let i = 0; i < 3; i++) await t.db.query('UPDATE upkeep_churned SET v = v + 1');
    await t.db.query('INSERT INTO upkeep_grown SELECT g FROM generate_series(1, 200) g');
    expect(await dead('upkeep_churned')).toBeGreaterThanOrEqual(1000);
    const round = await upkeepRound(t.db);
    expect(round.vacuumed).toContain('upkeep_churned');
    expect(round.analyzed).toContain('upkeep_grown');
    expect([...round.vacuumed, ...round.analyzed]).not.toContain('upkeep "quiet"');
    expect(await dead('upkeep_churned')).toBe(0);
    // Nothing left to do until more is written.
    const again = await upkeepRound(t.db);
    expect([...again.vacuumed, ...again.analyzed].filter((x) => x.startsWith('upkeep'))).toEqual([]);
  });

  it('quotes a table name as an identifier', async () => {
    await t.db.query(`DELETE FROM "upkeep ""quiet""" WHERE id <= 300`);
    const round = await upkeepRound(t.db);
    expect(round.vacuumed).toContain('upkeep "quiet"');
    expect(await dead('upkeep "quiet"')).toBe(0);
  });

  it(
    kind === 'postgresql' ? 'is left to autovacuum on PostgreSQL' : 'runs its rounds in the background on the embedded database',
    async () => {
      const upkeep = startEmbeddedUpkeep(t.db, createLogger({ level: 'error' }), { intervalMs: 60_000 });
      if (kind === 'postgresql') {
        expect(upkeep).toBeNull();
        return;
      }
      await t.db.query('UPDATE upkeep_churned SET v = v + 1');
      const round = await upkeep!.runOnce();
      expect(round.vacuumed).toContain('upkeep_churned');
      await upkeep!.stop();
      expect(await dead('upkeep_churned')).toBe(0);
    },
  );
});
