/**
 * `GET /api/dashboard` on both databases: every figure against a count worked out here in
 * plain SQL on the same data (written without the dashboard's SQL), the jurisdiction (403),
 * suppression of small visit counts, and no special-group section without
 * special_groups.aggregate.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/db.types.js';
import { BACKENDS } from '../test/test-database.js';
import { FAST_HASH, useTestApp, type Client } from '../test/test-app.js';
import { createUser } from '../users/create-user.js';
import { TINY_COMMUNITY_EAST, TINY_COMMUNITY_WEST, TINY_DISTRICT_CODE } from '../test/tiny-district.fixture.js';
import type { Dashboard } from './dashboard.schemas.js';

const D = TINY_DISTRICT_CODE;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Points in each grid in force (west 1, west 2, east 1), `[lng, lat]`. */
const SPOTS: [number, number][] = [
  [108.905, 34.206],
  [108.915, 34.212],
  [108.93, 34.205],
  [108.935, 34.215],
];
const CATEGORIES = ['environment', 'dispute', 'facility'];

/**
 * Incidents from April 2024 to June 2025, a few a month, with closed-loop histories of every
 * kind: voided, closed on time, closed late, sent back for rework, still open (some past their
 * deadline), closed after the end of the month they were reported in.
 */
async function addIncidents(db: Db): Promise<void> {
  const start = Date.parse('2024-04-03T02:00:00Z');
  for (let k = 0; k < 90; k++) {
    const id = 1000 + k;
    const reported = start + k * 5 * DAY + (k % 7) * HOUR;
    const [lng, lat] = SPOTS[k % SPOTS.length]!;
    const deadline = reported + 3 * DAY;
    const steps: [string, number][] = [['reported', reported]];
    let state = 'reported';
    let closure: string | null = null;
    let rework = 0;
    if (k % 11 === 0) {
      steps.push(['voided', reported + 2 * HOUR]);
      state = 'voided';
    } else {
      steps.push(['dispatched', reported + 3 * HOUR]);
      state = 'dispatched';
      if (k % 7 === 0) {
        steps.push(['verified', reported + 30 * HOUR], ['dispatched', reported + 31 * HOUR]);
        rework = 1;
      }
      if (k % 4 !== 3) {
        // Closed after 10 h … 6 days: some past the deadline, some in the next month.
        const closedAt = reported + (10 + (k % 13) * 11) * HOUR;
        steps.push(['closed', closedAt]);
        state = 'closed';
        closure = closedAt > deadline ? 'overdue' : 'normal';
      }
    }
    await db.query(
      `INSERT INTO incidents (district_code, id, code, category, channel, state, closure, rework_count, deadline_at, reported_at, location)
       VALUES ($1, $2, $3, $4, 'patrol', $5, $6, $7, $8, $9, ST_SetSRID(ST_MakePoint($10, $11), 4326))`,
      [
        D,
        id,
        `T${id}`,
        CATEGORIES[k % 3],
        state,
        closure,
        rework,
        state === 'voided' ? null : new Date(deadline).toISOString(),
        new Date(reported).toISOString(),
        lng,
        lat,
      ],
    );
    for (const [i, [s, at]] of steps.entries())
      await db.query(
        `INSERT INTO incident_transitions (district_code, incident_id, seq, state, at, actor_role) VALUES ($1, $2, $3, $4, $5, 'zone_manager')`,
        [D, id, i + 1, s, new Date(at).toISOString()],
      );
  }
}

