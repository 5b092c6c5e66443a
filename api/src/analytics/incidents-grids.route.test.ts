import { describe, expect, it, beforeAll } from 'vitest';
import { BACKENDS } from '../test/test-database.js';
import { useTestApp } from '../test/test-app.js';
import { TINY_COMMUNITY_EAST, TINY_COMMUNITY_WEST } from '../test/tiny-district.fixture.js';
import {
  countBy,
  expectedCommunity,
  expectedGrid,
  fixtureIncidents,
  insertIncidents,
  insertMidPlan,
  makeIncidents,
  MID_PLAN_ID,
  testPlans,
  type TestIncident,
} from './incidents.test-data.js';

interface GridCounts {
  rows: { code: string; name: string; communityCode: string; count: number; households: number; perThousandHouseholds: number | null }[];
  total: number;
  outside: number;
}

const countsOf = (body: GridCounts): Record<string, number> =>
  Object.fromEntries(body.rows.filter((r) => r.count > 0).map((r) => [r.code, r.count]));

function expected(incidents: TestIncident[], midApprovedAt?: string): { byGrid: Record<string, number>; outside: number } {
  const plans = testPlans(midApprovedAt);
  const all = countBy(incidents, (i) => expectedGrid(i, plans));
  const { null: outside = 0, ...byGrid } = all;
  return { byGrid, outside };
}

describe.each(BACKENDS)('GET /api/analytics/incidents/grids on %s', (kind) => {
  const ctx = useTestApp(kind);
  const incidents = [...fixtureIncidents(), ...makeIncidents()];

  beforeAll(async () => {
    // Incidents first, then the plan approved mid-period: its grids' trigger reassigns.
    await insertIncidents(ctx.t.db, makeIncidents());
    await insertMidPlan(ctx.t.db);
  });

  it('counts each incident in the grid of the plan in force when it happened (Turf agrees)', async () => {
    const { status, body } = await ctx.get<GridCounts>('/api/analytics/incidents/grids');
    expect(status).toBe(200);
    const want = expected(incidents);
    expect(countsOf(body)).toEqual(want.byGrid);
    expect(body.total).toBe(incidents.length);
    expect(body.outside).toBe(want.outside);
    // Both the superseded east grid and the new ones have counts.
    expect(Object.keys(want.byGrid).sort()).toEqual([
      '610198001001001',
      '610198001001002',
      '610198001002001',
      '610198001002004',
      '610198001002005',
    ]);
  });

  it('puts east incidents before the mid-period approval in the old grid, after it in the new ones', async () => {
    const { body } = await ctx.get<GridCounts>(`/api/analytics/incidents/grids?region=${TINY_COMMUNITY_EAST}`);
    const east = incidents.filter((i) => expectedCommunity(i) === TINY_COMMUNITY_EAST);
    const before = east.filter((i) => i.reportedAt < '2025-04-15T00:00:00Z');
    const old = body.rows.find((r) => r.code === '610198001002001')!;
    expect(old.count).toBe(before.filter((i) => Date.parse(i.reportedAt) >= Date.parse('2025-01-15T00:00:00Z')).length);
    const fresh = body.rows.filter((r) => r.code === '610198001002004' || r.code === '610198001002005');
    expect(fresh.reduce((s, r) => s + r.count, 0)).toBe(east.length - before.length);
    // Households come from the buildings in each grid: building 4 (250) lies in 东四.
    expect(body.rows.find((r) => r.code === '610198001002004')!.households).toBeGreaterThanOrEqual(250);
  });

  it('follows a change of the approval time (plans trigger) and a filter by period', async () => {
    await ctx.t.db.query(`UPDATE plans SET approved_at = '2025-05-15T00:00:00Z' WHERE id = $1`, [MID_PLAN_ID]);
    try {
      const { body } = await ctx.get<GridCounts>('/api/analytics/incidents/grids');
      expect(countsOf(body)).toEqual(expected(incidents, '2025-05-15T00:00:00Z').byGrid);
      const q = await ctx.get<GridCounts>('/api/analytics/incidents/grids?from=2025-03-01&to=2025-06-01T00:00:00%2B08:00');
      const inPeriod = incidents.filter(
        (i) =>
          Date.parse(i.reportedAt) >= Date.parse('2025-03-01T00:00:00+08:00') &&
          Date.parse(i.reportedAt) < Date.parse('2025-06-01T00:00:00+08:00'),
      );
      expect(countsOf(q.body)).toEqual(expected(inPeriod, '2025-05-15T00:00:00Z').byGrid);
      expect(q.body.total).toBe(inPeriod.length);
    } finally {
      await ctx.t.db.query(`UPDATE plans SET approved_at = '2025-04-15T00:00:00Z' WHERE id = $1`, [MID_PLAN_ID]);
    }
  });

  it('filters by category, channel and state', async () => {
    const { body } = await ctx.get<GridCounts>(
      '/api/analytics/incidents/grids?category=safety,dispute&channel=hotline&state=closed,dispatched',
    );
    const subset = incidents.filter(
      (i) => ['safety', 'dispute'].includes(i.category) && i.channel === 'hotline' && ['closed', 'dispatched'].includes(i.state),
    );
    expect(subset.length).toBeGreaterThan(5);
    expect(countsOf(body)).toEqual(expected(subset).byGrid);
    expect(body.total).toBe(subset.length);
  });

  it('keeps a community user to their jurisdiction: 403 outside, only their grids otherwise', async () => {
    const west = await ctx.login('analyst-west');
    expect((await west.get(`/api/analytics/incidents/grids?region=${TINY_COMMUNITY_EAST}`)).status).toBe(403);
    const { status, body } = await west.get<GridCounts>('/api/analytics/incidents/grids');
    expect(status).toBe(200);
    const mine = incidents.filter((i) => expectedCommunity(i) === TINY_COMMUNITY_WEST);
    expect(body.total).toBe(mine.length);
    expect(body.rows.every((r) => r.communityCode === TINY_COMMUNITY_WEST)).toBe(true);
    expect(countsOf(body)).toEqual(expected(mine).byGrid);
  });

  it('answers malformed filters with 400 and a message naming the parameter', async () => {
    for (const [query, words] of [
      ['from=2025-13-01', 'from'],
      ['from=2025-06-01&to=2025-05-01', 'before'],
      ['state=teleported', 'state'],
      ['region=12', 'region'],
      ['category=a,,b', 'category'],
    ] as const) {
      const { status, body } = await ctx.get<{ error: { message: string } }>(`/api/analytics/incidents/grids?${query}`);
      expect(status, query).toBe(400);
      expect(body.error.message, query).toContain(words);
    }
  });
});
