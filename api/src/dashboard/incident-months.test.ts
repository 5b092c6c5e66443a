/**
 * The incident figures kept per place and month and the kept overdue ranges (migration 0051)
 * equal their definitions worked out from the incidents and their transitions directly — every
 * (month, place) of the district, and "open past its deadline" at every instant around every
 * report, deadline and transition — after each kind of write: incidents and transitions inserted
 * in one statement, categories, closures, deadlines, grids and places rewritten, a transition
 * moved and deleted, an incident deleted, TRUNCATE of the transitions and of the incidents; on both databases. Also: the dashboard's
 * whole-month reading equals its reading of the same incidents span by span.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../test/test-database.js';
import { TINY_DISTRICT_CODE } from '../test/tiny-district.fixture.js';
import { medianOf, overdueOpenAt, settleIncidentMonths, wholeMonthOf } from './incident-months.js';
import { incidentSection } from './incidents-figures.js';
import { shanghaiMidnight } from '../analytics/patrols-period.js';

const D = TINY_DISTRICT_CODE;

interface MonthRow {
  month: string;
  place: string;
  count: number;
  voided: number;
  closed: number;
  closed_overdue: number;
  returned: number;
  hours: number[];
  categories: Record<string, number>;
  grids: Record<string, number>;
}

/** What the kept rows should be, from the incidents and their transitions (not the marks). */
async function definition(t: TestDatabase): Promise<MonthRow[]> {
  const r = await t.db.query<MonthRow>(
    `WITH inc AS (
       SELECT i.id, i.category, i.grid_code, i.closure, i.reported_at,
         date_trunc('month', i.reported_at AT TIME ZONE 'Asia/Shanghai') AS m,
         coalesce(i.community_code, i.district_code::text) AS place
       FROM incidents i WHERE i.district_code = $1
     ), st AS (
       SELECT inc.*,
         (SELECT min(x.at) FROM incident_transitions x WHERE x.district_code = $1 AND x.incident_id = inc.id AND x.state = 'closed'
            AND x.at < (inc.m + interval '1 month') AT TIME ZONE 'Asia/Shanghai') AS closed_at,
         EXISTS (SELECT 1 FROM incident_transitions x WHERE x.district_code = $1 AND x.incident_id = inc.id AND x.state = 'voided'
            AND x.at < (inc.m + interval '1 month') AT TIME ZONE 'Asia/Shanghai') AS voided,
         (SELECT count(*) FROM incident_transitions x WHERE x.district_code = $1 AND x.incident_id = inc.id AND x.state = 'dispatched'
            AND x.at < (inc.m + interval '1 month') AT TIME ZONE 'Asia/Shanghai') > 1 AS returned
       FROM inc
     )
     SELECT to_char(m, 'YYYY-MM') AS month, place, count(*)::int AS count,
       (count(*) FILTER (WHERE voided))::int AS voided,
       (count(*) FILTER (WHERE closed_at IS NOT NULL AND NOT voided))::int AS closed,
       (count(*) FILTER (WHERE closed_at IS NOT NULL AND NOT voided AND closure = 'overdue'))::int AS closed_overdue,
       (count(*) FILTER (WHERE returned))::int AS returned,
       coalesce(array_agg((extract(epoch FROM closed_at - reported_at) / 3600)::float8 ORDER BY closed_at - reported_at)
         FILTER (WHERE closed_at IS NOT NULL AND NOT voided), '{}') AS hours,
       (SELECT jsonb_object_agg(category, n) FROM (SELECT s2.category, count(*)::int AS n FROM st s2
          WHERE s2.m = st.m AND s2.place = st.place GROUP BY s2.category) c) AS categories,
       coalesce((SELECT jsonb_object_agg(grid_code, n) FROM (SELECT s2.grid_code, count(*)::int AS n FROM st s2
          WHERE s2.m = st.m AND s2.place = st.place AND s2.grid_code IS NOT NULL GROUP BY s2.grid_code) g), '{}') AS grids
     FROM st GROUP BY m, place ORDER BY 1, 2`,
    [D],
  );
  return r.rows;
}

