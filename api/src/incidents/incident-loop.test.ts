/**
 * The incident loop through the API on both databases: a report, every step of the loop by the
 * roles the rules allow, refusals per role and jurisdiction (403 with the reason), steps that do
 * not start from the incident's state and stale or concurrent edits (409), each step audited.
 */
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../test/test-database.js';
import { useTestApp, type Client, type Reply } from '../test/test-app.js';
import { TINY_DISTRICT_CODE } from '../test/tiny-district.fixture.js';
import type { IncidentDetail } from './incidents.schemas.js';

interface ErrorReply {
  error: { code: string; message: string };
}

const WEST: [number, number] = [108.905, 34.206];
const EAST: [number, number] = [108.93, 34.21];
/** A 1×1 JPEG's first bytes are enough for the type check; the database stores what it is given. */
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);

async function report(
  client: Client,
  at: [number, number],
  extra: Record<string, string | Blob> = {},
): Promise<Reply<IncidentDetail & ErrorReply>> {
  const form = new FormData();
  form.set('lng', String(at[0]));
  form.set('lat', String(at[1]));
  form.set('category', '环境卫生');
  form.set('description', '楼道堆放杂物');
  for (const [k, v] of Object.entries(extra)) form.set(k, v);
  const res = await client.request('/api/incidents', { method: 'POST', headers: { 'x-csrf-token': client.csrf }, body: form });
  return { status: res.status, body: (await res.json()) as IncidentDetail & ErrorReply, headers: res.headers };
}

const step = (client: Client, inc: { districtCode: string; id: number }, body: Record<string, unknown>) =>
  client.post<IncidentDetail & ErrorReply>(`/api/incidents/${inc.districtCode}/${inc.id}/transitions`, body);

