import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../test/test-database.js';
import { useTestApp, type Client, type Reply } from '../test/test-app.js';
import { TINY_COMMUNITY_EAST, TINY_COMMUNITY_WEST, TINY_DISTRICT_CODE } from '../test/tiny-district.fixture.js';
import type { Briefing, BriefingList, BriefingView } from './briefings.schemas.js';

interface ErrorReply {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

const view = (over: Partial<Extract<BriefingView, { map: 'analyst' }>> = {}): BriefingView => ({
  map: 'analyst',
  regionCode: TINY_COMMUNITY_WEST,
  layer: 'choropleth',
  metric: 'count',
  period: { from: '2025-06-01', to: '2025-07-01' },
  categories: [],
  specialCategory: '',
  deadCornerDays: 14,
  trackDate: '2025-06-29',
  camera: { center: [108.905, 34.205], zoom: 14.5, bearing: 0, pitch: 0 },
  ...over,
});

async function send<T>(client: Client, method: 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<Reply<T>> {
  const res = await client.request(path, {
    method,
    headers: { 'content-type': 'application/json', 'x-csrf-token': client.csrf },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
}

describe.each(BACKENDS)('briefings on %s', (kind) => {
  const ctx = useTestApp(kind);

  it('creates a briefing, adds, reorders, edits and deletes slides, each write one version on and audited', async () => {
    const analyst = await ctx.login('analyst');
    const created = await analyst.post<Briefing>('/api/briefings', {
      regionCode: TINY_DISTRICT_CODE,
      title: '六月例会',
      slides: [{ title: '事件热力', note: '西片事件集中', view: view({ layer: 'heat' }) }],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title: '六月例会', version: 1, pinnedAsOf: null, createdBy: 'analyst', editable: true });
    expect(created.body.slides.map((s) => [s.position, s.title, s.view.map === 'analyst' && s.view.layer])).toEqual([
      [0, '事件热力', 'heat'],
    ]);
    const id = created.body.id;

    const second = await analyst.post<Briefing>(`/api/briefings/${id}/slides`, {
      version: 1,
      slide: { title: '巡查覆盖', view: view({ layer: 'coverage', regionCode: TINY_COMMUNITY_EAST }) },
    });
    expect(second.status).toBe(201);
    const third = await analyst.post<Briefing>(`/api/briefings/${id}/slides`, {
      version: 2,
      slide: {
        title: '网格分布',
        note: '',
        view: { map: 'district', regionCode: TINY_DISTRICT_CODE, layers: ['grids', 'streets'], camera: view().camera },
      },
      position: 0,
    });
    expect(third.body.version).toBe(3);
    expect(third.body.slides.map((s) => s.title)).toEqual(['网格分布', '事件热力', '巡查覆盖']);

    // Move the first to the end, then the last one up by one.
    const firstId = third.body.slides[0]!.id;
    const moved = await analyst.post<Briefing>(`/api/briefings/${id}/slides/${firstId}/move`, { version: 3, position: 2 });
    expect(moved.status).toBe(200);
    expect(moved.body.slides.map((s) => [s.position, s.title])).toEqual([
      [0, '事件热力'],
      [1, '巡查覆盖'],
      [2, '网格分布'],
    ]);
    const up = await analyst.post<Briefing>(`/api/briefings/${id}/slides/${firstId}/move`, { version: 4, position: 1 });
    expect(up.body.slides.map((s) => s.title)).toEqual(['事件热力', '网格分布', '巡查覆盖']);

    const edited = await send<Briefing>(analyst, 'PATCH', `/api/briefings/${id}/slides/${firstId}`, {
      version: 5,
      title: '网格现状',
      note: '共 2 个社区\n逐一说明',
    });
    expect(edited.status).toBe(200);
    expect(edited.body.slides[1]).toMatchObject({ title: '网格现状', note: '共 2 个社区\n逐一说明' });
    const pinned = await send<Briefing>(analyst, 'PATCH', `/api/briefings/${id}`, {
      version: 6,
      pinnedAsOf: '2025-06-30',
      title: '六月例会（定稿）',
    });
    expect(pinned.body).toMatchObject({ pinnedAsOf: '2025-06-30', title: '六月例会（定稿）', version: 7 });

    const removed = await send<Briefing>(analyst, 'DELETE', `/api/briefings/${id}/slides/${second.body.slides[0]!.id}?version=7`);
    expect(removed.body.slides.map((s) => [s.position, s.title])).toEqual([
      [0, '网格现状'],
      [1, '巡查覆盖'],
    ]);

    const audit = await ctx.t.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE target = $1 AND action LIKE 'briefings.%' ORDER BY id`,
      [String(id)],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'briefings.create',
      'briefings.slide.add',
      'briefings.slide.add',
      'briefings.slide.move',
      'briefings.slide.move',
      'briefings.slide.update',
      'briefings.update',
      'briefings.slide.delete',
    ]);

    const gone = await send<{ deleted: number }>(analyst, 'DELETE', `/api/briefings/${id}?version=8`);
    expect(gone.body).toEqual({ deleted: id });
    expect((await analyst.get(`/api/briefings/${id}`)).status).toBe(404);
    const left = await ctx.t.db.query('SELECT 1 FROM briefing_slides WHERE briefing_id = $1', [id]);
    expect(left.rows).toHaveLength(0);
  });

  it('refuses a write on a stale version with a 409 that names who changed it, and changes nothing', async () => {
    const analyst = await ctx.login('analyst');
    const leader = await ctx.login('leader');
    const b = (
      await analyst.post<Briefing>('/api/briefings', {
        regionCode: TINY_DISTRICT_CODE,
        title: '并发',
        slides: [{ title: 'a', view: view() }],
      })
    ).body;
    // The leader reorders first; the analyst still holds version 1.
    expect((await leader.post<Briefing>(`/api/briefings/${b.id}/slides`, { version: 1, slide: { title: 'b', view: view() } })).status).toBe(
      201,
    );
    const stale = await analyst.post<ErrorReply>(`/api/briefings/${b.id}/slides/${b.slides[0]!.id}/move`, { version: 1, position: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/^leader changed this briefing at .* \(version 2, yours 1\): reload it/);
    expect(stale.body.error.details).toMatchObject({ currentVersion: 2, yourVersion: 1, updatedBy: 'leader' });
    const stalePatch = await send<ErrorReply>(analyst, 'PATCH', `/api/briefings/${b.id}`, { version: 1, title: 'x' });
    expect(stalePatch.status).toBe(409);
    const now = (await analyst.get<Briefing>(`/api/briefings/${b.id}`)).body;
    expect(now).toMatchObject({ title: '并发', version: 2 });
    expect(now.slides.map((s) => s.title)).toEqual(['a', 'b']);
  });

  it('shares a community briefing with entitled users whose jurisdiction covers it, and nobody else', async () => {
    const westAnalyst = await ctx.login('analyst-west');
    const mine = await westAnalyst.post<Briefing>('/api/briefings', {
      regionCode: TINY_COMMUNITY_WEST,
      title: '西社区周报',
      slides: [{ title: 'a', view: view() }],
    });
    expect(mine.status).toBe(201);
    const district = await (await ctx.login('leader')).post<Briefing>('/api/briefings', { regionCode: TINY_DISTRICT_CODE, title: '全区' });

    // The west leader (same jurisdiction) and the district's analyst (covers it) see it; the leader may edit it.
    const westLeader = await ctx.login('leader-west');
    const listed = await westLeader.get<BriefingList>('/api/briefings');
    expect(listed.body.briefings.map((b) => b.title)).toContain('西社区周报');
    expect(listed.body.briefings.map((b) => b.id)).not.toContain(district.body.id);
    expect(listed.body.briefings.find((b) => b.id === mine.body.id)).toMatchObject({
      slideCount: 1,
      editable: true,
      regionCode: TINY_COMMUNITY_WEST,
    });
    expect((await westLeader.get<Briefing>(`/api/briefings/${mine.body.id}`)).body.slides).toHaveLength(1);
    expect(
      (await (await ctx.login('analyst')).get<BriefingList>(`/api/briefings?region=${TINY_COMMUNITY_WEST}`)).body.briefings.map(
        (b) => b.id,
      ),
    ).toContain(mine.body.id);
    // A planner has analytics.read but not briefings.edit: it may read, not edit.
    const planner = await (await ctx.login('planner-west')).get<Briefing>(`/api/briefings/${mine.body.id}`);
    expect(planner.body.editable).toBe(false);
    expect(
      (
        await (
          await ctx.login('planner-west')
        ).post(`/api/briefings/${mine.body.id}/slides`, { version: 1, slide: { title: 'x', view: view() } })
      ).status,
    ).toBe(403);
    // A worker has neither permission.
    expect((await (await ctx.login('worker-west')).get(`/api/briefings/${mine.body.id}`)).status).toBe(403);

    // The district's briefing is outside a community user's jurisdiction: 403 on read and write.
    const outside = await westLeader.get<ErrorReply>(`/api/briefings/${district.body.id}`);
    expect(outside.status).toBe(403);
    expect(outside.body.error.message).toMatch(/outside your jurisdiction/);
    expect((await send(westLeader, 'PATCH', `/api/briefings/${district.body.id}`, { version: 1, title: 'x' })).status).toBe(403);
    expect((await westAnalyst.post('/api/briefings', { regionCode: TINY_COMMUNITY_EAST, title: '东' })).status).toBe(403);
    expect((await westAnalyst.get(`/api/briefings?region=${TINY_COMMUNITY_EAST}`)).status).toBe(403);
  });

  it('refuses invalid views at the edge with a 400 that says what is wrong, and writes nothing', async () => {
    const analyst = await ctx.login('analyst');
    const b = (await analyst.post<Briefing>('/api/briefings', { regionCode: TINY_COMMUNITY_WEST, title: '校验' })).body;
    const add = (v: unknown) => analyst.post<ErrorReply>(`/api/briefings/${b.id}/slides`, { version: 1, slide: { title: 't', view: v } });
    const cases: [unknown, RegExp][] = [
      [{ ...view(), layer: 'nightlights' }, /layer/],
      [{ ...view(), period: { from: '2025-07-01', to: '2025-06-01' } }, /"from" must be before "to"/],
      [{ ...view(), period: { from: '2025-02-30', to: '2025-03-01' } }, /real calendar day/],
      [{ ...view(), camera: { center: [108.9, 34.2], zoom: 30, bearing: 0, pitch: 0 } }, /zoom/],
      [{ ...view(), camera: { center: [34.2, 108.9], zoom: 14, bearing: 0, pitch: 0 } }, /center/],
      [{ ...view(), camera: { center: [108.9, 34.2], zoom: 14, bearing: 0, pitch: 90 } }, /pitch/],
      [{ ...view(), secret: 1 }, /secret|unrecognized/i],
      [{ ...view(), regionCode: TINY_COMMUNITY_EAST }, /outside the briefing's region/],
    ];
    for (const [v, message] of cases) {
      const r = await add(v);
      expect(r.status, JSON.stringify(v)).toBe(400);
      expect(r.body.error.message, JSON.stringify(v)).toMatch(message);
    }
    expect((await add({ ...view(), regionCode: '610197001001' })).status).toBe(403);
    const whole = (await analyst.post<Briefing>('/api/briefings', { regionCode: TINY_DISTRICT_CODE, title: '全区' })).body;
    const unknown = await analyst.post<ErrorReply>(`/api/briefings/${whole.id}/slides`, {
      version: 1,
      slide: { title: 't', view: { ...view(), regionCode: '610198001009' } },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/region 610198001009 does not exist in district 610198/);
    expect((await analyst.post<ErrorReply>('/api/briefings', { regionCode: TINY_DISTRICT_CODE, title: '  ' })).status).toBe(400);
    const still = (await analyst.get<Briefing>(`/api/briefings/${b.id}`)).body;
    expect(still).toMatchObject({ version: 1, slides: [] });
  });
});