/** The kept rows, hours unpacked (big-endian float8, one after another). */
async function kept(t: TestDatabase): Promise<MonthRow[]> {
  await settleIncidentMonths(t.db, D);
  const r = await t.db.query<Omit<MonthRow, 'hours'> & { hours: Uint8Array }>(
    `SELECT to_char(month, 'YYYY-MM') AS month, place, count, voided, closed, closed_overdue, returned, hours, categories, grids
     FROM incident_month_figures WHERE district_code = $1 ORDER BY 1, 2`,
    [D],
  );
  return r.rows.map((row) => {
    const view = new DataView(row.hours.buffer, row.hours.byteOffset, row.hours.byteLength);
    return { ...row, hours: Array.from({ length: row.hours.byteLength / 8 }, (_, k) => view.getFloat64(8 * k, false)) };
  });
}

/** Instants around every report, deadline and transition, with "open past its deadline" then, from the transitions. */
async function overdueTruth(t: TestDatabase, region: string): Promise<{ at: number; n: number }[]> {
  const r = await t.db.query<{ at: number; n: number }>(
    `WITH at AS (
       SELECT DISTINCT x + d * interval '1 second' AS at
       FROM (SELECT reported_at AS x FROM incidents WHERE district_code = $1
             UNION SELECT deadline_at FROM incidents WHERE district_code = $1 AND deadline_at IS NOT NULL
             UNION SELECT at FROM incident_transitions WHERE district_code = $1) e, unnest(ARRAY[-1, 0, 1]) AS d
     )
     SELECT (extract(epoch FROM a.at) * 1000)::float8 AS at,
       (SELECT count(*)::int FROM incidents i
        WHERE i.district_code = $1 AND coalesce(i.community_code, i.district_code::text) LIKE $2 || '%'
          AND i.reported_at < a.at AND i.deadline_at < a.at
          AND NOT EXISTS (SELECT 1 FROM incident_transitions x WHERE x.district_code = $1 AND x.incident_id = i.id
                          AND x.state IN ('closed', 'voided') AND x.at < a.at)) AS n
     FROM at a ORDER BY 1`,
    [D, region],
  );
  return r.rows;
}

async function expectKeptEqualsDefinition(t: TestDatabase): Promise<void> {
  expect(await kept(t)).toEqual(await definition(t));
  for (const region of [D, '610198001001']) {
    const truth = await overdueTruth(t, region);
    const ours = await overdueOpenAt(
      t.db,
      D,
      region,
      truth.map((x) => x.at),
    );
    expect(truth.map((x, k) => ({ at: new Date(x.at).toISOString(), n: ours[k] }))).toEqual(
      truth.map((x) => ({ at: new Date(x.at).toISOString(), n: x.n })),
    );
  }
}

/** A small deterministic generator (the same incidents on both databases). */
function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

// Points inside two communities of the tiny district and one in none of them.
const PLACES = [
  [108.905, 34.206],
  [108.93, 34.21],
  [108.8, 34.1],
];
const CATEGORIES = ['environment', 'dispute', 'safety'];

