/**
 * `stretch_patrol_months` (migration 0048) holds exactly the days of `stretch_patrol_days`,
 * packed per stretch and month, after each kind of write: days inserted across months, a day
 * deleted, a day moved by an update, the kept days worked out by `patrol_days_ensure` and
 * forgotten when a track is written, and TRUNCATE — on both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../test/test-database.js';
import { TINY_DISTRICT_CODE } from '../test/tiny-district.fixture.js';

const D = TINY_DISTRICT_CODE;

/** (stretch, day) pairs on which the packed months and the days disagree. */
async function disagreements(t: TestDatabase): Promise<string[]> {
  const r = await t.db.query<{ pair: string }>(
    `WITH unpacked AS (
       SELECT m.district_code, m.stretch_id, (m.month + (b - 1))::date AS day
       FROM stretch_patrol_months m, generate_series(1, 31) AS b
       WHERE m.days & (1 << (b - 1)) <> 0
     )
     SELECT coalesce(d.stretch_id, u.stretch_id) || ' ' || coalesce(d.day, u.day) AS pair
     FROM (SELECT district_code, stretch_id, day FROM stretch_patrol_days) d
     FULL JOIN unpacked u ON u.district_code = d.district_code AND u.stretch_id = d.stretch_id AND u.day = d.day
     WHERE d.stretch_id IS NULL OR u.stretch_id IS NULL
     ORDER BY 1`,
  );
  return r.rows.map((row) => row.pair);
}

describe.each(BACKENDS)('stretch patrol months on %s', (kind) => {
  let t: TestDatabase;
  let stretches: number[];
  beforeAll(async () => {
    t = await openTestDatabase(kind, 'seeded');
    stretches = (
      await t.db.query<{ id: number }>(`SELECT id::int AS id FROM street_stretches WHERE district_code = $1 ORDER BY id LIMIT 3`, [D])
    ).rows.map((r) => r.id);
    expect(stretches).toHaveLength(3);
  });
  afterAll(() => t?.close());

  const months = async (stretch: number): Promise<{ month: string; days: number }[]> =>
    (
      await t.db.query<{ month: string; days: number }>(
        `SELECT to_char(month, 'YYYY-MM-DD') AS month, days FROM stretch_patrol_months WHERE district_code = $1 AND stretch_id = $2 ORDER BY month`,
        [D, stretch],
      )
    ).rows;

  it('packs days inserted across months, and clears a day deleted or moved', async () => {
    await t.db.query(`DELETE FROM stretch_patrol_days WHERE district_code = $1`, [D]);
    const [a, b] = stretches as [number, number];
    await t.db.query(
      `INSERT INTO stretch_patrol_days (district_code, stretch_id, day)
       SELECT $1, s, d::date FROM (VALUES ($2::bigint, '2031-01-01'), ($2, '2031-01-31'), ($2, '2031-02-01'), ($3::bigint, '2031-01-15')) v(s, d)`,
      [D, a, b],
    );
    expect(await months(a)).toEqual([
      { month: '2031-01-01', days: 1 | (1 << 30) },
      { month: '2031-02-01', days: 1 },
    ]);
    expect(await months(b)).toEqual([{ month: '2031-01-01', days: 1 << 14 }]);
    await t.db.query(`DELETE FROM stretch_patrol_days WHERE district_code = $1 AND stretch_id = $2 AND day = '2031-01-31'`, [D, a]);
    await t.db.query(
      `UPDATE stretch_patrol_days SET day = '2031-03-02' WHERE district_code = $1 AND stretch_id = $2 AND day = '2031-02-01'`,
      [D, a],
    );
    expect(await months(a)).toEqual([
      { month: '2031-01-01', days: 1 },
      { month: '2031-03-01', days: 2 },
    ]);
    // An update that leaves the day where it is keeps its bit.
    await t.db.query(`UPDATE stretch_patrol_days SET day = day WHERE district_code = $1 AND stretch_id = $2`, [D, b]);
    expect(await months(b)).toEqual([{ month: '2031-01-01', days: 1 << 14 }]);
    expect(await disagreements(t)).toEqual([]);
  });

  it('follows the days worked out and forgotten with the tracks, and TRUNCATE', async () => {
    await t.db.query(`DELETE FROM stretch_patrol_days WHERE district_code = $1`, [D]);
    await t.db.query(`DELETE FROM patrol_days_done WHERE district_code = $1`, [D]);
    await t.db.query(
      `SELECT patrol_days_ensure($1::char(6), (SELECT min(started_at AT TIME ZONE 'Asia/Shanghai')::date FROM patrol_tracks WHERE district_code = $1),
         (SELECT max(ended_at AT TIME ZONE 'Asia/Shanghai')::date + 1 FROM patrol_tracks WHERE district_code = $1))`,
      [D],
    );
    const kept = (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM stretch_patrol_months WHERE district_code = $1`, [D]))
      .rows[0]!.n;
    expect(kept).toBeGreaterThan(0);
    expect(await disagreements(t)).toEqual([]);
    // A track rewritten forgets its days (and their stretches' bits).
    await t.db.query(
      `UPDATE patrol_tracks SET ended_at = ended_at WHERE district_code = $1 AND id = (SELECT min(id) FROM patrol_tracks WHERE district_code = $1)`,
      [D],
    );
    expect(await disagreements(t)).toEqual([]);
    await t.db.exec('TRUNCATE stretch_patrol_days');
    expect((await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM stretch_patrol_months`)).rows[0]!.n).toBe(0);
  });
});
