import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../test/test-database.js';
import { useTestApp } from '../test/test-app.js';
import { TINY_COMMUNITY_EAST as EAST, TINY_COMMUNITY_WEST as WEST } from '../test/tiny-district.fixture.js';
import { collection, gridFeature, put } from './plans.test-helpers.js';

interface Plan {
  id: number;
  regionCode: string;
  status: string;
  version: number;
  grids?: number;
}
interface PlanWithGrids {
  plan: Plan;
  grids: { type: string; features: { id: number; properties: { code: string; communityCode: string } }[] };
}
interface Problem {
  kind: string;
  grids: string[];
  message: string;
  areaM2?: number;
  location?: [number, number];
}
interface ErrorReply {
  error: {
    code: string;
    message: string;
    details?: { problems?: Problem[]; currentVersion?: number; added?: string[]; removed?: string[] };
  };
}

const W1 = '610198001001001';
const W2 = '610198001001002';
const west = (box: [number, number, number, number], code?: string) => gridFeature(box, { communityCode: WEST, ...(code ? { code } : {}) });

describe.each(BACKENDS)('plans on %s', (kind) => {
  const ctx = useTestApp(kind);

  async function newWestDraft(): Promise<Plan> {
    const planner = await ctx.login('planner');
    const r = await planner.post<Plan>('/api/plans', { regionCode: WEST, name: '西社区草案' });
    expect(r.status).toBe(201);
    return r.body;
  }

  async function gridCodes(id: number): Promise<string[]> {
    const r = await ctx.get<PlanWithGrids>(`/api/plans/${id}`);
    return r.body.grids.features.map((f) => f.properties.code);
  }

  it('creates a draft copying the grids in force, or those of another plan, and reads it back', async () => {
    const draft = await newWestDraft();
    expect(draft).toMatchObject({ regionCode: WEST, status: 'draft', version: 1, grids: 2 });
    const read = await ctx.get<PlanWithGrids>(`/api/plans/${draft.id}`);
    expect(read.status).toBe(200);
    expect(read.body.grids.type).toBe('FeatureCollection');
    expect(read.body.grids.features.map((f) => f.properties.code)).toEqual([W1, W2]);
    const planner = await ctx.login('planner');
    const copy = await planner.post<Plan>('/api/plans', { regionCode: EAST, name: '东社区草案二', fromPlanId: 2 });
    expect(copy.body).toMatchObject({ status: 'draft', grids: 2 });
    expect(await gridCodes(copy.body.id)).toEqual(['610198001002002', '610198001002003']);
  });

  it('keeps drafts to their jurisdiction: 403 outside, 404 for no plan, 422 for a subdistrict', async () => {
    const west = await ctx.login('planner-west');
    expect((await west.get('/api/plans/2')).status).toBe(403);
    expect((await west.get('/api/plans/999999')).status).toBe(404);
    expect((await west.post('/api/plans', { regionCode: EAST, name: 'x' })).status).toBe(403);
    expect((await west.post('/api/plans', { regionCode: WEST, name: 'x', fromPlanId: 2 })).status).toBe(403);
    const own = await west.post<Plan>('/api/plans', { regionCode: WEST, name: '我的草案' });
    expect(own.status).toBe(201);
    expect((await west.get(`/api/plans/${own.body.id}`)).status).toBe(200);
    // The district-wide approved plan is readable, clipped to the west community's grids.
    const current = await west.get<PlanWithGrids>('/api/plans/1');
    expect(current.body.grids.features.map((f) => f.properties.communityCode)).toEqual([WEST, WEST]);
    const planner = await ctx.login('planner');
    expect((await planner.post('/api/plans', { regionCode: '610198001', name: 'x' })).status).toBe(422);
    expect((await planner.post('/api/plans', { regionCode: '610198001009', name: 'x' })).status).toBe(404);
    expect((await (await ctx.login('analyst')).post('/api/plans', { regionCode: WEST, name: 'x' })).status).toBe(403);
  });

  it('replaces the grids in one save, gives new grids provisional codes, bumps the version and audits it', async () => {
    const draft = await newWestDraft();
    const planner = await ctx.login('planner');
    const r = await put<{ plan: Plan; codes: string[]; added: string[]; removed: string[] }>(planner, `/api/plans/${draft.id}/grids`, {
      version: 1,
      grids: collection([
        west([108.9, 34.2, 108.91, 34.21], W1),
        west([108.9, 34.21, 108.91, 34.22]),
        west([108.91, 34.2, 108.92, 34.22], W2),
      ]),
    });
    expect(r.status).toBe(200);
    expect(r.body.plan.version).toBe(2);
    expect(r.body.codes[1]).toBe('610198001001N01');
    expect(r.body.added).toEqual([r.body.codes[1]]);
    expect(r.body.removed).toEqual([]);
    expect(await gridCodes(draft.id)).toEqual([W1, W2, r.body.codes[1]].sort());
    const audit = await ctx.t.db.query<{ target: string }>(`SELECT target FROM audit_log WHERE target = $1`, [
      `/api/plans/${draft.id}/grids`,
    ]);
    expect(audit.rows.length).toBeGreaterThanOrEqual(1);
  });

  it('repairs what is repairable (an open, clockwise ring with Z and a repeated vertex) and lists the repairs', async () => {
    const draft = await newWestDraft();
    const planner = await ctx.login('planner');
    const ring = [
      [108.9, 34.2, 5],
      [108.9, 34.22, 5],
      [108.91, 34.22, 5],
      [108.91, 34.22, 5],
      [108.91, 34.2, 5],
    ];
    const messy = {
      type: 'Feature',
      geometry: { type: 'MultiPolygon', coordinates: [[ring]] },
      properties: { name: '西一', type: 'comprehensive', communityCode: WEST, code: W1 },
    };
    const r = await put<{ repairs: { grid: string; reason: string; detail: string; areaBeforeM2: number; areaAfterM2: number }[] }>(
      planner,
      `/api/plans/${draft.id}/grids`,
      { version: 1, grids: collection([messy]) },
    );
    expect(r.status).toBe(200);
    expect(r.body.repairs.map((x) => [x.grid, x.reason])).toEqual([
      [W1, 'duplicate_vertices'],
      [W1, 'ring_closed'],
    ]);
    expect(r.body.repairs[0]!.areaAfterM2).toBeCloseTo(r.body.repairs[0]!.areaBeforeM2, 0);
    const stored = await ctx.t.db.query<{ t: string; n: number; ccw: boolean }>(
      `SELECT GeometryType(geometry) AS t, ST_NPoints(geometry) AS n, ST_IsPolygonCCW(geometry) AS ccw FROM grids WHERE plan_id = $1`,
      [draft.id],
    );
    expect(stored.rows).toEqual([{ t: 'POLYGON', n: 5, ccw: true }]);
  });

  it('refuses bad grids with 422 listing each problem, and leaves the draft as it was', async () => {
    const draft = await newWestDraft();
    const planner = await ctx.login('planner');
    const path = `/api/plans/${draft.id}/grids`;
    const bowtie = {
      type: 'Feature',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [108.9, 34.2],
            [108.91, 34.21],
            [108.91, 34.2],
            [108.9, 34.21],
            [108.9, 34.2],
          ],
        ],
      },
      properties: { name: 'x', type: 'comprehensive', communityCode: WEST },
    };
    const projected = {
      ...bowtie,
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [512345, 3780000],
            [512400, 3780000],
            [512400, 3780100],
            [512345, 3780000],
          ],
        ],
      },
    };
    const shapes = await put<ErrorReply>(planner, path, {
      version: 1,
      grids: collection([west([108.9, 34.2, 108.91, 34.22], W1), bowtie, projected]),
    });
    expect(shapes.status).toBe(422);
    expect(shapes.body.error.code).toBe('unprocessable');
    expect(shapes.body.error.details!.problems!.map((p) => [p.kind, p.grids])).toEqual([
      ['multipart', ['#1']],
      ['invalid_geometry', ['#2']],
    ]);
    expect(shapes.body.error.details!.problems![0]!.message).toMatch(/in 2 separate pieces \(the polygon: self-intersection/);
    expect(shapes.body.error.details!.problems![1]!.message).toMatch(/coordinates look projected \(x≈512345, y≈3780000\)/);
    // Reaching 0.005° (~460 m) into the east community.
    const outside = await put<ErrorReply>(planner, path, { version: 1, grids: collection([west([108.9, 34.2, 108.925, 34.22], W1)]) });
    expect(outside.status).toBe(422);
    const [o] = outside.body.error.details!.problems!;
    expect(o).toMatchObject({ kind: 'outside_community', grids: [W1] });
    expect(o!.areaM2!).toBeGreaterThan(1e5);
    expect(o!.location![0]).toBeGreaterThan(108.92);
    const overlap = await put<ErrorReply>(planner, path, {
      version: 1,
      grids: collection([west([108.9, 34.2, 108.912, 34.22], W1), west([108.91, 34.2, 108.92, 34.22], W2)]),
    });
    expect(overlap.status).toBe(422);
    const [p] = overlap.body.error.details!.problems!;
    expect(p).toMatchObject({ kind: 'overlap', grids: [W1, W2] });
    expect(p!.areaM2!).toBeGreaterThan(1e4);
    const refs = await put<ErrorReply>(planner, path, {
      version: 1,
      grids: collection([
        gridFeature([108.92, 34.2, 108.93, 34.22], { communityCode: EAST }),
        gridFeature([108.9, 34.2, 108.91, 34.22], { communityCode: WEST, code: '610198001002009' }),
        gridFeature([108.91, 34.2, 108.92, 34.22], { communityCode: WEST, zoneCode: '61019800100299' }),
        west([108.9, 34.2, 108.901, 34.201], W1),
        west([108.901, 34.2, 108.902, 34.201], W1),
      ]),
    });
    expect(refs.status).toBe(422);
    expect(refs.body.error.details!.problems!.map((p) => p.kind).sort()).toEqual([
      'bad_code',
      'bad_community',
      'bad_zone',
      'duplicate_code',
    ]);
    const malformed = await put<ErrorReply>(planner, path, {
      version: 1,
      grids: { type: 'FeatureCollection', features: [{ type: 'Feature' }] },
    });
    expect(malformed.status).toBe(400);
    const read = await ctx.get<PlanWithGrids>(`/api/plans/${draft.id}`);
    expect(read.body.plan.version).toBe(1);
    expect(read.body.grids.features.map((f) => f.properties.code)).toEqual([W1, W2]);
  });

  it('replaces grids in one statement: a refusal after the write leaves the last save exactly, kept codes save again', async () => {
    const draft = await newWestDraft();
    const planner = await ctx.login('planner');
    const path = `/api/plans/${draft.id}/grids`;
    const saved = await put<{ plan: Plan; codes: string[] }>(planner, path, {
      version: 1,
      grids: collection([
        west([108.9, 34.2, 108.91, 34.21], W1),
        west([108.9, 34.21, 108.91, 34.22]),
        west([108.91, 34.2, 108.92, 34.22], W2),
      ]),
    });
    expect(saved.status).toBe(200);
    const added = saved.body.codes[1]!;
    const state = async (): Promise<unknown> => {
      const grids = await ctx.t.db.query(
        `SELECT code, name, community_code, ST_AsText(geometry) AS g FROM grids WHERE plan_id = $1 ORDER BY code`,
        [draft.id],
      );
      const plan = await ctx.t.db.query(`SELECT version, updated_at, problems FROM plans WHERE id = $1`, [draft.id]);
      const revisions = await ctx.t.db.query(`SELECT version, added, removed FROM plan_revisions WHERE plan_id = $1 ORDER BY version`, [
        draft.id,
      ]);
      return { grids: grids.rows, plan: plan.rows, revisions: revisions.rows };
    };
    const before = await state();

    // W1 overlaps W2, and W2 reaches into the east community: both checks fail on the rows the
    // statement just wrote, listed by kind (outside before overlap) whatever the codes' order.
    const refused = await put<ErrorReply>(planner, path, {
      version: 2,
      grids: collection([west([108.9, 34.2, 108.912, 34.22], W1), west([108.91, 34.2, 108.925, 34.22], W2)]),
    });
    expect(refused.status).toBe(422);
    const problems = refused.body.error.details!.problems!;
    expect(problems.map((p) => [p.kind, p.grids])).toEqual([
      ['outside_community', [W2]],
      ['overlap', [W1, W2]],
    ]);
    expect(problems[0]!.message).toBe(`grid ${W2} reaches ${problems[0]!.areaM2} m² outside its community`);
    expect(problems[1]!.message).toBe(`grids ${W1} and ${W2} overlap by ${problems[1]!.areaM2} m²`);
    expect(await state()).toEqual(before);

    // The same codes again, one grid dropped: the old rows go and the new ones come in one statement.
    const again = await put<{ plan: Plan; added: string[]; removed: string[] }>(planner, path, {
      version: 2,
      grids: collection([west([108.9, 34.2, 108.91, 34.22], W1), west([108.91, 34.2, 108.92, 34.22], W2)]),
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ plan: { version: 3 }, added: [], removed: [added] });
    expect(await gridCodes(draft.id)).toEqual([W1, W2]);
  });

  it('refuses too many grids with 413 and a body over the limit with 413', async () => {
    const draft = await newWestDraft();
    const planner = await ctx.login('planner');
    const tiny = west([108.9, 34.2, 108.9001, 34.2001]);
    const many = await put<ErrorReply>(planner, `/api/plans/${draft.id}/grids`, {
      version: 1,
      grids: collection(Array.from({ length: 5001 }, () => tiny)),
    });
    expect(many.status).toBe(413);
    expect(many.body.error.code).toBe('payload_too_large');
    const huge = await put<ErrorReply>(planner, `/api/plans/${draft.id}/grids`, {
      version: 1,
      grids: collection([{ ...tiny, properties: { name: 'x'.repeat(2 ** 20) } }]),
    });
    expect(huge.status).toBe(413);
  });

  it('answers a stale version with 409, the current version and what changed; only drafts are editable', async () => {
    const draft = await newWestDraft();
    const planner = await ctx.login('planner');
    const path = `/api/plans/${draft.id}/grids`;
    const first = await put(planner, path, { version: 1, grids: collection([west([108.9, 34.2, 108.92, 34.22], W1)]) });
    expect(first.status).toBe(200);
    const stale = await put<ErrorReply>(planner, path, { version: 1, grids: collection([west([108.9, 34.2, 108.91, 34.22], W1)]) });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('conflict');
    expect(stale.body.error.details).toMatchObject({ currentVersion: 2, added: [], removed: [W2] });
    expect(await gridCodes(draft.id)).toEqual([W1]);
    const approved = await put<ErrorReply>(planner, '/api/plans/1/grids', { version: 1, grids: collection([]) });
    expect(approved.status).toBe(409);
    expect(approved.body.error.message).toMatch(/only drafts/);
    // A planner of the west community may read the district-wide plan but not edit it.
    const west2 = await ctx.login('planner-west');
    expect((await put(west2, '/api/plans/1/grids', { version: 1, grids: collection([]) })).status).toBe(403);
    expect((await put(await ctx.login('analyst'), path, { version: 2, grids: collection([]) })).status).toBe(403);
  });
});