describe.each(BACKENDS)('incident figures per month on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind, 'seeded');
  });
  afterAll(() => t?.close());

  it('are the seed’s own after the seed settled them, with nothing left noted', async () => {
    const dirty = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM incident_month_dirty WHERE district_code = $1`, [D]);
    expect(dirty.rows[0]!.n).toBe(0);
    const rows = await kept(t);
    expect(rows.map((r) => [r.month, r.count, r.closed])).toEqual([
      ['2025-03', 1, 1],
      ['2025-04', 1, 0],
    ]);
    await expectKeptEqualsDefinition(t);
  });

  it('follow incidents and transitions inserted in one statement each, across months and places', async () => {
    const rnd = lcg(17);
    const incidents = Array.from({ length: 60 }, (_, k) => {
      const [lng, lat] = PLACES[Math.floor(rnd() * PLACES.length)]!;
      // Reported over three months (some at a month's last hours, so that closing crosses its end).
      const reported = Date.UTC(2025, 4, 1) + Math.floor(rnd() * 92) * 86_400_000 + Math.floor(rnd() * 24) * 3_600_000 - 8 * 3_600_000;
      const deadline = rnd() < 0.85 ? reported + Math.floor(1 + rnd() * 96) * 3_600_000 : null;
      return {
        id: 9001 + k,
        lng,
        lat,
        reported,
        deadline,
        category: CATEGORIES[Math.floor(rnd() * 3)]!,
        closure: rnd() < 0.3 ? 'overdue' : 'normal',
      };
    });
    await t.db.query(
      `INSERT INTO incidents (district_code, id, code, category, channel, state, closure, reported_at, deadline_at, location)
       SELECT $1, r.id, 'F' || r.id, r.category, 'patrol', 'reported', r.closure, to_timestamp(r.reported / 1000.0),
         to_timestamp(r.deadline / 1000.0), ST_SetSRID(ST_MakePoint(r.lng, r.lat), 4326)
       FROM json_to_recordset($2::json) AS r(id bigint, category text, closure text, reported float8, deadline float8, lng float8, lat float8)`,
      [D, JSON.stringify(incidents)],
    );
    const transitions = incidents.flatMap((i) => {
      const steps: { incident: number; seq: number; state: string; at: number }[] = [
        { incident: i.id, seq: 0, state: 'reported', at: i.reported },
      ];
      let at = i.reported;
      const fate = rnd();
      for (const state of fate < 0.15
        ? ['dispatched', 'voided']
        : fate < 0.3
          ? ['dispatched', 'dispatched', 'closed']
          : fate < 0.8
            ? ['dispatched', 'closed']
            : ['dispatched']) {
        at += Math.floor(1 + rnd() * 120) * 3_600_000;
        steps.push({ incident: i.id, seq: steps.length, state, at });
      }
      return steps;
    });
    await t.db.query(
      `INSERT INTO incident_transitions (district_code, incident_id, seq, state, at, actor_role)
       SELECT $1, r.incident, r.seq, r.state, to_timestamp(r.at / 1000.0), 'zone_manager'
       FROM json_to_recordset($2::json) AS r(incident bigint, seq integer, state text, at float8)`,
      [D, JSON.stringify(transitions)],
    );
    const rows = await kept(t);
    expect(rows.reduce((n, r) => n + r.count, 0)).toBe(62);
    expect(new Set(rows.map((r) => r.place)).size).toBeGreaterThanOrEqual(3);
    expect(rows.some((r) => r.hours.length > 1 && r.returned > 0 && r.voided > 0)).toBe(true);
    await expectKeptEqualsDefinition(t);
  });

  it('follow categories, closures, deadlines, grids and places rewritten', async () => {
    await t.db.query(`UPDATE incidents SET category = 'safety' WHERE district_code = $1 AND id % 7 = 0`, [D]);
    await t.db.query(`UPDATE incidents SET closure = 'overdue' WHERE district_code = $1 AND id % 5 = 1`, [D]);
    await t.db.query(`UPDATE incidents SET deadline_at = reported_at + interval '3 hours' WHERE district_code = $1 AND id % 4 = 2`, [D]);
    await t.db.query(`UPDATE incidents SET grid_code = NULL WHERE district_code = $1 AND id % 9 = 3`, [D]);
    // A move to another place (the in-force trigger assigns its community and grid again).
    await t.db.query(
      `UPDATE incidents SET location = ST_SetSRID(ST_MakePoint(108.93, 34.21), 4326) WHERE district_code = $1 AND id % 11 = 4`,
      [D],
    );
    // A report time moved to another month.
    await t.db.query(`UPDATE incidents SET reported_at = reported_at - interval '40 days' WHERE district_code = $1 AND id % 13 = 5`, [D]);
    await expectKeptEqualsDefinition(t);
  });

  it('follow a transition moved and one deleted, an incident deleted, and TRUNCATE of the transitions, then of the incidents', async () => {
    await t.db.query(
      `UPDATE incident_transitions SET at = at + interval '20 days' WHERE district_code = $1 AND state = 'closed' AND incident_id % 3 = 0`,
      [D],
    );
    await t.db.query(`DELETE FROM incident_transitions WHERE district_code = $1 AND state = 'voided' AND incident_id % 2 = 0`, [D]);
    await t.db.query(`DELETE FROM incidents WHERE district_code = $1 AND id IN (9002, 9010)`, [D]);
    await expectKeptEqualsDefinition(t);
    // Every transition gone, the incidents kept: none closed, every one with a deadline open past it.
    await t.db.exec('TRUNCATE incident_transitions');
    await expectKeptEqualsDefinition(t);
    expect((await kept(t)).every((r) => r.closed === 0 && r.voided === 0)).toBe(true);
    await t.db.exec('TRUNCATE incidents CASCADE');
    const left = await t.db.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM incident_month_figures) + (SELECT count(*) FROM incident_month_dirty) + (SELECT count(*) FROM incident_overdue_spans) AS n`,
    );
    expect(Number(left.rows[0]!.n)).toBe(0);
  });
});

