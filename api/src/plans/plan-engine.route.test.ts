/**
 * The engine through the API on both databases, on the tiny district: divide the west
 * community from scratch, then grow two buildings past the rule and rebalance with the
 * fewest households moved, codes kept and the other community untouched.
 */
import { rebalanceCommunity, type LineString, type Polygon } from '@gridatlas/core';
import { describe, expect, it } from 'vitest';
import { activeRuleProfile } from '../regions/active-rule-profile.js';
import { loadPlanContext } from './plan-validation.js';
import { BACKENDS } from '../test/test-database.js';
import { useTestApp, type Client } from '../test/test-app.js';
import { TINY_COMMUNITY_EAST as EAST, TINY_COMMUNITY_WEST as WEST } from '../test/tiny-district.fixture.js';

interface Plan {
  id: number;
  version: number;
}
interface Grid {
  properties: { code: string; communityCode: string; type: string };
  geometry: unknown;
}
interface Run {
  plan: Plan;
  codes: string[];
  problems: { kind: string; severity: string; grids: string[] }[];
  report: Record<string, unknown>;
  exceptions: unknown[];
  error?: { code: string; message: string };
}

const W1 = '610198001001001';
const W2 = '610198001001002';

describe.each(BACKENDS)('engine runs on %s', (kind) => {
  const ctx = useTestApp(kind);

  async function district(planner: Client): Promise<Plan> {
    const r = await planner.post<Plan>('/api/plans', { regionCode: '610198', name: '全区调整' });
    expect(r.status).toBe(201);
    return r.body;
  }
  const gridsOf = async (id: number) => (await ctx.get<{ grids: { features: Grid[] } }>(`/api/plans/${id}`)).body.grids.features;

  it('divides a community into the lower-bound number of grids and keeps the other community as it was', async () => {
    const planner = await ctx.login('planner');
    const plan = await district(planner);
    const before = await gridsOf(plan.id);
    const r = await planner.post<Run>(`/api/plans/${plan.id}/delineate`, { version: plan.version, communityCode: WEST, seed: 7 });
    expect(r.status).toBe(200);
    // 380 households, cap 300: two grids.
    expect(r.body.report).toMatchObject({ grids: 2, lowerBound: 2, compliant: true, contiguous: true });
    expect(r.body.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const after = await gridsOf(plan.id);
    const west = after.filter((g) => g.properties.communityCode === WEST).map((g) => g.properties.code);
    expect(west).toEqual(['610198001001N01', '610198001001N02']);
    expect(after.filter((g) => g.properties.communityCode === EAST)).toEqual(before.filter((g) => g.properties.communityCode === EAST));
    // The same seed gives the same grids.
    const again = await planner.post<Run>(`/api/plans/${plan.id}/delineate`, {
      version: r.body.plan.version,
      communityCode: WEST,
      seed: 7,
    });
    expect((await gridsOf(plan.id)).map((g) => g.geometry)).toEqual(after.map((g) => g.geometry));
    expect(again.status).toBe(200);
  });

  it('rebalances a grid pushed over the rule by moving units to its neighbour, keeping codes', async () => {
    await ctx.t.db.query(`UPDATE buildings SET households = 250, persons = 700 WHERE district_code = '610198' AND id IN (1, 2)`);
    const planner = await ctx.login('planner');
    const plan = await district(planner);
    const before = await gridsOf(plan.id);
    const r = await planner.post<Run>(`/api/plans/${plan.id}/rebalance`, { version: plan.version, communityCode: WEST });
    expect(r.status).toBe(200);
    expect(r.body.report.violating).toEqual([W1]);
    expect(r.body.report.remaining).toEqual([]);
    expect(r.body.report.householdsMoved).toBe(250);
    // The east community keeps its over-cap grid: only the west was rebalanced.
    expect(r.body.problems.filter((p) => p.kind === 'over_cap').map((p) => p.grids)).toEqual([['610198001002001']]);
    const after = await gridsOf(plan.id);
    expect(after.map((g) => g.properties.code)).toEqual(before.map((g) => g.properties.code));
    expect(after.find((g) => g.properties.communityCode === EAST)).toEqual(before.find((g) => g.properties.communityCode === EAST));
    expect(after.find((g) => g.properties.code === W2)!.geometry).not.toEqual(before.find((g) => g.properties.code === W2)!.geometry);
  });

  it('divides with headroom and balance when asked, and refuses a target fill outside (0, 1]', async () => {
    const planner = await ctx.login('planner');
    const plan = await district(planner);
    const r = await planner.post<Run>(`/api/plans/${plan.id}/delineate`, {
      version: plan.version,
      communityCode: WEST,
      seed: 7,
      targetFill: 0.6,
      balance: 'households',
    });
    expect(r.status).toBe(200);
    // 380 households at 180 per grid: at least three grids.
    expect(r.body.report).toMatchObject({ targetFill: 0.6, lowerBound: 3, compliant: true, unplaced: [], doubled: [] });
    expect((r.body.report.balance as { by: string }).by).toBe('households');
    for (const bad of [0, 1.5, -1]) {
      const refused = await planner.post<Run>(`/api/plans/${plan.id}/delineate`, {
        version: r.body.plan.version,
        communityCode: WEST,
        targetFill: bad,
      });
      expect(refused.status).toBe(400);
    }
    const badBalance = await planner.post<Run>(`/api/plans/${plan.id}/delineate`, {
      version: r.body.plan.version,
      communityCode: WEST,
      balance: 'area',
    });
    expect(badBalance.status).toBe(400);
  });

  it('rebalances as core’s rebalanceCommunity does on the same community read back from the database', async () => {
    await ctx.t.db.query(`UPDATE buildings SET households = 250, persons = 700 WHERE district_code = '610198' AND id IN (1, 2)`);
    const planner = await ctx.login('planner');
    const plan = await district(planner);
    const grids = (await gridsOf(plan.id)).filter((g) => g.properties.communityCode === WEST);
    const db = ctx.t.db;
    const boundary = JSON.parse(
      (
        await db.query<{ g: string }>(`SELECT ST_AsGeoJSON(boundary) AS g FROM regions WHERE district_code = '610198' AND code = $1`, [
          WEST,
        ])
      ).rows[0]!.g,
    ) as Polygon;
    const streets = (
      await db.query<{ g: string }>(
        `SELECT ST_AsGeoJSON(s.geom) AS g FROM streets s, regions r WHERE r.district_code = '610198' AND r.code = $1 AND s.district_code = '610198' AND ST_DWithin(s.geom, r.boundary, 0.0005)`,
        [WEST],
      )
    ).rows.map((x) => JSON.parse(x.g) as LineString);
    const context = await loadPlanContext(db, '610198', WEST);
    const profile = await activeRuleProfile(db, '610198');
    const r = await planner.post<Run>(`/api/plans/${plan.id}/rebalance`, { version: plan.version, communityCode: WEST });
    expect(r.status).toBe(200);
    const core = rebalanceCommunity({
      boundary,
      streets,
      buildings: context.units,
      plan: grids.map((g) => ({
        code: g.properties.code,
        geometry: g.geometry as Polygon,
        ...(g.properties.type === 'dedicated' ? { type: 'dedicated' as const } : {}),
      })),
      profile,
      seed: 1,
      newCode: (n) => `new-${n}`,
    });
    const { ms: _a, ...api } = r.body.report;
    const { ms: _b, ...expected } = core.report;
    expect(api).toEqual(expected);
  });

  it('refuses a community outside the plan, a stale version and a plan that is not a draft', async () => {
    const planner = await ctx.login('planner');
    const east = await planner.post<Plan>('/api/plans', { regionCode: EAST, name: '东' });
    const outside = await planner.post<Run>(`/api/plans/${east.body.id}/delineate`, { version: 1, communityCode: WEST });
    expect(outside.status).toBe(422);
    expect(outside.body.error!.message).toMatch(/not in plan region/);
    const stale = await planner.post<Run>(`/api/plans/${east.body.id}/delineate`, { version: 5, communityCode: EAST });
    expect(stale.status).toBe(409);
    const bad = await planner.post<Run>(`/api/plans/${east.body.id}/rebalance`, { version: 1, communityCode: '61019800100' });
    expect(bad.status).toBe(400);
    expect((await planner.post<Run>('/api/plans/1/delineate', { version: 1, communityCode: WEST })).status).toBe(409);
  });
});
