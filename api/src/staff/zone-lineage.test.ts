/**
 * Zone roles follow the lineage on both databases. The tiny district's zone 第一片 holds W1 and
 * W2 (codes 610198001001001/002); a zone manager serves it. A split of W1 whose parts (and W2) go to a new zone 第二片
 * proposes the manager for 第二片; a merge of W1 and W2 into one grid without a zone leaves a
 * "needs a zone" entry naming the merged grid. Nobody loses their zone silently.
 */
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../test/test-database.js';
import { useTestApp, type Client } from '../test/test-app.js';
import { TINY_COMMUNITY_WEST as WEST } from '../test/tiny-district.fixture.js';
import { approvePlan, gridFeature } from '../plans/plans.test-helpers.js';
import type { StaffChecks } from './staff-checks.sql.js';
import type { Proposal } from './staff-proposals.js';
import type { Worker } from './staff.store.js';

const W2 = '610198001001002';
const ZONE = '61019800100101';
const ZONE2 = '61019800100102';
const west = (box: [number, number, number, number], props: { code?: string; zoneCode?: string | null } = {}) =>
  gridFeature(box, { communityCode: WEST, ...props });

const approve = (planner: Client, leader: Client, grids: unknown[]) => approvePlan(planner, leader, WEST, '调整第一片', grids);

describe.each(BACKENDS)('zone roles after a plan approval on %s', (kind) => {
  const ctx = useTestApp(kind);

  it('proposes the zone manager for the zone of the split grid’s parts, and confirming moves the assignment', async () => {
    await ctx.t.db.query(
      `INSERT INTO zones (district_code, code, community_code, name) VALUES ('610198', $1, $2, '第二片') ON CONFLICT DO NOTHING`,
      [ZONE2, WEST],
    );
    const admin = await ctx.login('admin');
    const manager = await admin.post<Worker>('/api/staff', {
      regionCode: WEST,
      name: '周敏',
      assignments: [{ role: 'zone_manager', zoneCode: ZONE }],
    });
    expect(manager.status).toBe(201);
    const planner = await ctx.login('planner');
    const codes = await approve(planner, await ctx.login('leader'), [
      west([108.9, 34.2, 108.91, 34.21], { zoneCode: ZONE2 }),
      west([108.9, 34.21, 108.91, 34.22], { zoneCode: ZONE2 }),
      west([108.91, 34.2, 108.92, 34.22], { code: W2, zoneCode: ZONE2 }),
    ]);
    const parts = [codes['610198001001N01']!, codes['610198001001N02']!].sort();

    const list = await planner.get<{ proposals: Proposal[] }>('/api/staff/proposals?region=610198&status=pending');
    const zoneProposals = list.body.proposals.filter((p) => p.kind !== 'grid');
    expect(zoneProposals.map((p) => [p.staffId, p.role, p.kind, p.fromZoneCode, p.zoneCode, p.gridCode, p.successorGrids])).toEqual([
      [manager.body.id, 'zone_manager', 'zone', ZONE, ZONE2, null, [...parts, W2].sort()],
    ]);
    // The grid role still gets its grid proposals beside it.
    expect(
      list.body.proposals
        .filter((p) => p.kind === 'grid')
        .map((p) => p.gridCode)
        .sort(),
    ).toEqual(parts);
    // Until confirmed the manager serves nothing and is listed with the proposal waiting.
    const waiting = await planner.get<StaffChecks>('/api/staff/checks?region=610198');
    expect(waiting.body.needsGrid.find((n) => n.id === manager.body.id)).toMatchObject({ pendingProposals: 1 });

    const confirmed = await planner.post<Proposal>(`/api/staff/proposals/${zoneProposals[0]!.id}/confirm`, {});
    expect(confirmed.status).toBe(200);
    const worker = await admin.get<Worker>(`/api/staff/workers/610198/${manager.body.id}`);
    expect(worker.body.assignments.map((a) => [a.role, a.zoneCode, a.gridCode])).toEqual([['zone_manager', ZONE2, null]]);
    expect(worker.body.version).toBe(2);
    const after = await planner.get<StaffChecks>('/api/staff/checks?region=610198');
    expect(after.body.needsGrid.map((n) => n.id)).not.toContain(manager.body.id);
    expect(after.body.grids.filter((g) => g.zoneCode === ZONE2).every((g) => !g.missing.includes('zone_manager'))).toBe(true);
  });

  it('leaves a needs-a-zone entry when a merge’s grid carries no zone; it cannot be confirmed, only dismissed', async () => {
    // The zone the west grids in force carry now (第一片, or 第二片 after the first test).
    const current = await ctx.t.db.query<{ zone: string }>(
      `SELECT DISTINCT zone_code AS zone FROM current_grids WHERE district_code = '610198' AND community_code = $1`,
      [WEST],
    );
    expect(current.rows).toHaveLength(1);
    const zone = current.rows[0]!.zone;
    const admin = await ctx.login('admin');
    const manager = await admin.post<Worker>('/api/staff', {
      regionCode: WEST,
      name: '吴刚',
      assignments: [{ role: 'zone_manager', zoneCode: zone }],
    });
    expect(manager.status).toBe(201);
    const planner = await ctx.login('planner');
    const codes = await approve(planner, await ctx.login('leader'), [west([108.9, 34.2, 108.92, 34.22], { zoneCode: null })]);
    const merged = codes['610198001001N01']!;

    const list = await planner.get<{ proposals: Proposal[] }>('/api/staff/proposals?region=610198&status=pending');
    const mine = list.body.proposals.filter((p) => p.staffId === manager.body.id);
    expect(mine.map((p) => [p.kind, p.fromZoneCode, p.zoneCode, p.successorGrids, p.regionCode])).toEqual([
      ['needs_zone', zone, null, [merged], WEST],
    ]);
    const refused = await planner.post<{ error: { message: string } }>(`/api/staff/proposals/${mine[0]!.id}/confirm`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain(`grids ${merged} that took zone ${zone}'s area carry no zone`);
    expect((await planner.post<Proposal>(`/api/staff/proposals/${mine[0]!.id}/reject`, {})).body.status).toBe('rejected');
    // Dismissed, the manager is still listed as needing a grid: never dropped.
    const checks = await planner.get<StaffChecks>('/api/staff/checks?region=610198');
    expect(checks.body.needsGrid.map((n) => n.id)).toContain(manager.body.id);
  });
});