describe.each(BACKENDS)('the dashboard’s incident section on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind, 'seeded');
    const rnd = lcg(5);
    const rows = Array.from({ length: 40 }, (_, k) => ({
      id: 9101 + k,
      // The first at 20:00 on June 30th, closed on July 2nd: June as it stood at its end has it open.
      reported: k === 0 ? Date.UTC(2025, 5, 30, 12) : Date.UTC(2025, 5, 1) + Math.floor(rnd() * 60 * 24) * 3_600_000,
      category: CATEGORIES[k % 3],
    }));
    await t.db.query(
      `WITH i AS (
         INSERT INTO incidents (district_code, id, code, category, channel, state, reported_at, deadline_at, location)
         SELECT $1, r.id, 'S' || r.id, r.category, 'patrol', 'reported', to_timestamp(r.reported / 1000.0),
           to_timestamp(r.reported / 1000.0) + interval '2 days', ST_SetSRID(ST_MakePoint(108.905, 34.206), 4326)
         FROM json_to_recordset($2::json) AS r(id bigint, category text, reported float8) RETURNING id, reported_at)
       INSERT INTO incident_transitions (district_code, incident_id, seq, state, at, actor_role)
       SELECT $1, i.id, s, st, i.reported_at + (s * (i.id % 5 + 1) * 9) * interval '1 hour', 'zone_manager'
       FROM i, (VALUES (0, 'reported'), (1, 'dispatched'), (2, 'closed')) v(s, st) WHERE s < 2 OR i.id % 4 <> 0`,
      [D, JSON.stringify(rows)],
    );
  });
  afterAll(() => t?.close());

  it('reads whole months from the kept figures and equals the same months read span by span', async () => {
    const june = { fromMs: shanghaiMidnight('2025-06-01'), toMs: shanghaiMidnight('2025-07-01') };
    const july = { fromMs: shanghaiMidnight('2025-07-01'), toMs: shanghaiMidnight('2025-08-01') };
    expect([wholeMonthOf(june), wholeMonthOf(july), wholeMonthOf({ ...july, toMs: july.toMs - 1 })]).toEqual(['2025-06', '2025-07', null]);
    const asOfEnd = shanghaiMidnight('2025-09-01');
    const months = ['2025-05', '2025-06', '2025-07', '2025-08'];
    const kept = await incidentSection(t.db, D, D, [july, june], months, asOfEnd, 3);
    // The same spans, each made not whole by a bound a millisecond off where no incident lies:
    // read from the incidents and their marks instead.
    const live = await incidentSection(
      t.db,
      D,
      D,
      [july, june].map((w) => ({ fromMs: w.fromMs - 1, toMs: w.toMs })),
      months,
      asOfEnd - 1,
      3,
    );
    expect(kept.windows[0]!.count).toBeGreaterThan(0);
    expect(kept.windows[0]!.medianHoursToClose).not.toBeNull();
    expect(kept).toEqual(live);
  });

  it('works a median out as percentile_cont does', async () => {
    const values = [3.5, 1, 10, 2.25, 7];
    for (const n of [1, 2, 3, 4, 5]) {
      const r = await t.db.query<{ m: number }>(
        `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY v)::float8 AS m FROM unnest($1::float8[]) v`,
        [values.slice(0, n)],
      );
      expect(medianOf(Float64Array.from(values.slice(0, n)))).toBe(r.rows[0]!.m);
    }
    expect(medianOf(new Float64Array())).toBeNull();
  });
});
