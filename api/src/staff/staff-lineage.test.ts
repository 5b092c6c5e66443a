/**
 * Assignments follow the grid lineage on both databases: a plan splits W1, served by two
 * information officers; on approval the first (lowest id) is proposed for both new grids, the
 * second is listed as needing a grid (never dropped silently); a planner confirms one proposal
 * and rejects the other.
 */
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../test/test-database.js';
import { useTestApp, type Client } from '../test/test-app.js';
import { TINY_COMMUNITY_WEST as WEST } from '../test/tiny-district.fixture.js';
import { approvePlan, gridFeature } from '../plans/plans.test-helpers.js';
import type { StaffChecks } from './staff-checks.sql.js';
import type { Proposal } from './staff-proposals.js';
import type { Worker } from './staff.store.js';

const W1 = '610198001001001';
const W2 = '610198001001002';
const west = (box: [number, number, number, number], code?: string) => gridFeature(box, { communityCode: WEST, ...(code ? { code } : {}) });

describe.each(BACKENDS)('staff proposals after a plan approval on %s', (kind) => {
  const ctx = useTestApp(kind);

  const approveSplit = (planner: Client, leader: Client) =>
    approvePlan(planner, leader, WEST, '拆分西一', [
      west([108.9, 34.2, 108.91, 34.21]),
      west([108.9, 34.21, 108.91, 34.22]),
      west([108.91, 34.2, 108.92, 34.22], W2),
    ]);

  it('proposes the split grid’s worker for both parts, lists the other as needing a grid, and lets a planner decide', async () => {
    const admin = await ctx.login('admin');
    const second = await admin.post<Worker>('/api/staff', {
      regionCode: WEST,
      name: '孙丽',
      assignments: [{ role: 'information_officer', gridCode: W1 }],
    });
    expect(second.status).toBe(201);
    const planner = await ctx.login('planner');
    const codes = await approveSplit(planner, await ctx.login('leader'));
    const south = codes['610198001001N01']!;
    const north = codes['610198001001N02']!;

    const list = await planner.get<{ proposals: Proposal[] }>('/api/staff/proposals?region=610198&status=pending');
    expect(list.status).toBe(200);
    expect(list.body.proposals.map((p) => [p.staffId, p.role, p.fromGridCode, p.gridCode, p.status])).toEqual(
      [
        [1, 'information_officer', W1, north, 'pending'],
        [1, 'information_officer', W1, south, 'pending'],
      ].sort((a, b) => String(a[3]).localeCompare(String(b[3]))),
    );
    expect(list.body.proposals.every((p) => p.sharedM2 > 1_000_000)).toBe(true);

    // Until decided, W1's workers serve nothing: both listed, the proposed one with its proposals waiting.
    const checks = await planner.get<StaffChecks>('/api/staff/checks?region=610198');
    const needs = checks.body.needsGrid.map((n) => [n.id, n.lostGrids, n.pendingProposals]);
    expect(needs.sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      [1, [W1], 2],
      [second.body.id, [W1], 0],
    ]);
    expect(checks.body.grids.find((g) => g.code === south)!.missing).toContain('information_officer');

    const toSouth = list.body.proposals.find((p) => p.gridCode === south)!;
    const toNorth = list.body.proposals.find((p) => p.gridCode === north)!;
    const confirmed = await planner.post<Proposal>(`/api/staff/proposals/${toSouth.id}/confirm`, {});
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', decidedBy: 'planner' });
    expect((await planner.post<Proposal>(`/api/staff/proposals/${toNorth.id}/reject`, {})).body.status).toBe('rejected');
    expect((await planner.post(`/api/staff/proposals/${toNorth.id}/confirm`, {})).status).toBe(409);

    const worker = await admin.get<Worker>('/api/staff/workers/610198/1');
    expect(worker.body.assignments.map((a) => [a.role, a.gridCode])).toEqual([['information_officer', south]]);
    expect(worker.body.version).toBe(2);
    const after = await planner.get<StaffChecks>('/api/staff/checks?region=610198');
    expect(after.body.needsGrid.map((n) => n.id)).toEqual([second.body.id]);
    expect(after.body.grids.find((g) => g.code === south)!.missing).not.toContain('information_officer');
    expect(after.body.grids.find((g) => g.code === north)!.missing).toContain('information_officer');
    const audit = await ctx.t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE action LIKE 'staff.proposal.%' ORDER BY id`);
    expect(audit.rows.map((r) => r.action)).toEqual(['staff.proposal.confirm', 'staff.proposal.reject']);
  });
});