/** Roster, people and visits around the fixture's own. */
async function addPeopleAndStaff(db: Db): Promise<void> {
  await db.query(`INSERT INTO staff (district_code, id, name) VALUES ($1, 10, '王芳'), ($1, 11, '赵磊'), ($1, 12, '陈静')`, [D]);
  await db.query(
    `INSERT INTO staff_assignments (district_code, staff_id, role, region_code, zone_code, grid_code) VALUES
       ($1, 10, 'zone_manager', '610198001001', '61019800100101', NULL),
       ($1, 11, 'supervisor', '610198001', NULL, NULL),
       ($1, 12, 'assistant', '610198001001', NULL, NULL),
       ($1, 12, 'community_manager', '610198001001', NULL, NULL)`,
    [D],
  );
  // 7 elderly people living alone in building 4 (east), visited in June 2025; 2 low-income in building 5, visited in April.
  for (let i = 0; i < 7; i++)
    await db.query(
      `INSERT INTO special_group_records (district_code, building_id, category, since) VALUES ($1, 4, 'elderly_alone', '2023-01-01')`,
      [D],
    );
  for (let i = 0; i < 2; i++)
    await db.query(
      `INSERT INTO special_group_records (district_code, building_id, category, since) VALUES ($1, 5, 'low_income', '2024-01-01')`,
      [D],
    );
  await db.query(
    `INSERT INTO visits (district_code, staff_id, building_id, visited_at, kind) VALUES
       ($1, 1, 4, '2025-06-12T03:00:00Z', 'elderly_alone'), ($1, 1, 4, '2024-06-12T03:00:00Z', 'elderly_alone'),
       ($1, 1, 5, '2025-04-20T03:00:00Z', 'difficulty')`,
    [D],
  );
  // The east draft, submitted on 10 June 2025: waiting at the end of June, not at the end of May.
  await db.query(
    `UPDATE plans SET status = 'submitted', submitted_at = '2025-06-10T00:00:00Z', submitted_by = 'planner' WHERE district_code = $1 AND id = 2`,
    [D],
  );
}

/** Shanghai month `[from, to)` as timestamptz literals. */
const month = (m: string, next: string): [string, string] => [`${m}-01T00:00:00+08:00`, `${next}-01T00:00:00+08:00`];

async function one(db: Db, sql: string, params: unknown[]): Promise<number | null> {
  const r = await db.query<{ n: number | null }>(sql, params);
  const n = r.rows[0]?.n;
  return n === null || n === undefined ? null : Number(n);
}

/** Plain-SQL incident figures of a region for a window, as they stood at its end. */
async function expectedIncidents(db: Db, region: string, [from, to]: [string, string]) {
  // State at `to`: every transition before it, grouped per incident.
  const perIncident = `
    SELECT i.id, i.category, i.reported_at, i.closure,
      min(t.at) FILTER (WHERE t.state = 'closed') AS closed_at,
      bool_or(t.state = 'voided') AS voided,
      count(*) FILTER (WHERE t.state = 'dispatched') AS dispatches
    FROM incidents i JOIN incident_transitions t ON t.district_code = i.district_code AND t.incident_id = i.id AND t.at < $4::timestamptz
    JOIN regions c ON c.district_code = i.district_code AND c.level = 'community' AND ST_Intersects(c.boundary, i.location)
    WHERE i.district_code = $1 AND starts_with(c.code, $2) AND i.reported_at >= $3::timestamptz AND i.reported_at < $4::timestamptz
    GROUP BY i.id, i.category, i.reported_at, i.closure`;
  const p = [D, region, from, to];
  const count = await one(db, `SELECT count(*) AS n FROM (${perIncident}) x`, p);
  const notVoided = await one(db, `SELECT count(*) AS n FROM (${perIncident}) x WHERE NOT voided`, p);
  const closed = await one(db, `SELECT count(*) AS n FROM (${perIncident}) x WHERE NOT voided AND closed_at IS NOT NULL`, p);
  const hours = (
    await db.query<{ h: number }>(
      `SELECT extract(epoch FROM closed_at - reported_at) / 3600 AS h FROM (${perIncident}) x WHERE NOT voided AND closed_at IS NOT NULL ORDER BY 1`,
      p,
    )
  ).rows.map((r) => Number(r.h));
  const median =
    hours.length === 0
      ? null
      : hours.length % 2
        ? hours[(hours.length - 1) / 2]!
        : (hours[hours.length / 2 - 1]! + hours[hours.length / 2]!) / 2;
  const closedOverdue = await one(
    db,
    `SELECT count(*) AS n FROM (${perIncident}) x WHERE NOT voided AND closed_at IS NOT NULL AND closure = 'overdue'`,
    p,
  );
  const rework = await one(db, `SELECT count(*) AS n FROM (${perIncident}) x WHERE dispatches >= 2`, p);
  const byCategory = Object.fromEntries(
    (
      await db.query<{ category: string; n: number }>(`SELECT category, count(*) AS n FROM (${perIncident}) x GROUP BY category`, p)
    ).rows.map((r) => [r.category, Number(r.n)]),
  );
  const overdueOpen = await one(
    db,
    `SELECT count(*) AS n FROM incidents i
     JOIN regions c ON c.district_code = i.district_code AND c.level = 'community' AND ST_Intersects(c.boundary, i.location)
     WHERE i.district_code = $1 AND starts_with(c.code, $2) AND i.reported_at < $3::timestamptz AND i.deadline_at < $3::timestamptz
       AND i.id NOT IN (SELECT incident_id FROM incident_transitions WHERE district_code = $1 AND state IN ('closed', 'voided') AND at < $3::timestamptz)`,
    [D, region, to],
  );
  return { count, notVoided, closed, median, closedOverdue, rework, byCategory, overdueOpen };
}

