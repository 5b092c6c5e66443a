/**
 * The roster through the API on both databases, over the tiny district (west community: grids
 * W1, W2 in zone 第一片, worker 1 张伟 information officer of W1; east community: grid E1,
 * worker 2 李娜 its community manager): reading with and without staff.edit, adding, editing
 * with version checks, assignments by scope, deactivating, and the vacancy/overload checks.
 */
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../test/test-database.js';
import { useTestApp, type Client, type Reply } from '../test/test-app.js';
import { TINY_COMMUNITY_EAST as EAST, TINY_COMMUNITY_WEST as WEST } from '../test/tiny-district.fixture.js';
import type { StaffChecks } from './staff-checks.sql.js';
import type { Worker } from './staff.store.js';

const W1 = '610198001001001';
const W2 = '610198001001002';
const E1 = '610198001002001';
const ZONE = '61019800100101';

interface ErrorReply {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

async function send<T>(client: Client, method: 'PATCH' | 'PUT', path: string, body: unknown): Promise<Reply<T>> {
  const res = await client.request(path, {
    method,
    headers: { 'content-type': 'application/json', 'x-csrf-token': client.csrf },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T, headers: res.headers };
}

describe.each(BACKENDS)('staff roster on %s', (kind) => {
  const ctx = useTestApp(kind);

  it('lists the jurisdiction’s workers with work phones; gender and birth year only to roster editors', async () => {
    const planner = await ctx.login('planner-west');
    const list = await planner.get<{ total: number; workers: Worker[] }>(`/api/staff?region=610198`);
    expect(list.status).toBe(200);
    // The west planner asking for the district gets their community: worker 1 alone.
    expect(list.body.workers.map((w) => [w.id, w.name, w.phone, w.regionCode])).toEqual([[1, '张伟', '13800000001', WEST]]);
    expect(list.body.workers[0]).not.toHaveProperty('gender');
    expect(list.body.workers[0]).not.toHaveProperty('birthYear');
    const admin = await ctx.login('admin');
    const all = await admin.get<{ total: number; workers: Worker[] }>(`/api/staff?region=610198&q=${encodeURIComponent('李')}`);
    expect(all.body.workers).toEqual([
      expect.objectContaining({
        id: 2,
        name: '李娜',
        gender: 'F',
        birthYear: 1990,
        assignments: [expect.objectContaining({ role: 'community_manager', regionCode: EAST })],
      }),
    ]);
    expect((await (await ctx.login('analyst')).get('/api/staff')).status).toBe(403);
  });

  it('adds, edits and deactivates a worker, each write one version on, a stale one a 409 naming who changed it, all audited', async () => {
    const admin = await ctx.login('admin');
    const created = await admin.post<Worker>('/api/staff', {
      regionCode: WEST,
      name: '王芳',
      phone: '029-88880003',
      gender: 'F',
      birthYear: 1988,
      assignments: [
        { role: 'information_officer', gridCode: W2 },
        { role: 'zone_manager', zoneCode: ZONE },
      ],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: '王芳', version: 1, updatedBy: 'admin', regionCode: WEST, active: true });
    expect(created.body.assignments.map((a) => [a.role, a.gridCode, a.zoneCode, a.regionCode])).toEqual([
      ['information_officer', W2, ZONE, WEST],
      ['zone_manager', null, ZONE, WEST],
    ]);
    const path = `/api/staff/workers/610198/${created.body.id}`;

    // A role's scope decides where it may point.
    const wrong = await send<ErrorReply>(admin, 'PUT', `${path}/assignments`, {
      version: 1,
      assignments: [{ role: 'zone_manager', gridCode: W1 }],
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toMatch(/zoneCode/);
    const unknownRole = await send<ErrorReply>(admin, 'PUT', `${path}/assignments`, {
      version: 1,
      assignments: [{ role: 'cook', gridCode: W1 }],
    });
    expect(unknownRole.status).toBe(400);

    const renamed = await send<Worker>(admin, 'PATCH', path, { version: 1, phone: '02988880004' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ version: 2, phone: '02988880004' });
    const stale = await send<ErrorReply>(admin, 'PATCH', path, { version: 1, name: '王小芳' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/^admin changed this worker at /);
    expect(stale.body.error.details).toMatchObject({ currentVersion: 2, yourVersion: 1, updatedBy: 'admin' });

    const off = await send<Worker>(admin, 'PATCH', path, { version: 2, active: false });
    expect(off.body).toMatchObject({ active: false, version: 3, assignments: [] });
    const audit = await ctx.t.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE target = $1 AND action LIKE 'staff.%' ORDER BY id`,
      [`610198/${created.body.id}`],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['staff.create', 'staff.update', 'staff.deactivate']);
    // The planner reads but does not edit; the west admin does not edit the east.
    const planner = await ctx.login('planner');
    expect((await send(planner, 'PATCH', path, { version: 3, name: 'x' })).status).toBe(403);
    const westAdmin = await ctx.login('admin-west');
    expect((await send(westAdmin, 'PATCH', '/api/staff/workers/610198/2', { version: 1, name: 'x' })).status).toBe(403);
  });

  it('finds vacancies per grid and role, overloaded workers and workers without a grid, in SQL', async () => {
    const admin = await ctx.login('admin');
    const before = await admin.get<StaffChecks>('/api/staff/checks?region=610198');
    expect(before.status).toBe(200);
    const missing = Object.fromEntries(before.body.grids.map((g) => [g.code, g.missing]));
    // W1 has its information officer; the zone has no manager; nobody serves the west as assistant, manager or supervisor.
    expect(missing[W1]).toEqual(['assistant', 'community_manager', 'supervisor', 'zone_manager']);
    expect(missing[W2]).toEqual(['assistant', 'community_manager', 'information_officer', 'supervisor', 'zone_manager']);
    // E1 lies in no zone: nobody can be its zone manager, a vacancy as much as an empty post.
    expect(missing[E1]).toEqual(['assistant', 'information_officer', 'supervisor', 'zone_manager']);
    expect(before.body.grids.find((g) => g.code === W1)).toMatchObject({
      households: 320,
      overloaded: false,
      staff: [{ id: 1, name: '张伟', role: 'information_officer', via: 'grid' }],
    });

    // One information officer for all three grids: more than the N+5 model's two.
    const created = await admin.post<Worker>('/api/staff', {
      regionCode: WEST,
      name: '赵强',
      assignments: [W1, W2, E1].map((gridCode) => ({ role: 'information_officer', gridCode })),
    });
    expect(created.status).toBe(201);
    const idle = await admin.post<Worker>('/api/staff', { regionCode: EAST, name: '钱多' });
    const after = await admin.get<StaffChecks>('/api/staff/checks?region=610198&workload=true');
    expect(after.body.overloaded).toEqual([
      expect.objectContaining({ id: created.body.id, role: 'information_officer', grids: 3, maxGrids: 2, maxHouseholds: 1000 }),
    ]);
    expect(after.body.overloaded[0]!.workload).toBeGreaterThan(0);
    expect(after.body.grids.filter((g) => g.overloaded).map((g) => g.code)).toEqual([W1, W2, E1]);
    expect(after.body.grids.find((g) => g.code === E1)!.missing).toEqual(['assistant', 'supervisor', 'zone_manager']);
    expect(after.body.needsGrid.map((n) => n.id)).toContain(idle.body.id);
    // The west planner sees the west only.
    const planner = await ctx.login('planner-west');
    const west = await planner.get<StaffChecks>('/api/staff/checks');
    expect(west.body.grids.map((g) => g.code)).toEqual([W1, W2]);
    expect(west.body.needsGrid.map((n) => n.id)).not.toContain(idle.body.id);
  });
});
