/**
 * The staffing-model editor on both databases, over the tiny district (worker 1 张伟 information
 * officer of W1, worker 2 李娜 community manager of the east): built-in models are read-only, a
 * copy is edited with version checks, the checks follow the chosen model at once, held roles are
 * never removed, every write is audited.
 */
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../test/test-database.js';
import { useTestApp, type Client, type Reply } from '../test/test-app.js';
import type { StaffChecks } from './staff-checks.sql.js';
import type { DistrictModels, ModelRoleInput } from './staff-models.store.js';
import type { StaffModel } from './staff-model.js';
import type { Dashboard } from '../dashboard/dashboard.schemas.js';
import { loadNoticeBoards } from '../notice-boards/notice-board.sql.js';
import { exportFeatures } from '../districts/export/export-layer.js';

const W1 = '610198001001001';
const W2 = '610198001001002';

interface ErrorReply {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

async function put<T>(client: Client, path: string, body: unknown): Promise<Reply<T>> {
  const res = await client.request(path, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', 'x-csrf-token': client.csrf },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T, headers: res.headers };
}

const rolesOf = (models: DistrictModels, key: string): ModelRoleInput[] => models.models.find((m) => m.key === key)!.roles;

describe.each(BACKENDS)('staffing models on %s', (kind) => {
  const ctx = useTestApp(kind);

  it('copies a built-in model, chooses it, and the checks follow its edits at once; held roles stay', async () => {
    const admin = await ctx.login('admin');
    const start = await admin.get<DistrictModels>('/api/staff/models?region=610198');
    expect(start.status).toBe(200);
    expect(start.body.chosen).toBe('n_plus_5');
    expect(start.body.models.map((m) => [m.key, m.ownerDistrict])).toEqual([
      ['grid_ladder', null],
      ['n_plus_5', null],
    ]);
    expect(start.body.holders).toEqual({ information_officer: 1, community_manager: 1 });

    const builtIn = await put<ErrorReply>(admin, '/api/staff/models/n_plus_5', {
      district: '610198',
      version: 1,
      zh: 'x',
      en: 'x',
      roles: rolesOf(start.body, 'n_plus_5'),
    });
    expect(builtIn.status).toBe(403);
    expect(builtIn.body.error.message).toMatch(/built-in.*copy it/);

    const copy = { district: '610198', from: 'n_plus_5', key: 'lianhu', zh: '莲湖 N+5', en: 'Lianhu N+5' };
    const copied = await admin.post<DistrictModels>('/api/staff/models', copy);
    expect(copied.status).toBe(201);
    const mine = copied.body.models.find((m) => m.key === 'lianhu')!;
    expect(mine).toMatchObject({ ownerDistrict: '610198', version: 1, updatedBy: 'admin' });
    expect(mine.roles).toEqual(rolesOf(start.body, 'n_plus_5'));
    expect((await admin.post<ErrorReply>('/api/staff/models', copy)).status).toBe(409);
    const badKey = await admin.post<ErrorReply>('/api/staff/models', { ...copy, key: 'Lian Hu' });
    expect(badKey.status).toBe(400);
    expect(badKey.body.error.message).toMatch(/lower-case/);

    expect((await put(admin, '/api/staff/model', { district: '610198', model: 'lianhu' })).status).toBe(200);
    const before = await admin.get<StaffChecks>('/api/staff/checks?region=610198');
    expect(before.body.grids.find((g) => g.code === W2)!.missing).toContain('zone_manager');

    // The zone manager made optional: its vacancies go. Worker 1 takes W2 too (2 grids, the limit).
    const roles = mine.roles.map((r) => (r.key === 'zone_manager' ? { ...r, required: false } : r));
    const optional = await put<DistrictModels>(admin, '/api/staff/models/lianhu', {
      district: '610198',
      version: 1,
      zh: mine.zh,
      en: mine.en,
      roles,
    });
    expect(optional.status).toBe(200);
    const afterOptional = await admin.get<StaffChecks>('/api/staff/checks?region=610198');
    expect(afterOptional.body.grids.every((g) => !g.missing.includes('zone_manager'))).toBe(true);
    expect(
      (
        await put(admin, '/api/staff/workers/610198/1/assignments', {
          version: 1,
          assignments: [W1, W2].map((gridCode) => ({ role: 'information_officer', gridCode })),
        })
      ).status,
    ).toBe(200);
    expect((await admin.get<StaffChecks>('/api/staff/checks?region=610198')).body.overloaded).toEqual([]);

    // A lower maximum makes worker 1 an overload at once.
    const lower = roles.map((r) => (r.key === 'information_officer' ? { ...r, maxGrids: 1 } : r));
    expect(
      (await put(admin, '/api/staff/models/lianhu', { district: '610198', version: 2, zh: mine.zh, en: mine.en, roles: lower })).status,
    ).toBe(200);
    const over = await admin.get<StaffChecks>('/api/staff/checks?region=610198');
    expect(over.body.overloaded).toEqual([expect.objectContaining({ id: 1, role: 'information_officer', grids: 2, maxGrids: 1 })]);

    // A stale edit names who changed the model.
    const stale = await put<ErrorReply>(admin, '/api/staff/models/lianhu', {
      district: '610198',
      version: 2,
      zh: mine.zh,
      en: mine.en,
      roles: lower,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/^admin changed staffing model lianhu at .* \(version 3, yours 2\)/);

    // A held role is not removed (the answer counts its holders), nor given another scope.
    const withoutOfficer = lower.filter((r) => r.key !== 'information_officer');
    const held = await put<ErrorReply>(admin, '/api/staff/models/lianhu', {
      district: '610198',
      version: 3,
      zh: mine.zh,
      en: mine.en,
      roles: withoutOfficer,
    });
    expect(held.status).toBe(409);
    expect(held.body.error.message).toMatch(/信息员 \(information_officer\) is held by 1 worker\(s\): it cannot be removed/);
    const rescoped = lower.map((r) => (r.key === 'community_manager' ? { ...r, scope: 'zone' } : r));
    expect(
      (
        await put<ErrorReply>(admin, '/api/staff/models/lianhu', {
          district: '610198',
          version: 3,
          zh: mine.zh,
          en: mine.en,
          roles: rescoped,
        })
      ).status,
    ).toBe(409);

    // Renamed, an unheld role removed, a new one added: the model's own names, the checks' roles.
    const edited = [
      ...lower.filter((r) => r.key !== 'supervisor').map((r) => (r.key === 'information_officer' ? { ...r, zh: '网格信息员' } : r)),
      {
        key: 'petition_agent',
        zh: '信访代理员',
        en: 'Petition agent',
        scope: 'community' as const,
        required: true,
        maxGrids: null,
        maxHouseholds: null,
      },
    ];
    const done = await put<DistrictModels>(admin, '/api/staff/models/lianhu', {
      district: '610198',
      version: 3,
      zh: '莲湖模式',
      en: 'Lianhu',
      roles: edited,
    });
    expect(done.status).toBe(200);
    const model = await admin.get<StaffModel>('/api/staff/model?region=610198');
    expect(model.body.zh).toBe('莲湖模式');
    expect(model.body.roles.map((r) => [r.key, r.zh])).toEqual([
      ['information_officer', '网格信息员'],
      ['zone_manager', '专管员'],
      ['assistant', '协理员'],
      ['community_manager', '管理员'],
      ['petition_agent', '信访代理员'],
    ]);
    // The shared name stays for the other models.
    expect(rolesOf(done.body, 'n_plus_5').find((r) => r.key === 'information_officer')!.zh).toBe('信息员');
    // The district's name reaches every list of people by role: the dashboard (and the monthly
    // report, which prints its roles), the notice boards, the dispatcher's grid staff, the export.
    const dashboard = await admin.get<Dashboard>('/api/dashboard?region=610198');
    expect(dashboard.body.staffing.roles.find((r) => r.key === 'information_officer')).toMatchObject({
      zh: '网格信息员',
      en: 'Information officer',
    });
    const [board] = await loadNoticeBoards(ctx.t.db, '610198', [W1]);
    expect(board!.staff.filter((p) => p.role === 'information_officer').map((p) => [p.name, p.roleZh])).toEqual([['张伟', '网格信息员']]);
    const options = await admin.get<{ gridStaff: { role: string; roleZh: string }[] }>(`/api/incidents/options?region=610198&grid=${W1}`);
    expect(options.body.gridStaff.map((p) => [p.role, p.roleZh])).toEqual([['information_officer', '网格信息员']]);
    const exported = await exportFeatures(ctx.t.db, '610198', 'grids');
    expect(exported.find((f) => f.properties.code === W1)!.properties.staff).toBe('张伟(网格信息员)');
    const final = await admin.get<StaffChecks>('/api/staff/checks?region=610198');
    expect(final.body.grids.find((g) => g.code === W1)!.missing).toEqual(['assistant', 'community_manager', 'petition_agent']);

    // Switching to a model lacking a held role is refused with the count.
    const ladder = await put<ErrorReply>(admin, '/api/staff/model', { district: '610198', model: 'grid_ladder' });
    expect(ladder.status).toBe(409);
    expect(ladder.body.error.message).toMatch(/lacks information_officer, held by 1 worker\(s\)/);

    const audit = await ctx.t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE action LIKE 'staff.model.%' ORDER BY id`);
    expect(audit.rows.map((r) => r.action)).toEqual([
      'staff.model.copy',
      'staff.model.choose',
      'staff.model.update',
      'staff.model.update',
      'staff.model.update',
    ]);
  });

  it('refuses bad limits, duplicate roles and users without the whole district, with clear messages', async () => {
    const admin = await ctx.login('admin');
    const chosen = (await admin.get<DistrictModels>('/api/staff/models?region=610198')).body.chosen;
    await admin.post('/api/staff/models', { district: '610198', from: 'grid_ladder', key: 'ladder2', zh: '阶梯', en: 'Ladder' });
    const role = { key: 'grid_leader', zh: '网格长', en: 'Grid leader', scope: 'zone', required: true, maxGrids: 0, maxHouseholds: null };
    const zero = await put<ErrorReply>(admin, '/api/staff/models/ladder2', {
      district: '610198',
      version: 1,
      zh: 'a',
      en: 'a',
      roles: [role],
    });
    expect(zero.status).toBe(400);
    expect(zero.body.error.message).toMatch(/maxGrids must be at least 1/);
    const twice = await put<ErrorReply>(admin, '/api/staff/models/ladder2', {
      district: '610198',
      version: 1,
      zh: 'a',
      en: 'a',
      roles: [
        { ...role, maxGrids: 3 },
        { ...role, maxGrids: 3 },
      ],
    });
    expect(twice.status).toBe(400);
    expect(twice.body.error.message).toMatch(/each role key may appear once/);
    const badScope = await put<ErrorReply>(admin, '/api/staff/models/ladder2', {
      district: '610198',
      version: 1,
      zh: 'a',
      en: 'a',
      roles: [{ ...role, maxGrids: 3, scope: 'street' }],
    });
    expect(badScope.status).toBe(400);
    expect(
      (
        await put(admin, '/api/staff/models/nothing', {
          district: '610198',
          version: 1,
          zh: 'a',
          en: 'a',
          roles: [{ ...role, maxGrids: 3 }],
        })
      ).status,
    ).toBe(404);
    const westAdmin = await ctx.login('admin-west');
    expect((await put(westAdmin, '/api/staff/model', { district: '610198', model: 'ladder2' })).status).toBe(403);
    expect((await put(await ctx.login('planner'), '/api/staff/model', { district: '610198', model: 'ladder2' })).status).toBe(403);
    // Nothing was written by the refused requests.
    const models = await admin.get<DistrictModels>('/api/staff/models?region=610198');
    expect(models.body.chosen).toBe(chosen);
    expect(models.body.models.find((m) => m.key === 'ladder2')!.version).toBe(1);
  });
});
