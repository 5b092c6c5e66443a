/**
 * `incident_marks` (migration 0047) answers "closed by T", "voided by T" and "dispatched more
 * than once by T" exactly as the incident's transitions do, for every T around every
 * transition, after each kind of write to the transitions: inserts in one statement across
 * incidents, a state and a time rewritten, a transition deleted, an incident deleted (its
 * transitions go with it) and TRUNCATE — on both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../test/test-database.js';
import { TINY_DISTRICT_CODE } from '../test/tiny-district.fixture.js';

const D = TINY_DISTRICT_CODE;

interface Disagreement {
  incident: number;
  at: string;
  what: string;
}

/**
 * Every (incident, instant) where the marks and the transitions disagree; the instants are each
 * transition's time and a second either side of it.
 */
async function disagreements(t: TestDatabase): Promise<Disagreement[]> {
  const r = await t.db.query<Disagreement>(
    `WITH at AS (
       SELECT DISTINCT incident_id, at + d * interval '1 second' AS at
       FROM incident_transitions, unnest(ARRAY[-1, 0, 1]) AS d WHERE district_code = $1
     ), truth AS (
       SELECT a.incident_id, a.at,
         bool_or(t.state = 'closed' AND t.at < a.at) AS closed,
         min(t.at) FILTER (WHERE t.state = 'closed' AND t.at < a.at) AS closed_at,
         bool_or(t.state = 'voided' AND t.at < a.at) AS voided,
         count(*) FILTER (WHERE t.state = 'dispatched' AND t.at < a.at) > 1 AS returned
       FROM at a JOIN incident_transitions t ON t.district_code = $1 AND t.incident_id = a.incident_id
       GROUP BY a.incident_id, a.at
     )
     SELECT x.incident_id::int AS incident, x.at::text AS at, concat_ws(',',
         CASE WHEN x.closed_at IS DISTINCT FROM CASE WHEN k.closed_at < x.at THEN k.closed_at END THEN 'closed' END,
         CASE WHEN x.voided IS DISTINCT FROM coalesce(k.voided_at < x.at, false) THEN 'voided' END,
         CASE WHEN x.returned IS DISTINCT FROM coalesce(k.redispatched_at < x.at, false) THEN 'returned' END) AS what
     FROM truth x LEFT JOIN incident_marks k ON k.district_code = $1 AND k.incident_id = x.incident_id
     WHERE x.closed_at IS DISTINCT FROM CASE WHEN k.closed_at < x.at THEN k.closed_at END
       OR x.voided IS DISTINCT FROM coalesce(k.voided_at < x.at, false)
       OR x.returned IS DISTINCT FROM coalesce(k.redispatched_at < x.at, false)
     ORDER BY 1, 2`,
    [D],
  );
  return r.rows;
}

async function marks(t: TestDatabase): Promise<number> {
  return (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM incident_marks WHERE district_code = $1`, [D])).rows[0]!.n;
}

describe.each(BACKENDS)('incident marks on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind, 'seeded');
    await t.db.query(
      `INSERT INTO incidents (district_code, id, code, category, channel, state, reported_at, location)
       SELECT $1, id, 'M' || id, 'environment', 'patrol', 'reported', timestamptz '2025-05-01 09:00+08', ST_SetSRID(ST_MakePoint(108.905, 34.206), 4326)
       FROM generate_series(8001, 8004) AS id`,
      [D],
    );
  });
  afterAll(() => t?.close());

  it('follows the transitions inserted in one statement across incidents', async () => {
    // 8001: dispatched, closed, dispatched again (reworked), closed again. 8002: voided after a
    // dispatch. 8003: dispatched twice at the same instant. 8004: reported only.
    await t.db.query(
      `INSERT INTO incident_transitions (district_code, incident_id, seq, state, at, actor_role)
       SELECT $1, i, s, st, timestamptz '2025-05-01 09:00+08' + h * interval '1 hour', 'zone_manager'
       FROM (VALUES (8001, 1, 'reported', 0), (8001, 2, 'dispatched', 1), (8001, 3, 'closed', 5), (8001, 4, 'dispatched', 7),
                    (8001, 5, 'closed', 9), (8002, 1, 'reported', 0), (8002, 2, 'dispatched', 2), (8002, 3, 'voided', 3),
                    (8003, 1, 'reported', 0), (8003, 2, 'dispatched', 4), (8003, 3, 'dispatched', 4), (8004, 1, 'reported', 0)) v(i, s, st, h)`,
      [D],
    );
    expect(await disagreements(t)).toEqual([]);
    const k = await t.db.query<{ id: number; closed: string | null; redispatched: string | null }>(
      `SELECT incident_id::int AS id, to_char(closed_at AT TIME ZONE 'Asia/Shanghai', 'HH24') AS closed,
         to_char(redispatched_at AT TIME ZONE 'Asia/Shanghai', 'HH24') AS redispatched
       FROM incident_marks WHERE district_code = $1 AND incident_id BETWEEN 8001 AND 8004 ORDER BY 1`,
      [D],
    );
    expect(k.rows).toEqual([
      { id: 8001, closed: '14', redispatched: '16' },
      { id: 8002, closed: null, redispatched: null },
      { id: 8003, closed: null, redispatched: '13' },
      { id: 8004, closed: null, redispatched: null },
    ]);
  });

  it('follows a state and a time rewritten, and a transition deleted', async () => {
    await t.db.query(`UPDATE incident_transitions SET state = 'voided' WHERE district_code = $1 AND incident_id = 8001 AND seq = 3`, [D]);
    await t.db.query(
      `UPDATE incident_transitions SET at = at - interval '3 hours' WHERE district_code = $1 AND incident_id = 8003 AND seq = 3`,
      [D],
    );
    await t.db.query(`DELETE FROM incident_transitions WHERE district_code = $1 AND incident_id = 8002 AND seq = 3`, [D]);
    expect(await disagreements(t)).toEqual([]);
    const k = await t.db.query<{ voided: boolean }>(
      `SELECT voided_at IS NOT NULL AS voided FROM incident_marks WHERE district_code = $1 AND incident_id IN (8001, 8002) ORDER BY incident_id`,
      [D],
    );
    expect(k.rows).toEqual([{ voided: true }, { voided: false }]);
  });

  it('drops the marks of an incident deleted, and all of them with TRUNCATE', async () => {
    const before = await marks(t);
    await t.db.query(`DELETE FROM incidents WHERE district_code = $1 AND id = 8004`, [D]);
    expect(await marks(t)).toBe(before - 1);
    expect(await disagreements(t)).toEqual([]);
    await t.db.exec('TRUNCATE incident_transitions');
    expect(await marks(t)).toBe(0);
  });
});