const r4 = (n: number | null): number | null => (n === null ? null : Math.round(n * 1e4) / 1e4);
const r1 = (n: number | null): number | null => (n === null ? null : Math.round(n * 10) / 10);

describe.each(BACKENDS)('GET /api/dashboard on %s', (kind) => {
  const ctx = useTestApp(kind);
  let leader: Client;
  let board: Dashboard;

  beforeAll(async () => {
    await addIncidents(ctx.t.db);
    await addPeopleAndStaff(ctx.t.db);
    leader = await ctx.login('leader');
    const res = await leader.get<Dashboard>('/api/dashboard');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    board = res.body;
  });

  it('defaults to the district, the last whole month before the reference date, and compares with the month before and a year before', () => {
    expect(board.region.code).toBe(D);
    expect(board.asOf).toBe('2025-06-30');
    expect(board.period).toEqual({
      key: '2025-06',
      kind: 'month',
      current: { from: '2025-06-01', to: '2025-07-01' },
      previous: { from: '2025-05-01', to: '2025-06-01' },
      yearAgo: { from: '2024-06-01', to: '2024-07-01' },
    });
    expect(board.incidents.series.months).toHaveLength(13);
    expect(board.incidents.series.months.at(-1)).toBe('2025-06');
    expect(board.incidents.count.link).toMatchObject({ view: 'analyst', region: D, period: { from: '2025-06-01', to: '2025-07-01' } });
  });

  it('counts incidents and their closed loop as plain SQL does, in each period and each month of the series', async () => {
    const windows = {
      value: month('2025-06', '2025-07'),
      previous: month('2025-05', '2025-06'),
      yearAgo: month('2024-06', '2024-07'),
    } as const;
    const households = await one(ctx.t.db, `SELECT sum(households) AS n FROM buildings WHERE district_code = $1`, [D]);
    expect(board.households).toBe(households);
    for (const [key, w] of Object.entries(windows) as [keyof typeof windows, [string, string]][]) {
      const e = await expectedIncidents(ctx.t.db, D, w);
      expect(e.count).toBeGreaterThan(0);
      expect(board.incidents.count[key], key).toBe(e.count);
      expect(board.incidents.per1000Households[key]).toBe(Math.round(((e.count! * 1000) / households!) * 100) / 100);
      expect(board.incidents.closedShare[key], key).toBe(r4(e.closed! / e.notVoided!));
      expect(board.incidents.medianHoursToClose[key], key).toBe(r1(e.median));
      expect(board.incidents.closedOverdue[key], key).toBe(e.closedOverdue);
      expect(board.incidents.returnedForRework[key], key).toBe(e.rework);
      expect(board.incidents.overdueOpen[key], key).toBe(e.overdueOpen);
      for (const c of CATEGORIES)
        expect(board.incidents.byCategory.find((b) => b.category === c)?.count[key] ?? 0, `${key} ${c}`).toBe(e.byCategory[c] ?? 0);
    }
    const months = board.incidents.series.months;
    for (const [i, m] of months.entries()) {
      const next = months[i + 1] ?? '2025-07';
      const e = await expectedIncidents(ctx.t.db, D, month(m, next));
      expect(board.incidents.series.count[i], m).toBe(e.count);
      expect(board.incidents.series.closedShare[i], m).toBe(e.notVoided ? r4(e.closed! / e.notVoided) : null);
      expect(board.incidents.series.medianHoursToClose[i], m).toBe(r1(e.median));
      expect(board.incidents.series.returnedForRework[i], m).toBe(e.rework);
    }
  });

  it('lists the heaviest grids by incidents in the period with their rate per 1,000 households', async () => {
    const [from, to] = month('2025-06', '2025-07');
    const expected = await ctx.t.db.query<{ code: string; n: number; households: number }>(
      `WITH n AS (
         SELECT g.code, count(*) AS n
         FROM incidents i JOIN grids g ON g.district_code = i.district_code AND g.plan_id = 1 AND ST_Contains(g.geometry, i.location)
         WHERE i.district_code = $1 AND i.reported_at >= $2 AND i.reported_at < $3
         GROUP BY g.code
       )
       SELECT n.code, n.n,
         (SELECT sum(b.households) FROM grids g JOIN buildings b ON b.district_code = g.district_code AND ST_Contains(g.geometry, ST_Centroid(b.footprint))
          WHERE g.district_code = $1 AND g.plan_id = 1 AND g.code = n.code) AS households
       FROM n ORDER BY n.n DESC, n.code LIMIT 5`,
      [D, from, to],
    );
    expect(board.incidents.heaviestGrids.map((h) => [h.code, h.count, h.households, h.per1000])).toEqual(
      expected.rows.map((r) => [r.code, Number(r.n), Number(r.households), Math.round((Number(r.n) * 1e5) / Number(r.households)) / 100]),
    );
  });

  it('counts grids in force against the rule, exceptions apart, and plans waiting for approval', async () => {
    const loads = await ctx.t.db.query<{ code: string; households: number; persons: number; type: string }>(
      `SELECT g.code, g.type, coalesce(sum(b.households), 0) AS households, coalesce(sum(b.persons), 0) AS persons
       FROM grids g LEFT JOIN buildings b ON b.district_code = g.district_code AND ST_Contains(g.geometry, ST_Centroid(b.footprint))
       WHERE g.district_code = $1 AND g.plan_id = 1 GROUP BY g.code, g.type`,
      [D],
    );
    // 300 households or 1,000 persons (either suffices), under 40 % of both is too small.
    const status = (r: { households: number; persons: number }) => {
      const [h, p] = [Number(r.households) / 300, Number(r.persons) / 1000];
      return Math.min(h, p) > 1 ? 'over' : Math.max(h, p) < 0.4 ? 'under' : 'ok';
    };
    const statuses = loads.rows.map(status);
    expect(board.grids.count.value).toBe(loads.rows.length);
    expect(board.grids.within.value).toBe(statuses.filter((s) => s === 'ok').length);
    expect(board.grids.over.value).toBe(statuses.filter((s) => s === 'over').length);
    expect(board.grids.under.value).toBe(statuses.filter((s) => s === 'under').length);
    expect(board.grids.exceptions.dedicated.value).toBe(0);
    // A year before, no plan had been approved: no grid in force.
    expect(board.grids.count.yearAgo).toBe(0);
    const waiting = async (at: string) =>
      one(ctx.t.db, `SELECT count(*) AS n FROM plans WHERE district_code = $1 AND status = 'submitted' AND submitted_at < $2`, [D, at]);
    expect(board.grids.plansWaiting.value).toBe(await waiting('2025-07-01T00:00:00+08:00'));
    expect(board.grids.plansWaiting.value).toBe(1);
    expect(board.grids.plansWaiting.previous).toBe(await waiting('2025-06-01T00:00:00+08:00'));
  });

  it('counts grids with every N+5 role filled and vacancies by role as plain SQL does', async () => {
    const gaps = await ctx.t.db.query<{ code: string; role: string }>(
      // The district's staffing model is the default N+5 (migration 0038): its required roles.
      `SELECT g.code, r.key AS role FROM grids g, (SELECT role AS key FROM staff_model_roles WHERE model_key = 'n_plus_5' AND required) r
       WHERE g.district_code = $1 AND g.plan_id = 1
         AND r.key NOT IN (
           SELECT a.role FROM staff_assignments a WHERE a.district_code = $1 AND a.grid_code = g.code
           UNION SELECT a.role FROM staff_assignments a WHERE a.district_code = $1 AND a.grid_code IS NULL AND a.zone_code = g.zone_code
           UNION SELECT a.role FROM staff_assignments a WHERE a.district_code = $1 AND a.grid_code IS NULL AND a.zone_code IS NULL
             AND starts_with(g.community_code, a.region_code))`,
      [D],
    );
    const understaffed = new Set(gaps.rows.map((g) => g.code));
    expect(board.staffing.fullyStaffed.value).toBe(3 - understaffed.size);
    expect(board.staffing.fullyStaffed.value).toBe(1); // west 1: every role, by grid, zone, community and subdistrict
    for (const v of board.staffing.vacancies) expect(v.grids.value, v.role).toBe(gaps.rows.filter((g) => g.role === v.role).length);
  });

  it('gives patrol coverage as the street length within 30 m of a track, from the kept days', async () => {
    expect(board.patrols.status).toBe('ready');
    if (board.patrols.status !== 'ready') return;
    const [from, to] = month('2025-06', '2025-07');
    const share = await one(
      ctx.t.db,
      `WITH s AS (
         SELECT st.id, st.length_m, st.mid FROM street_stretches st
         WHERE st.district_code = $1 AND EXISTS (SELECT 1 FROM regions c WHERE c.district_code = $1 AND c.level = 'community' AND ST_Intersects(c.boundary, st.mid))
       )
       SELECT sum(length_m) FILTER (WHERE EXISTS (
           SELECT 1 FROM patrol_tracks t WHERE t.district_code = $1 AND t.started_at < $3 AND t.ended_at >= $2
             AND ST_DWithin(t.geom::geography, s.mid::geography, 30))) / sum(length_m) AS n
       FROM s`,
      [D, from, to],
    );
    // Stretches exactly 30 m away may fall either side of the kept days' planar test.
    expect(board.patrols.coverageShare.value).toBeCloseTo(share!, 3);
    expect(board.patrols.coverageShare.value).toBeGreaterThan(0);
    // A community's share counts its own stretches only (read by the stretch index below the district).
    for (const community of [TINY_COMMUNITY_WEST, TINY_COMMUNITY_EAST]) {
      const own = await one(
        ctx.t.db,
        `WITH s AS (
           SELECT st.id, st.length_m, st.mid FROM street_stretches st
           WHERE st.district_code = $1 AND EXISTS (SELECT 1 FROM regions c WHERE c.district_code = $1 AND c.code = $4 AND ST_Intersects(c.boundary, st.mid))
         )
         SELECT sum(length_m) FILTER (WHERE EXISTS (
             SELECT 1 FROM patrol_tracks t WHERE t.district_code = $1 AND t.started_at < $3 AND t.ended_at >= $2
               AND ST_DWithin(t.geom::geography, s.mid::geography, 30))) / sum(length_m) AS n
         FROM s`,
        [D, from, to, community],
      );
      const res = await leader.get<Dashboard>(`/api/dashboard?region=${community}`);
      expect(res.status).toBe(200);
      expect(res.body.patrols.status === 'ready' && res.body.patrols.coverageShare.value, community).toBeCloseTo(own ?? 0, 3);
    }
    // Grids no track touched in the last N days of June: every grid for 7 days, all but west 1 (patrolled on 1 June) for 30.
    const idle = (days: number) =>
      one(
        ctx.t.db,
        `SELECT count(*) AS n FROM grids g WHERE g.district_code = $1 AND g.plan_id = 1 AND NOT EXISTS (
           SELECT 1 FROM patrol_tracks t WHERE t.district_code = $1 AND ST_Intersects(t.geom, g.geometry)
             AND t.ended_at > $2::timestamptz - make_interval(days => $3) AND t.started_at < $2::timestamptz)`,
        [D, to, days],
      );
    expect(board.patrols.idleDays).toBe(7);
    expect(board.patrols.notPatrolled.value).toBe(await idle(7));
    const month30 = await leader.get<Dashboard>('/api/dashboard?idleDays=30');
    expect(month30.body.patrols.status === 'ready' && month30.body.patrols.notPatrolled.value).toBe(await idle(30));
    expect(await idle(30)).toBe(2);
    const dead = await ctx.get<{ features: unknown[] }>(`/api/analytics/patrols/dead-corners?days=30`);
    expect(board.patrols.deadCorners.value).toBe(dead.body.features.length);
  });

  it('counts special-group visits due and done against the cadence, small counts suppressed', () => {
    const sg = board.specialGroups!;
    expect(sg.threshold).toBe(5);
    const row = (c: string) => sg.rows.find((r) => r.category === c)!;
    // 8 elderly people living alone (1 in building 1, 7 in building 4), all visited in June.
    expect(row('elderly_alone')).toMatchObject({ cadence: 'monthly', window: { from: '2025-06-01', to: '2025-07-01' } });
    expect(row('elderly_alone').due).toEqual({ count: 8 });
    expect(row('elderly_alone').done).toEqual({ count: 8 });
    // Two low-income people visited in the quarter: a small count, suppressed.
    expect(row('low_income')).toMatchObject({ cadence: 'quarterly', window: { from: '2025-04-01', to: '2025-07-01' } });
    expect(row('low_income').due).toMatchObject({ suppressed: true, display: '<5' });
    expect(row('low_income').done).toMatchObject({ suppressed: true });
    // A year before: the 7 in building 4 were visited, the one in building 1 was not — 7 of 8
    // would give the 1 away, so the visited count is withheld too.
    expect(row('elderly_alone').yearAgo.done).toMatchObject({ suppressed: true, reason: 'complementary' });
    const cells = sg.rows.flatMap((r) => [r.due, r.done, r.previous.due, r.previous.done, r.yearAgo.due, r.yearAgo.done]);
    for (const c of cells) if ('count' in c) expect(c.count === 0 || c.count >= 5).toBe(true);
  });

  it('says where each section of records begins and flags no comparison of a district with two years of incidents', async () => {
    const first = async (sql: string) =>
      (
        await ctx.t.db.query<{ d: string | null }>(
          `SELECT to_char(min(x) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS d FROM (${sql}) s(x)`,
          [D],
        )
      ).rows[0]!.d;
    // June 2025 against May 2025 and June 2024: incidents began in April 2024.
    expect(board.incidents.records).toEqual({
      since: await first(`SELECT reported_at FROM incidents WHERE district_code = $1`),
      previousPartial: false,
      yearAgoPartial: false,
    });
    expect(board.incidents.records.since).toBe('2024-04-03');
    // Patrol tracks begin on 1 June 2025: neither May nor June 2024 had any to count.
    expect(board.patrols.status === 'ready' && board.patrols.records).toEqual({
      since: await first(`SELECT started_at FROM patrol_tracks WHERE district_code = $1`),
      previousPartial: true,
      yearAgoPartial: true,
    });
    expect(board.specialGroups!.records.since).toBe(await first(`SELECT visited_at FROM visits WHERE district_code = $1`));
    expect(board.specialGroups!.records.since).toBe('2024-06-12');
  });

  it('flags a comparison that starts before the first incident and leaves the figures as they were', async () => {
    // May 2024: the previous month (April) holds the first incident on 3 April; May 2023 had none.
    const res = await leader.get<Dashboard>('/api/dashboard?period=2024-05');
    expect(res.status).toBe(200);
    expect(res.body.incidents.records).toEqual({ since: '2024-04-03', previousPartial: true, yearAgoPartial: true });
    const e = await expectedIncidents(ctx.t.db, D, month('2024-05', '2024-06'));
    const ep = await expectedIncidents(ctx.t.db, D, month('2024-04', '2024-05'));
    expect(res.body.incidents.count.value).toBe(e.count);
    expect(res.body.incidents.count.previous).toBe(ep.count);
    expect(res.body.incidents.count.yearAgo).toBe(0);
    // A community whose first record comes after the asOf day has none yet: nothing to flag.
    const early = await leader.get<Dashboard>('/api/dashboard?period=2024-03&asOf=2024-03-31');
    expect(early.body.incidents.records).toEqual({ since: null, previousPartial: false, yearAgoPartial: false });
    // A year against the year before: 2025 holds whole months, 2024 begins in April.
    const year = await leader.get<Dashboard>('/api/dashboard?period=2025');
    expect(year.body.incidents.records).toMatchObject({ previousPartial: true, yearAgoPartial: true });
    const june = await leader.get<Dashboard>(`/api/dashboard?region=${TINY_COMMUNITY_WEST}&period=2025-06`);
    expect(june.body.incidents.records.since! >= '2024-04-03').toBe(true);
    expect(june.body.incidents.records.previousPartial).toBe(false);
  });

  it('leaves the special-group section out for a role without special_groups.aggregate', async () => {
    // An analyst role stripped of the permission, given to a fresh user.
    await ctx.t.db.query(
      `INSERT INTO roles (key, zh, en, permissions) VALUES ('briefer', '汇报员', 'Briefer', '["dashboard.read", "map.read"]'::jsonb)`,
    );
    await createUser(
      ctx.t.db,
      { username: 'briefer', password: 'briefer-password-1', roles: ['briefer'], jurisdictions: [D] },
      { hashParams: FAST_HASH },
    );
    const briefer = await ctx.login('briefer', 'briefer-password-1');
    const res = await briefer.get<Dashboard>('/api/dashboard');
    expect(res.status).toBe(200);
    expect(res.body).not.toHaveProperty('specialGroups');
    expect(res.body.incidents.count.value).toBe(board.incidents.count.value);
  });

  it('refuses a region outside the jurisdiction and answers for one inside it', async () => {
    const west = await ctx.login('leader-west');
    expect((await west.get(`/api/dashboard?region=${TINY_COMMUNITY_EAST}`)).status).toBe(403);
    expect((await west.get(`/api/dashboard?region=${D}`)).status).toBe(403);
    const own = await west.get<Dashboard>('/api/dashboard');
    expect(own.status).toBe(200);
    expect(own.body.region.code).toBe(TINY_COMMUNITY_WEST);
    const e = await expectedIncidents(ctx.t.db, TINY_COMMUNITY_WEST, month('2025-06', '2025-07'));
    expect(own.body.incidents.count.value).toBe(e.count);
    expect(own.body.grids.count.value).toBe(2);
  });

  it('pins figures to asOf and checks its parameters', async () => {
    // As of 15 June: June cut at the 16th, the month's default period is May.
    const pinned = await leader.get<Dashboard>('/api/dashboard?period=2025-06&asOf=2025-06-15');
    expect(pinned.status).toBe(200);
    expect(pinned.body.period.current).toEqual({ from: '2025-06-01', to: '2025-06-16' });
    const e = await expectedIncidents(ctx.t.db, D, ['2025-06-01T00:00:00+08:00', '2025-06-16T00:00:00+08:00']);
    expect(pinned.body.incidents.count.value).toBe(e.count);
    expect(pinned.body.incidents.closedShare.value).toBe(r4(e.closed! / e.notVoided!));
    expect(pinned.body.grids.plansWaiting.value).toBe(1);
    // Compared like for like: 1–15 May and 1–15 June a year before, not whole months.
    expect(pinned.body.period.previous).toEqual({ from: '2025-05-01', to: '2025-05-16' });
    expect(pinned.body.period.yearAgo).toEqual({ from: '2024-06-01', to: '2024-06-16' });
    const ep = await expectedIncidents(ctx.t.db, D, ['2025-05-01T00:00:00+08:00', '2025-05-16T00:00:00+08:00']);
    expect(pinned.body.incidents.count.previous).toBe(ep.count);
    expect((await leader.get<Dashboard>('/api/dashboard?asOf=2025-06-15')).body.period.key).toBe('2025-05');
    expect((await leader.get('/api/dashboard?period=2025-13')).status).toBe(400);
    expect((await leader.get('/api/dashboard?period=2025-08')).status).toBe(400);
    const year = await leader.get<Dashboard>('/api/dashboard?period=2024');
    expect(year.status).toBe(200);
    expect(year.body.period.previous).toEqual({ from: '2023-01-01', to: '2024-01-01' });
    const ey = await expectedIncidents(ctx.t.db, D, ['2024-01-01T00:00:00+08:00', '2025-01-01T00:00:00+08:00']);
    expect(year.body.incidents.count.value).toBe(ey.count);
  });
});
