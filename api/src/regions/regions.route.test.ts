import { describe, expect, it } from 'vitest';
import { listRegions } from './region-list.sql.js';
import { BACKENDS } from '../test/test-database.js';
import { useTestApp } from '../test/test-app.js';
import { tinyDistrict, TINY_COMMUNITY_EAST, TINY_COMMUNITY_WEST, TINY_DISTRICT_CODE } from '../test/tiny-district.fixture.js';

const sum = (key: 'households' | 'persons', code = ''): number =>
  tinyDistrict.buildings.filter((b) => b.communityCode.startsWith(code)).reduce((n, b) => n + b[key], 0);

interface Listed {
  regions: { code: string; name: string; households: number; estimatedHouseholds: number; grids: number }[];
}

describe.each(BACKENDS)('GET /api/regions kept under the region version on %s', (kind) => {
  const ctx = useTestApp(kind);

  it('serves the list again, and a 304 to its ETag, until a write moves it', async () => {
    const planner = await ctx.login('planner');
    const first = await planner.request('/api/regions');
    expect(first.status).toBe(200);
    expect(first.headers.get('x-cache')).toBe('miss');
    const tag = first.headers.get('etag');
    expect(tag).toMatch(/^W\/"r\d+-/);
    const body = (await first.json()) as Listed;
    expect(body).toEqual({ regions: await listRegions(ctx.t.db, [TINY_DISTRICT_CODE]) });

    const again = await planner.request('/api/regions');
    expect(again.headers.get('x-cache')).toBe('hit');
    expect(await again.json()).toEqual(body);
    const unchanged = await planner.request('/api/regions', { headers: { 'if-none-match': tag! } });
    expect(unchanged.status).toBe(304);

    // A building's households change: the next answer carries them, under a new ETag.
    await ctx.t.db.query(`UPDATE buildings SET households = households + 11 WHERE district_code = $1 AND community_code = $2`, [
      TINY_DISTRICT_CODE,
      TINY_COMMUNITY_EAST,
    ]);
    const after = await planner.request('/api/regions', { headers: { 'if-none-match': tag! } });
    expect(after.status).toBe(200);
    expect(after.headers.get('x-cache')).toBe('miss');
    expect(after.headers.get('etag')).not.toBe(tag);
    const moved = (await after.json()) as Listed;
    const east = (b: Listed) => b.regions.find((r) => r.code === TINY_COMMUNITY_EAST)!;
    const eastBuildings = await ctx.t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM buildings WHERE community_code = $1`, [
      TINY_COMMUNITY_EAST,
    ]);
    expect(east(moved).households).toBe(east(body).households + 11 * eastBuildings.rows[0]!.n);
    expect(moved.regions[0]!.households).toBe(body.regions[0]!.households + 11 * eastBuildings.rows[0]!.n);

    // A region renamed, and the grids in force archived: both show at once.
    await ctx.t.db.query(`UPDATE regions SET name = '新东社区' WHERE district_code = $1 AND code = $2`, [
      TINY_DISTRICT_CODE,
      TINY_COMMUNITY_EAST,
    ]);
    expect(east((await planner.get<Listed>('/api/regions')).body).name).toBe('新东社区');
    await ctx.t.db.query(`UPDATE plans SET status = 'archived', archived_at = now() WHERE district_code = $1 AND status = 'approved'`, [
      TINY_DISTRICT_CODE,
    ]);
    const archived = (await planner.get<Listed>('/api/regions')).body;
    expect(archived.regions.map((r) => r.grids)).toEqual(archived.regions.map(() => 0));
    expect(archived).toEqual({ regions: await listRegions(ctx.t.db, [TINY_DISTRICT_CODE]) });
  });

  it('keeps each jurisdiction its own list: a narrower user is never served a wider one', async () => {
    const wide = await ctx.login('analyst');
    const west = await ctx.login('analyst-west');
    const a = await wide.get<Listed>('/api/regions');
    const w = await west.request('/api/regions');
    expect(w.headers.get('x-cache')).toBe('miss');
    const wb = (await w.json()) as Listed;
    expect(wb).toEqual({ regions: await listRegions(ctx.t.db, [TINY_COMMUNITY_WEST]) });
    expect(wb.regions.map((r) => r.code)).not.toContain(TINY_COMMUNITY_EAST);
    expect(wb.regions[0]!.households).toBeLessThan(a.body.regions[0]!.households);
    // The wide user's ETag does not stand for the narrow user's list.
    const cross = await west.request('/api/regions', { headers: { 'if-none-match': a.headers.get('etag')! } });
    expect(cross.status).toBe(200);
  });

  it('lists the households estimated from floor area apart, rolled up from the communities', async () => {
    const planner = await ctx.login('planner');
    const before = (await planner.get<Listed>('/api/regions')).body;
    expect(before.regions.every((r) => r.estimatedHouseholds === 0)).toBe(true);
    // The east community's buildings counted by an estimate (an import with --estimate-households).
    await ctx.t.db.query(`UPDATE buildings SET households_source = 'estimated' WHERE district_code = $1 AND community_code = $2`, [
      TINY_DISTRICT_CODE,
      TINY_COMMUNITY_EAST,
    ]);
    const after = (await planner.get<Listed>('/api/regions')).body;
    const code = (b: Listed, c: string) => b.regions.find((r) => r.code === c)!;
    const east = code(after, TINY_COMMUNITY_EAST);
    expect(east.estimatedHouseholds).toBe(east.households);
    expect(east.households).toBeGreaterThan(0);
    expect(code(after, TINY_COMMUNITY_WEST).estimatedHouseholds).toBe(0);
    expect(after.regions[0]!.estimatedHouseholds).toBe(east.households);
    expect(after.regions[0]!.households).toBe(before.regions[0]!.households);
  });
});

describe.each(BACKENDS)('GET /api/regions on %s', (kind) => {
  const ctx = useTestApp(kind);

  it('GET /api/regions lists regions district first with bbox and totals', async () => {
    const { status, body } = await ctx.get<{
      regions: {
        code: string;
        bbox: number[];
        households: number;
        persons: number;
        buildings: number;
        grids: number;
        parentCode: string | null;
      }[];
    }>('/api/regions');
    expect(status).toBe(200);
    expect(body.regions.map((r) => r.code)).toEqual(['610198', '610198001', '610198001001', '610198001002']);
    const west = body.regions[2];
    expect(west).toEqual({
      code: '610198001001',
      name: '西社区',
      level: 'community',
      parentCode: '610198001',
      bbox: [108.9, 34.2, 108.92, 34.22],
      households: sum('households', '610198001001'),
      estimatedHouseholds: 0,
      persons: sum('persons', '610198001001'),
      buildings: 3,
      grids: 2,
    });
    expect(body.regions[0]).toMatchObject({ households: sum('households'), buildings: 6, grids: 3, parentCode: null });
  });
});
