/**
 * A plan's life through the API on both databases: a split saved with provisional codes,
 * compared with the grids in force, submitted, approved by a leader (final serials in reading
 * order, the split grid's code retired with lineage), and the refusals on the way.
 */
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../test/test-database.js';
import { useTestApp, type Client } from '../test/test-app.js';
import { TINY_COMMUNITY_WEST as WEST } from '../test/tiny-district.fixture.js';
import { collection, gridFeature, put } from './plans.test-helpers.js';

interface Plan {
  id: number;
  status: string;
  version: number;
  statusNote: string | null;
  approvedBy: string | null;
}
interface Problem {
  kind: string;
  severity?: string;
  grids: string[];
  message: string;
}
interface ErrorReply {
  error: { code: string; message: string; details?: { problems?: Problem[]; retired?: string[] } };
}

const W1 = '610198001001001';
const W2 = '610198001001002';
const west = (box: [number, number, number, number], code?: string) => gridFeature(box, { communityCode: WEST, ...(code ? { code } : {}) });
const SOUTH: [number, number, number, number] = [108.9, 34.2, 108.91, 34.21];
const NORTH: [number, number, number, number] = [108.9, 34.21, 108.91, 34.22];

describe.each(BACKENDS)('plan workflow on %s', (kind) => {
  const ctx = useTestApp(kind);

  async function step<T = { plan: Plan }>(client: Client, id: number, transition: string, body: unknown) {
    return client.post<T & ErrorReply>(`/api/plans/${id}/${transition}`, body);
  }

  async function splitDraft(planner: Client): Promise<Plan> {
    const draft = await planner.post<Plan>('/api/plans', { regionCode: WEST, name: '拆分西一' });
    const saved = await put<{ plan: Plan; codes: string[]; problems: Problem[] }>(planner, `/api/plans/${draft.body.id}/grids`, {
      version: 1,
      grids: collection([west(SOUTH), west(NORTH), west([108.91, 34.2, 108.92, 34.22], W2)]),
    });
    expect(saved.status).toBe(200);
    expect(saved.body.codes).toEqual(['610198001001N01', '610198001001N02', W2]);
    // W2 holds one 60-household building: under-filled, a warning stored with the plan.
    expect(saved.body.problems.map((p) => [p.kind, p.severity, p.grids])).toEqual([['under_fill', 'warning', [W2]]]);
    return saved.body.plan;
  }

  it('compares a split with the grids in force', async () => {
    const planner = await ctx.login('planner');
    const plan = await splitDraft(planner);
    const r = await planner.get<{
      diff: { added: string[]; removed: string[]; unchanged: string[]; households: number; buildings: number; moved: { unit: string }[] };
      after: { features: unknown[] };
    }>(`/api/plans/${plan.id}/diff`);
    expect(r.status).toBe(200);
    expect(r.body.diff).toMatchObject({
      added: ['610198001001N01', '610198001001N02'],
      removed: [W1],
      unchanged: [W2],
      households: 320,
      buildings: 2,
    });
    expect(r.body.diff.moved.map((m) => m.unit).sort()).toEqual(['1', '2']);
    expect(r.body.after.features.map((f) => (f as { properties: { change: string } }).properties.change).sort()).toEqual([
      'added',
      'added',
      'unchanged',
    ]);
    const stored = await planner.get<{ problems: Problem[] }>(`/api/plans/${plan.id}`);
    expect(stored.body.problems.map((p) => p.kind)).toEqual(['under_fill']);
  });

  it("submits, refuses a planner's or a stale approval, approves with final codes in reading order and retires the split code", async () => {
    const planner = await ctx.login('planner');
    const leader = await ctx.login('leader');
    const plan = await splitDraft(planner);
    const submitted = await step(planner, plan.id, 'submit', { version: plan.version });
    expect(submitted.status).toBe(200);
    expect(submitted.body.plan).toMatchObject({ status: 'submitted', version: plan.version + 1 });
    expect((await step(planner, plan.id, 'approve', { version: plan.version + 1 })).status).toBe(403);
    const stale = await step(leader, plan.id, 'approve', { version: plan.version });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/changed since version/);
    const approved = await step<{ plan: Plan; codes: Record<string, string> }>(leader, plan.id, 'approve', { version: plan.version + 1 });
    expect(approved.status).toBe(200);
    expect(approved.body.plan).toMatchObject({ status: 'approved', approvedBy: 'leader' });
    // North before south; serials continue after the highest ever issued (002).
    expect(approved.body.codes).toEqual({ '610198001001N02': '610198001001003', '610198001001N01': '610198001001004' });
    const codes = await ctx.t.db.query<{ code: string; retired: boolean; by: number | null }>(
      `SELECT code, retired_at IS NOT NULL AS retired, retired_plan_id AS by FROM grid_codes WHERE left(code, 12) = $1 ORDER BY code`,
      [WEST],
    );
    expect(codes.rows.map((r) => [r.code, r.retired])).toEqual([
      [W1, true],
      [W2, false],
      ['610198001001003', false],
      ['610198001001004', false],
    ]);
    expect(Number(codes.rows[0]!.by)).toBe(plan.id);
    const lineage = await ctx.t.db.query<{ code: string; parent: string }>(
      `SELECT code, parent_code AS parent FROM grid_code_lineage WHERE plan_id = $1 ORDER BY code`,
      [plan.id],
    );
    expect(lineage.rows).toEqual([
      { code: '610198001001003', parent: W1 },
      { code: '610198001001004', parent: W1 },
    ]);
    const history = await ctx.get<{ retiredPlanId: number; children: { code: string }[] }>(`/api/grid-codes/${W1}`);
    expect(history.body.retiredPlanId).toBe(plan.id);
    expect(history.body.children.map((l) => l.code)).toEqual(['610198001001003', '610198001001004']);
    const child = await ctx.get<{ firstPlanId: number; parents: { code: string; sharedM2: number }[] }>('/api/grid-codes/610198001001003');
    expect(child.body.firstPlanId).toBe(plan.id);
    expect(child.body.parents.map((l) => l.code)).toEqual([W1]);
    expect(child.body.parents[0]!.sharedM2).toBeGreaterThan(1e6);
    expect((await ctx.get('/api/grid-codes/610198001001099')).status).toBe(404);
    const inForce = await ctx.get<{ features: { properties: { code: string } }[] }>(`/api/layers/grids?region=${WEST}`);
    expect(inForce.body.features.map((f) => f.properties.code).sort()).toEqual([W2, '610198001001003', '610198001001004']);

    // A retired code is never reused; a code never issued is refused.
    const next = await planner.post<Plan>('/api/plans', { regionCode: WEST, name: '再调整' });
    const reuse = await put<ErrorReply>(planner, `/api/plans/${next.body.id}/grids`, {
      version: 1,
      grids: collection([west([108.9, 34.2, 108.91, 34.22], W1)]),
    });
    expect(reuse.status).toBe(422);
    expect(reuse.body.error.details!.problems![0]).toMatchObject({ kind: 'retired_code', grids: [W1] });
    const invented = await put<ErrorReply>(planner, `/api/plans/${next.body.id}/grids`, {
      version: 1,
      grids: collection([west([108.9, 34.2, 108.91, 34.22], '610198001001099')]),
    });
    expect(invented.body.error.details!.problems![0]!.message).toMatch(/never issued/);
  });

  it('returns a submitted plan with a note, archives it, and refuses steps from the wrong state', async () => {
    const planner = await ctx.login('planner');
    const leader = await ctx.login('leader');
    const draft = await planner.post<Plan>('/api/plans', { regionCode: WEST, name: '退回测试' });
    expect((await step(planner, draft.body.id, 'return', { version: 1 })).status).toBe(403);
    const submitted = await step(planner, draft.body.id, 'submit', { version: 1 });
    const returned = await step(leader, draft.body.id, 'return', { version: submitted.body.plan.version, note: '西二网格过小，请合并' });
    expect(returned.body.plan).toMatchObject({ status: 'draft', statusNote: '西二网格过小，请合并' });
    const archived = await step(planner, draft.body.id, 'archive', { version: returned.body.plan.version });
    expect(archived.body.plan.status).toBe('archived');
    const again = await step(planner, draft.body.id, 'archive', { version: archived.body.plan.version });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/is archived: only a draft or submitted plan can be archived/);
  });

  it('refuses to submit a draft with overlapping grids, listing them', async () => {
    const planner = await ctx.login('planner');
    const draft = await planner.post<Plan>('/api/plans', { regionCode: WEST, name: '重叠' });
    // A draft can hold a copied fault that no save would accept.
    await ctx.t.db.query(
      `UPDATE grids SET geometry = ST_MakeEnvelope(108.908, 34.2, 108.92, 34.22, 4326) WHERE plan_id = $1 AND code = $2`,
      [draft.body.id, W2],
    );
    const r = await step(planner, draft.body.id, 'submit', { version: 1 });
    expect(r.status).toBe(422);
    const overlap = r.body.error.details!.problems![0]!;
    expect(overlap.kind).toBe('overlap');
    expect(overlap.grids).toContain(W2);
    expect((await planner.get<{ plan: Plan }>(`/api/plans/${draft.body.id}`)).body.plan.status).toBe('draft');
  });
});
