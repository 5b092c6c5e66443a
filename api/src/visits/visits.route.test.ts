import { beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate, shanghaiMidnight } from '../analytics/patrols-period.js';
import { visitCounts } from '../dashboard/special-visits-figures.js';
import { BACKENDS } from '../test/test-database.js';
import { useTestApp, type Client } from '../test/test-app.js';
import { TINY_DISTRICT_CODE } from '../test/tiny-district.fixture.js';
import { dueByGrid } from './visits-due.js';
import type { Visit, VisitDueGrids, VisitDueList } from './visits.schemas.js';

const WEST1 = '610198001001001';
const WEST2 = '610198001001002';
const EAST1 = '610198001002001';
const DAY = '2025-06-30';

type Cell = { count: number } | { suppressed: true; display: string };

async function send<T>(client: Client, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await client.request(path, {
    method,
    headers: { 'content-type': 'application/json', 'x-csrf-token': client.csrf },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

describe.each(BACKENDS)('visits on %s', (kind) => {
  const ctx = useTestApp(kind);
  beforeAll(async () => {
    // The fixture's worker (staff 1) serves grid WEST1; link the test accounts to it.
    await ctx.t.db.query(`UPDATE users SET staff_district_code = '610198', staff_id = 1 WHERE username IN ('worker', 'worker-west')`);
    await ctx.t.db.query(`UPDATE users SET staff_district_code = '610198', staff_id = 2 WHERE username = 'admin'`);
  });

  it('due on a day per grid: persons done by a visit to their building this period, overdue after a missed period', async () => {
    // Fixture: building 1 (WEST1) visited 2025-06-03; its elderly person (monthly) and disabled
    // person (quarterly) are done. The veteran of building 4 (EAST1, yearly, since 2019) never
    // was: overdue since the end of 2019's period.
    const analyst = await ctx.login('analyst');
    const r = await analyst.get<VisitDueGrids>(`/api/visits/grids?day=${DAY}`);
    expect(r.status).toBe(200);
    const row = (code: string) => r.body.rows.find((x) => x.code === code)!;
    expect(r.body.suppressed).toBe(true);
    // 2 done in WEST1 and 1 overdue in EAST1 are small counts: withheld.
    expect(row(WEST1).done).toEqual({ suppressed: true, display: '<5', reason: 'small' });
    expect(row(EAST1).overdue).toMatchObject({ suppressed: true, display: '<5' });
    expect(row(EAST1).maxOverdueDays).toBeNull();
    expect(row(WEST2).due).toEqual({ count: 0 });

    // Unsuppressed (threshold 1), straight from the function the route uses.
    const exact = await dueByGrid(
      ctx.t.db,
      { districtCode: TINY_DISTRICT_CODE, regionCode: TINY_DISTRICT_CODE, jurisdictions: [TINY_DISTRICT_CODE], day: DAY },
      null,
      1,
    );
    const e = (code: string) => exact.rows.find((x) => x.code === code)!;
    expect([e(WEST1).due, e(WEST1).done, e(WEST1).overdue]).toEqual([{ count: 2 }, { count: 2 }, { count: 0 }]);
    expect([e(EAST1).due, e(EAST1).done, e(EAST1).overdue]).toEqual([{ count: 1 }, { count: 0 }, { count: 1 }]);
    expect(e(EAST1).maxOverdueDays).toBe((Date.parse('2025-06-30') - Date.parse('2020-01-01')) / 86_400_000);
  });

  it('households: exact counts, distinct door labels, at most the building; a month later the elderly person is due again', async () => {
    const analyst = await ctx.login('analyst');
    const r = await analyst.get<VisitDueGrids>(`/api/visits/grids?day=${DAY}&category=household`);
    expect(r.body.suppressed).toBe(false);
    const west1 = r.body.rows.find((x) => x.code === WEST1)!;
    // Buildings 1 (120 households, one visit this year) and 2 (200, none).
    expect(west1.due).toEqual({ count: 320 });
    expect(west1.done).toEqual({ count: 1 });
    expect(west1.overdue).toEqual({ count: 319 });
    expect(west1.maxOverdueDays).toBe(180);

    const july = await dueByGrid(
      ctx.t.db,
      { districtCode: TINY_DISTRICT_CODE, regionCode: TINY_DISTRICT_CODE, jurisdictions: [TINY_DISTRICT_CODE], day: '2025-07-02' },
      'elderly_alone',
      1,
    );
    const w = july.rows.find((x) => x.code === WEST1)!;
    expect([w.due, w.done, w.pending, w.overdue]).toEqual([{ count: 1 }, { count: 0 }, { count: 1 }, { count: 0 }]);
    const august = await dueByGrid(
      ctx.t.db,
      { districtCode: TINY_DISTRICT_CODE, regionCode: TINY_DISTRICT_CODE, jurisdictions: [TINY_DISTRICT_CODE], day: '2025-08-05' },
      'elderly_alone',
      1,
    );
    const a = august.rows.find((x) => x.code === WEST1)!;
    expect(a.overdue).toEqual({ count: 1 });
    // Missed July: overdue since 1 August.
    expect(a.maxOverdueDays).toBe(4);
  });

  it("agrees with the dashboard's visits due and done for the same day, with a district's own plan and a withdrawn visit", async () => {
    const window = { from: '2025-06-01', to: '2025-07-01', fromMs: shanghaiMidnight('2025-06-01'), toMs: shanghaiMidnight('2025-07-01') };
    const compare = async (expectVeteranDone: number) => {
      const [dash] = await visitCounts(ctx.t.db, TINY_DISTRICT_CODE, TINY_DISTRICT_CODE, [window]);
      for (const c of dash!) {
        const ours = await dueByGrid(
          ctx.t.db,
          { districtCode: TINY_DISTRICT_CODE, regionCode: TINY_DISTRICT_CODE, jurisdictions: [TINY_DISTRICT_CODE], day: DAY },
          c.category,
          1,
        );
        const count = (x: Cell) => ('count' in x ? x.count : NaN);
        expect([count(ours.totals.due), count(ours.totals.done)], c.category).toEqual([c.due, c.done]);
      }
      expect(dash!.find((c) => c.category === 'veteran')!.done).toBe(expectVeteranDone);
    };
    await compare(0);
    // A veteran's building visited in May: done for a yearly plan, not for a monthly one; a
    // withdrawn June visit counts for neither.
    await ctx.t.db.query(
      `INSERT INTO visits (district_code, id, staff_id, building_id, visited_at, kind) VALUES ('610198', 900, 2, 4, '2025-05-10T02:00:00Z', 'routine')`,
    );
    await ctx.t.db.query(
      `INSERT INTO visits (district_code, id, staff_id, building_id, visited_at, kind, deleted_at, delete_reason)
       VALUES ('610198', 901, 2, 4, '2025-06-10T02:00:00Z', 'routine', now(), '误录')`,
    );
    await compare(1);
    await ctx.t.db.query(
      `INSERT INTO visit_plans (district_code, category, cadence, source) VALUES ('610198', 'veteran', 'monthly', 'test')`,
    );
    await compare(0);
    await ctx.t.db.query(`DELETE FROM visit_plans WHERE district_code = '610198'`);
    await ctx.t.db.query(`DELETE FROM visits WHERE id IN (900, 901)`);
  });

  it('details: entitled roles only, in their jurisdiction, audited', async () => {
    const analyst = await ctx.login('analyst');
    expect((await analyst.get(`/api/visits/grids/${EAST1}/due?day=${DAY}`)).status).toBe(403);
    const westWorker = await ctx.login('worker-west');
    expect((await westWorker.get(`/api/visits/grids/${EAST1}/due?day=${DAY}`)).status).toBe(403);
    expect((await westWorker.get(`/api/visits/grids/610198001002002/due?day=${DAY}`)).status).toBe(404);
    const worker = await ctx.login('worker');
    const r = await worker.get<VisitDueList>(`/api/visits/grids/${EAST1}/due?day=${DAY}`);
    expect(r.status).toBe(200);
    const veteran = r.body.items.find((i) => i.recordId === 3)!;
    expect(veteran).toMatchObject({
      category: 'veteran',
      cadence: 'yearly',
      buildingId: 4,
      units: 1,
      overdue: 1,
      lastVisit: null,
      dueBy: '2025-12-31',
    });
    // Overdue first.
    expect(r.body.items[0]!.overdue).toBeGreaterThan(0);
    const audit = await ctx.t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'visits.due.read' AND target = $1`,
      [EAST1],
    );
    expect(audit.rows[0]!.n).toBeGreaterThan(0);
  });

  it('record: own grid only, building of that grid, not in the future; it counts at once; the note is never audited', async () => {
    const worker = await ctx.login('worker');
    const now = new Date().toISOString();
    const day = shanghaiDate(Date.now());
    const ok = await send<Visit>(worker, 'POST', '/api/visits', {
      gridCode: WEST1,
      buildingId: 2,
      category: 'household',
      visitedAt: now,
      household: '3-201',
      note: '家中老人身体不适，已联系社区医生',
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      staffId: 1,
      staffName: '张伟',
      buildingId: 2,
      gridCode: WEST1,
      household: '3-201',
      version: 1,
      withdrawn: null,
    });
    const notMine = await send<{ error: { message: string } }>(worker, 'POST', '/api/visits', {
      gridCode: EAST1,
      buildingId: 4,
      category: 'household',
      visitedAt: now,
    });
    expect(notMine.status).toBe(403);
    expect(notMine.body.error.message).toMatch(/not one of your grids/);
    const wrongBuilding = await send(worker, 'POST', '/api/visits', {
      gridCode: WEST1,
      buildingId: 3,
      category: 'household',
      visitedAt: now,
    });
    expect(wrongBuilding.status).toBe(400);
    const future = await send(worker, 'POST', '/api/visits', {
      gridCode: WEST1,
      buildingId: 2,
      category: 'household',
      visitedAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(future.status).toBe(400);
    const nul = await send(worker, 'POST', '/api/visits', {
      gridCode: WEST1,
      buildingId: 2,
      category: 'household',
      visitedAt: now,
      note: 'a\u0000b',
    });
    expect(nul.status).toBe(400);
    const analyst = await ctx.login('analyst');
    expect(
      (await send(analyst, 'POST', '/api/visits', { gridCode: WEST1, buildingId: 2, category: 'household', visitedAt: now })).status,
    ).toBe(403);
    // The same door twice counts once.
    await send(worker, 'POST', '/api/visits', {
      gridCode: WEST1,
      buildingId: 2,
      category: 'household',
      visitedAt: now,
      household: '3-201',
    });
    const counts = await dueByGrid(
      ctx.t.db,
      { districtCode: TINY_DISTRICT_CODE, regionCode: TINY_DISTRICT_CODE, jurisdictions: [TINY_DISTRICT_CODE], day },
      'household',
      1,
    );
    const w = counts.rows.find((x) => x.code === WEST1)!;
    expect(w.done).toEqual({ count: 1 });
    const audit = await ctx.t.db.query<{ detail: string }>(`SELECT detail::text AS detail FROM audit_log WHERE action = 'visits.record'`);
    expect(audit.rows.length).toBeGreaterThan(0);
    expect(audit.rows.some((a) => a.detail.includes('医生'))).toBe(false);
  });

  it("corrections and withdrawals: one's own within the window, versions checked, others' refused, admins any", async () => {
    const worker = await ctx.login('worker');
    const created = await send<Visit>(worker, 'POST', '/api/visits', {
      gridCode: WEST1,
      buildingId: 1,
      category: 'elderly_alone',
      visitedAt: new Date().toISOString(),
    });
    const path = `/api/visits/${TINY_DISTRICT_CODE}/${created.body.id}`;
    const fixed = await send<Visit>(worker, 'PATCH', path, { version: 1, category: 'disabled', note: '更正类别' });
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({ category: 'disabled', version: 2, note: '更正类别' });
    const stale = await send(worker, 'PATCH', path, { version: 1, note: 'x' });
    expect(stale.status).toBe(409);
    // The generated visit 1 was recorded by nobody: a worker may not touch it, an admin may.
    expect((await send(worker, 'PATCH', `/api/visits/${TINY_DISTRICT_CODE}/1`, { version: 1, note: 'x' })).status).toBe(403);
    const noReason = await send(worker, 'DELETE', `${path}?version=2`);
    expect(noReason.status).toBe(400);
    const withdrawn = await send<Visit>(worker, 'DELETE', `${path}?version=2&reason=${encodeURIComponent('重复录入')}`);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.withdrawn).toMatchObject({ reason: '重复录入' });
    expect((await send(worker, 'PATCH', path, { version: 3, note: 'x' })).status).toBe(409);
    // Still listed, marked; nothing disappears.
    const list = await worker.get<{ visits: Visit[] }>(
      `/api/visits/grids/${WEST1}?from=${shanghaiDate(Date.now() - 86_400_000)}&to=${shanghaiDate(Date.now())}`,
    );
    expect(list.status).toBe(200);
    expect(list.body.visits.find((v) => v.id === created.body.id)?.withdrawn?.reason).toBe('重复录入');
    // Recorded more than 7 days ago: the recorder may no longer change it.
    const other = await send<Visit>(worker, 'POST', '/api/visits', {
      gridCode: WEST1,
      buildingId: 1,
      category: 'household',
      visitedAt: new Date().toISOString(),
    });
    await ctx.t.db.query(`UPDATE visits SET recorded_at = now() - interval '8 days' WHERE id = $1`, [other.body.id]);
    expect((await send(worker, 'PATCH', `/api/visits/${TINY_DISTRICT_CODE}/${other.body.id}`, { version: 1, note: 'x' })).status).toBe(403);
    const admin = await ctx.login('admin');
    expect(
      (await send(admin, 'PATCH', `/api/visits/${TINY_DISTRICT_CODE}/${other.body.id}`, { version: 1, household: '1-101' })).status,
    ).toBe(200);
  });

  it("a grid's visits for entitled roles only; analysts and leaders get 403", async () => {
    for (const user of ['analyst', 'leader', 'planner']) {
      expect((await (await ctx.login(user)).get(`/api/visits/grids/${WEST1}?from=2025-06-01&to=${DAY}`)).status, user).toBe(403);
    }
    const worker = await ctx.login('worker');
    const r = await worker.get<{ visits: Visit[] }>(`/api/visits/grids/${WEST1}?from=2025-06-01&to=${DAY}`);
    expect(r.body.visits.map((v) => v.id)).toContain(1);
    expect((await worker.get(`/api/visits/grids/${WEST1}?from=2025-07-01&to=2025-06-01`)).status).toBe(400);
  });

  it("my visits due: the linked staff member's grids only; unlinked accounts get 403", async () => {
    const worker = await ctx.login('worker');
    const r = await worker.get<VisitDueList>(`/api/visits/mine/due?day=${DAY}`);
    expect(r.status).toBe(200);
    expect(r.body.grids.map((g) => g.code)).toEqual([WEST1]);
    expect(new Set(r.body.items.map((i) => i.gridCode))).toEqual(new Set([WEST1]));
    await ctx.t.db.query(`UPDATE users SET staff_district_code = NULL, staff_id = NULL WHERE username = 'worker-west'`);
    expect((await (await ctx.login('worker-west')).get(`/api/visits/mine/due?day=${DAY}`)).status).toBe(403);
  });

  it('plan: defaults, an admin edits (audited), the due figures follow; others refused', async () => {
    const analyst = await ctx.login('analyst');
    const plan = await analyst.get<{ plans: { category: string; cadence: string; planned: boolean }[] }>('/api/visits/plans');
    expect(plan.body.plans[0]).toMatchObject({ category: 'household', cadence: 'yearly', planned: false });
    expect(plan.body.plans.find((p) => p.category === 'veteran')!.cadence).toBe('yearly');
    expect(
      (
        await send(analyst, 'PUT', '/api/visits/plans', {
          districtCode: TINY_DISTRICT_CODE,
          plans: [{ category: 'veteran', cadence: 'monthly' }],
        })
      ).status,
    ).toBe(403);
    const admin = await ctx.login('admin');
    const twice = await send(admin, 'PUT', '/api/visits/plans', {
      districtCode: TINY_DISTRICT_CODE,
      plans: [
        { category: 'veteran', cadence: 'monthly' },
        { category: 'veteran', cadence: 'yearly' },
      ],
    });
    expect(twice.status).toBe(400);
    const put = await send<{ plans: { category: string; cadence: string; planned: boolean }[] }>(admin, 'PUT', '/api/visits/plans', {
      districtCode: TINY_DISTRICT_CODE,
      plans: [{ category: 'veteran', cadence: 'monthly', source: '区退役军人事务局要求每月走访' }],
    });
    expect(put.status).toBe(200);
    expect(put.body.plans.find((p) => p.category === 'veteran')).toMatchObject({ cadence: 'monthly', planned: true });
    const audit = await ctx.t.db.query<{ detail: { changes: unknown[] } }>(
      `SELECT detail FROM audit_log WHERE action = 'visits.plan.update' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit.rows[0]!.detail.changes).toEqual([{ category: 'veteran', from: 'yearly', to: 'monthly' }]);
    const due = await dueByGrid(
      ctx.t.db,
      { districtCode: TINY_DISTRICT_CODE, regionCode: TINY_DISTRICT_CODE, jurisdictions: [TINY_DISTRICT_CODE], day: DAY },
      'veteran',
      1,
    );
    // Monthly now: the veteran has missed every month since 2019-09; overdue since 2019-10-01.
    expect(due.rows.find((x) => x.code === EAST1)!.maxOverdueDays).toBe((Date.parse('2025-06-30') - Date.parse('2019-10-01')) / 86_400_000);
    await send(admin, 'PUT', '/api/visits/plans', {
      districtCode: TINY_DISTRICT_CODE,
      plans: [{ category: 'veteran', cadence: 'yearly' }],
    });
  });
});