describe.each(BACKENDS)('incident loop on %s', (kind) => {
  const ctx = useTestApp(kind);

  async function linkWorker(username: string, staffId: number): Promise<void> {
    await ctx.t.db.query('UPDATE users SET staff_district_code = $1, staff_id = $2 WHERE username = $3', [
      TINY_DISTRICT_CODE,
      staffId,
      username,
    ]);
  }

  it('runs a report through dispatch, handling, rework, verification, closure and evaluation, each step audited', async () => {
    await linkWorker('worker-west', 1);
    const worker = await ctx.login('worker-west');
    const dispatcher = await ctx.login('dispatcher-west');
    const leader = await ctx.login('leader');

    const reported = await report(worker, WEST, { photo: new Blob([JPEG], { type: 'image/jpeg' }) });
    expect(reported.status).toBe(201);
    let inc = reported.body;
    expect(inc).toMatchObject({ state: 'reported', version: 1, category: '环境卫生', channel: '网格员上报', description: '楼道堆放杂物' });
    expect(inc.code).toMatch(/^SJ\d{8}\d{6}$/);
    expect(inc.gridCode).toBe('610198001001001');
    expect(inc.photos).toHaveLength(1);
    expect(inc.timeline).toMatchObject([{ seq: 1, state: 'reported', role: 'worker', actor: 'worker-west', position: WEST }]);
    const photo = await worker.request(`/api/incidents/${inc.districtCode}/${inc.id}/photos/${inc.photos[0]}`);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    expect(new Uint8Array(await photo.arrayBuffer())).toEqual(JPEG);

    // The worker may not accept their own report; the dispatcher may, and sees what comes next.
    const early = await step(worker, inc, { to: 'accepted', version: 1 });
    expect(early.status).toBe(403);
    expect(early.body.error.message).toMatch(/your roles \(worker\) may not move an incident from reported to accepted/);
    const accepted = await step(dispatcher, inc, { to: 'accepted', version: 1 });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ state: 'accepted', version: 2 });
    expect(accepted.body.next.sort()).toEqual(['registered', 'voided']);
    inc = (await step(dispatcher, inc, { to: 'registered', version: 2 })).body;

    // Dispatch needs an assignee; the options list the grid's staff.
    const options = await dispatcher.get<{
      gridStaff: { id: number; role: string; roleZh: string }[];
      departments: { id: number; name: string }[];
    }>(`/api/incidents/options?region=${TINY_DISTRICT_CODE}&grid=${inc.gridCode}`);
    expect(options.body.gridStaff.map((s) => s.id)).toEqual([1]);
    // The role as the dispatcher reads it, from the roster's role names.
    const role = await ctx.t.db.query<{ zh: string }>('SELECT zh FROM staff_roles WHERE key = $1', [options.body.gridStaff[0]!.role]);
    expect(options.body.gridStaff[0]!.roleZh).toBe(role.rows[0]!.zh);
    expect(options.body.departments.map((d) => d.name)).toContain('环卫所');
    const noAssignee = await step(dispatcher, inc, { to: 'dispatched', version: 3 });
    expect(noAssignee.status).toBe(400);
    expect(noAssignee.body.error.message).toMatch(/needs a department or a staff member/);
    const dispatched = await step(dispatcher, inc, { to: 'dispatched', version: 3, staff: 1, note: '请当日处理' });
    expect(dispatched.status).toBe(200);
    inc = dispatched.body;
    expect(inc.assignee).toEqual({ kind: 'staff', id: 1, name: '张伟' });
    // 环境卫生: 24 hours from dispatch.
    const hours = (Date.parse(inc.deadlineAt!) - Date.parse(inc.timeline.at(-1)!.at)) / 3_600_000;
    expect(hours).toBeCloseTo(24, 5);

    // Only the assignee handles it: a worker linked to another staff member is refused.
    await linkWorker('worker', 2);
    const other = await step(await ctx.login('worker'), inc, { to: 'in_progress', version: 4 });
    expect(other.status).toBe(403);
    expect(other.body.error.message).toMatch(/not assigned to you/);
    const mine = await worker.get<{ staff: { id: number }; assigned: { id: number; state: string }[] }>('/api/incidents/mine');
    expect(mine.body.staff.id).toBe(1);
    expect(mine.body.assigned.map((a) => a.id)).toContain(inc.id);
    inc = (await step(worker, inc, { to: 'in_progress', version: 4, position: WEST })).body;
    inc = (await step(worker, inc, { to: 'feedback', version: 5, note: '已清理', position: WEST })).body;
    expect(inc.state).toBe('feedback');

    // Verification fails once: back to the worker, rework counted, a note required.
    const silent = await step(dispatcher, inc, { to: 'dispatched', version: 6 });
    expect(silent.status).toBe(400);
    const rework = await step(dispatcher, inc, { to: 'dispatched', version: 6, note: '仍有杂物' });
    expect(rework.body).toMatchObject({ state: 'dispatched', reworkCount: 1, assignee: { kind: 'staff', id: 1 } });
    inc = (await step(worker, rework.body, { to: 'feedback', version: 7, note: '已全部清理' })).body;
    const refusedVerify = await step(worker, inc, { to: 'verified', version: 8 });
    expect(refusedVerify.status).toBe(403);
    inc = (await step(dispatcher, inc, { to: 'verified', version: 8 })).body;
    inc = (await step(dispatcher, inc, { to: 'closed', version: 9 })).body;
    expect(inc).toMatchObject({ state: 'closed', closure: 'normal' });
    const evaluated = await step(leader, inc, { to: 'evaluated', version: 10, note: '满意' });
    expect(evaluated.status).toBe(200);
    expect(evaluated.body.timeline.map((t) => [t.state, t.role])).toEqual([
      ['reported', 'worker'],
      ['accepted', 'dispatcher'],
      ['registered', 'dispatcher'],
      ['dispatched', 'dispatcher'],
      ['in_progress', 'worker'],
      ['feedback', 'worker'],
      ['dispatched', 'dispatcher'],
      ['feedback', 'worker'],
      ['verified', 'dispatcher'],
      ['closed', 'dispatcher'],
      ['evaluated', 'leader'],
    ]);
    expect(evaluated.body.timeline[6]!.note).toBe('仍有杂物');
    const audit = await ctx.t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'incidents.transition' AND target = $1`,
      [`${inc.districtCode}:${inc.code}`],
    );
    expect(audit.rows[0]!.n).toBe(10);
  });

  it('refuses steps outside the jurisdiction, from the wrong state, on a stale version, and one of two concurrent edits', async () => {
    const dispatcher = await ctx.login('dispatcher');
    const westDispatcher = await ctx.login('dispatcher-west');
    const east = (await report(dispatcher, EAST)).body;
    expect(east.communityCode).toBe('610198001002');

    const outside = await step(westDispatcher, east, { to: 'accepted', version: 1 });
    expect(outside.status).toBe(403);
    expect(outside.body.error.message).toMatch(/outside your jurisdiction/);
    expect((await westDispatcher.get(`/api/incidents/${east.districtCode}/${east.id}`)).status).toBe(403);
    const westReport = await report(westDispatcher, EAST);
    expect(westReport.status).toBe(403);

    const wrongState = await step(dispatcher, east, { to: 'closed', version: 1 });
    expect(wrongState.status).toBe(409);
    expect(wrongState.body.error.message).toMatch(/is reported: it cannot go to closed/);
    const voidSilently = await step(dispatcher, east, { to: 'voided', version: 1 });
    expect(voidSilently.status).toBe(400);

    const [a, b] = await Promise.all([
      step(dispatcher, east, { to: 'accepted', version: 1 }),
      step(dispatcher, east, { to: 'voided', version: 1, note: '重复上报' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.error.message).toMatch(/was changed since version 1/);
    const stale = await step(dispatcher, east, { to: 'registered', version: 1 });
    expect(stale.status).toBe(409);
    const after = await dispatcher.get<IncidentDetail>(`/api/incidents/${east.districtCode}/${east.id}`);
    expect(after.body.version).toBe(2);
    expect(after.body.timeline).toHaveLength(2);

    // An analyst reads incidents but has no permission to work the loop.
    expect((await step(await ctx.login('analyst'), east, { to: 'registered', version: 2 })).status).toBe(403);
  });

  it('refuses a report with a bad photo, an unknown category or a position in no district, and stores nothing', async () => {
    const worker = await ctx.login('worker');
    const before = await ctx.t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM incidents');
    const svg = await report(worker, WEST, { photo: new Blob(['<svg xmlns="http://www.w3.org/2000/svg"/>'], { type: 'image/jpeg' }) });
    expect(svg.status).toBe(400);
    expect(svg.body.error.message).toMatch(/JPEG, PNG or WebP/);
    const category = await report(worker, WEST, { category: '外星人' });
    expect(category.status).toBe(400);
    expect(category.body.error.message).toMatch(/unknown category "外星人": categories are .*环境卫生/);
    const nowhere = await report(worker, [0, 0]);
    expect(nowhere.status).toBe(400);
    expect(nowhere.body.error.message).toMatch(/lies in no district/);
    const control = await report(worker, WEST, { description: 'a\u0000b' });
    expect(control.status).toBe(400);
    const after = await ctx.t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM incidents');
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });

  it('lists with filters, counts per state and overdue, and maps the same incidents compactly', async () => {
    const dispatcher = await ctx.login('dispatcher');
    const all = await dispatcher.get<{
      total: number;
      counts: Record<string, number>;
      overdue: number;
      incidents: { id: number; state: string; overdue: boolean }[];
    }>(`/api/incidents?region=${TINY_DISTRICT_CODE}`);
    expect(all.status).toBe(200);
    const db = await ctx.t.db.query<{ state: string; n: number }>(`SELECT state, count(*)::int AS n FROM incidents GROUP BY state`);
    for (const r of db.rows) expect(all.body.counts[r.state]).toBe(r.n);
    expect(all.body.total).toBe(db.rows.reduce((s, r) => s + r.n, 0));
    // The fixture's dispatched incident ran past its 2025 deadline.
    expect(all.body.overdue).toBeGreaterThanOrEqual(1);
    const overdue = await dispatcher.get<{ total: number; incidents: { code: string; overdue: boolean }[] }>(
      `/api/incidents?region=${TINY_DISTRICT_CODE}&overdue=true`,
    );
    expect(overdue.body.incidents.every((i) => i.overdue)).toBe(true);
    expect(overdue.body.incidents.map((i) => i.code)).toContain('SJ2025000002');
    const byState = await dispatcher.get<{ total: number; counts: Record<string, number> }>(
      `/api/incidents?region=${TINY_DISTRICT_CODE}&state=closed,evaluated&pageSize=1`,
    );
    expect(byState.body.total).toBe((all.body.counts.closed ?? 0) + (all.body.counts.evaluated ?? 0));
    expect(byState.body.counts).toEqual(all.body.counts);
    const text = await dispatcher.get<{ incidents: { code: string }[] }>(`/api/incidents?region=${TINY_DISTRICT_CODE}&q=SJ2025000001`);
    expect(text.body.incidents.map((i) => i.code)).toEqual(['SJ2025000001']);
    const literal = await dispatcher.get<{ total: number }>(`/api/incidents?region=${TINY_DISTRICT_CODE}&q=${encodeURIComponent('%')}`);
    expect(literal.body.total).toBe(0);
    const rework = await dispatcher.get<{ incidents: { code: string }[] }>(`/api/incidents?region=${TINY_DISTRICT_CODE}&rework=true`);
    expect(rework.body.incidents.map((i) => i.code)).toContain('SJ2025000002');
    const west = await (
      await ctx.login('dispatcher-west')
    ).get<{ incidents: { communityCode: string | null }[] }>('/api/incidents?region=610198001001');
    expect(west.body.incidents.every((i) => i.communityCode === '610198001001')).toBe(true);
    expect((await (await ctx.login('dispatcher-west')).get(`/api/incidents?region=610198001002`)).status).toBe(403);

    const map = await dispatcher.get<{
      count: number;
      states: string[];
      ids: number[];
      positions: number[];
      state: number[];
      flags: number[];
    }>(`/api/incidents/map?region=${TINY_DISTRICT_CODE}`);
    expect(map.body.count).toBe(all.body.total);
    expect(map.body.positions).toHaveLength(2 * map.body.count);
    const second = map.body.ids.indexOf(2);
    expect(map.body.states[map.body.state[second]!]).toBe('dispatched');
    expect(map.body.flags[second]).toBe(3);
    expect(map.body.positions.slice(2 * second, 2 * second + 2)).toEqual(EAST);
    // Cut short only when more incidents match than the limit lets through; newest first.
    const first = await dispatcher.get<{ count: number; truncated: boolean; ids: number[] }>(
      `/api/incidents/map?region=${TINY_DISTRICT_CODE}&limit=1`,
    );
    expect(first.body).toMatchObject({ count: 1, truncated: true, ids: [map.body.ids[0]] });
    const exact = await dispatcher.get<{ count: number; truncated: boolean }>(
      `/api/incidents/map?region=${TINY_DISTRICT_CODE}&limit=${map.body.count}`,
    );
    expect(exact.body).toMatchObject({ count: map.body.count, truncated: false });
    const none = await dispatcher.get<{ count: number; ids: number[]; positions: number[] }>(
      `/api/incidents/map?region=${TINY_DISTRICT_CODE}&q=nothing-matches-this`,
    );
    expect(none.body).toMatchObject({ count: 0, ids: [], positions: [] });
  });

  it('serves the map again from the response cache until a write or a deadline passing changes it', async () => {
    const dispatcher = await ctx.login('dispatcher');
    const path = `/api/incidents/map?region=${TINY_DISTRICT_CODE}`;
    const map = () => dispatcher.get<{ ids: number[]; flags: number[] }>(path);
    const first = await map();
    const again = await map();
    expect(again.headers.get('x-cache')).toBe('hit');
    expect(again.body).toEqual(first.body);
    // The fixture's dispatched incident gets a deadline a moment away (a write: the next answer is computed).
    await ctx.t.db.query(`UPDATE incidents SET deadline_at = now() + interval '1.5 seconds' WHERE id = 2`);
    const written = await map();
    expect(written.headers.get('x-cache')).toBe('miss');
    const at = written.body.ids.indexOf(2);
    expect(written.body.flags[at]! & 1).toBe(0);
    expect((await map()).headers.get('x-cache')).toBe('hit');
    // Then only time moves: once the deadline has passed, the kept answer is not served.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const late = await map();
    expect(late.headers.get('x-cache')).toBe('miss');
    expect(late.body.flags[late.body.ids.indexOf(2)]! & 1).toBe(1);
  });
});
