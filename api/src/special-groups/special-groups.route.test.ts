import { SPECIAL_GROUP_CATEGORIES } from '@gridatlas/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../test/test-database.js';
import { useTestApp } from '../test/test-app.js';
import { rect, tinyDistrict, TINY_COMMUNITY_WEST, TINY_SUBDISTRICT_CODE } from '../test/tiny-district.fixture.js';

/** Extra records so some cells pass the threshold: [buildingId, category, count]. */
const EXTRA: [number, string, number][] = [
  [2, 'elderly_alone', 6],
  [3, 'low_income', 2],
  [5, 'veteran', 7],
];

/** Counts per community and category, computed from the fixture in JS. */
function expectedCounts(): Map<string, Map<string, number>> {
  const community = new Map(tinyDistrict.buildings.map((b) => [b.id, b.communityCode]));
  const all = [...tinyDistrict.specialGroups.map((s) => [s.buildingId, s.category, 1] as const), ...EXTRA];
  const out = new Map<string, Map<string, number>>();
  for (const [b, cat, n] of all) {
    const code = community.get(b)!;
    const row = out.get(code) ?? new Map<string, number>();
    row.set(cat, (row.get(cat) ?? 0) + n);
    out.set(code, row);
  }
  return out;
}

type Cell = { count: number } | { suppressed: true; display: string; reason: string };

describe.each(BACKENDS)('special groups on %s', (kind) => {
  const ctx = useTestApp(kind);
  beforeAll(async () => {
    for (const [building, category, n] of EXTRA) {
      await ctx.t.db.query(
        `INSERT INTO special_group_records (district_code, building_id, category, since)
         SELECT '610198', $1, $2, date '2024-01-01' FROM generate_series(1, $3)`,
        [building, category, n],
      );
    }
    await ctx.t.db.query(`UPDATE special_group_records SET id_number = '610104199001011234', phone = '13812345678' WHERE id = 1`);
  });

  it('summary: small cells suppressed as "<5", the rest exact, per community', async () => {
    const analyst = await ctx.login('analyst');
    const { status, body } = await analyst.get<{ rows: { code: string; cells: Record<string, Cell> }[]; totals: { total: Cell } }>(
      `/api/special-groups/summary?region=${TINY_SUBDISTRICT_CODE}`,
    );
    expect(status).toBe(200);
    const expected = expectedCounts();
    expect(body.rows.map((r) => r.code)).toEqual(['610198001001', '610198001002']);
    for (const row of body.rows) {
      for (const { key } of SPECIAL_GROUP_CATEGORIES) {
        const n = expected.get(row.code)?.get(key) ?? 0;
        const cell = row.cells[key]!;
        if (n > 0 && n < 5) expect(cell).toEqual({ suppressed: true, display: '<5', reason: 'small' });
        else if ('count' in cell) expect(cell.count).toBe(n);
      }
    }
    expect(body.rows[0]!.cells.elderly_alone).toEqual({ count: 7 });
    expect(body.rows[1]!.cells.veteran).toEqual({ count: 8 });
    expect(body.totals.total).toEqual({ count: 18 });
  });

  it("summary by a draft's grids: one merged grid holds the community's counts; plan needs a community", async () => {
    const admin = await ctx.login('admin');
    const draft = await admin.post<{ id: number }>('/api/plans', { regionCode: TINY_COMMUNITY_WEST, name: '合并' });
    const merged = {
      type: 'Feature',
      geometry: rect(108.9, 34.2, 108.92, 34.22),
      properties: { code: '610198001001001', name: '合并', type: 'comprehensive', communityCode: TINY_COMMUNITY_WEST },
    };
    const saved = await admin.request(`/api/plans/${draft.body.id}/grids`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-csrf-token': admin.csrf },
      body: JSON.stringify({ version: 1, grids: { type: 'FeatureCollection', features: [merged] } }),
    });
    expect(saved.status).toBe(200);
    const analyst = await ctx.login('analyst');
    const r = await analyst.get<{ rows: { code: string; cells: Record<string, Cell> }[] }>(
      `/api/special-groups/summary?region=${TINY_COMMUNITY_WEST}&plan=${draft.body.id}`,
    );
    expect(r.status).toBe(200);
    expect(r.body.rows.map((row) => row.code)).toEqual(['610198001001001']);
    expect(r.body.rows[0]!.cells.elderly_alone).toEqual({ count: 7 });
    const inForce = await analyst.get<{ rows: { code: string }[] }>(`/api/special-groups/summary?region=${TINY_COMMUNITY_WEST}`);
    expect(inForce.body.rows.map((row) => row.code)).toEqual(['610198001001001', '610198001001002']);
    const wrong = await analyst.get<{ error: { message: string } }>(
      `/api/special-groups/summary?region=${TINY_SUBDISTRICT_CODE}&plan=${draft.body.id}`,
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toMatch(/needs a community/);
    expect((await analyst.get(`/api/special-groups/summary?region=${TINY_COMMUNITY_WEST}&plan=999999`)).status).toBe(404);
  });

  it('summary: 403 for planners and workers, 401 anonymous', async () => {
    expect((await (await ctx.login('planner')).get('/api/special-groups/summary')).status).toBe(403);
    expect((await (await ctx.login('worker')).get('/api/special-groups/summary')).status).toBe(403);
    expect((await ctx.anonymous.get('/api/special-groups/summary')).status).toBe(401);
  });

  it('records: masked, inside the jurisdiction only, purpose required, each read audited', async () => {
    const worker = await ctx.login('worker-west');
    const missing = await worker.get<{ error: { message: string } }>('/api/special-groups/records');
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/purpose/);
    // The whole district asked for: only the west community's records come back (clipped in SQL).
    const { status, body } = await worker.get<{
      records: { communityCode: string; idNumber: string | null; phone: string | null; id: number }[];
    }>(`/api/special-groups/records?region=610198&purpose=${encodeURIComponent('季度走访')}`);
    expect(status).toBe(200);
    expect(body.records).toHaveLength(2 + 6 + 2);
    expect(body.records.every((r) => r.communityCode === TINY_COMMUNITY_WEST)).toBe(true);
    expect(body.records.find((r) => r.id === 1)).toMatchObject({ idNumber: '6101**********1234', phone: '138****5678' });
    const audit = await ctx.t.db.query<{ target: string; detail: { purpose: string; count: number } }>(
      `SELECT a.target, a.detail FROM audit_log a JOIN users u ON u.id = a.user_id
       WHERE u.username = 'worker-west' AND a.action = 'special_groups.records.read'`,
    );
    expect(audit.rows).toEqual([{ target: '610198', detail: { purpose: '季度走访', count: 10 } }]);
  });

  it('records: 403 for analysts, a region outside the jurisdiction is 403', async () => {
    expect((await (await ctx.login('analyst')).get('/api/special-groups/records?purpose=x1')).status).toBe(403);
    expect((await (await ctx.login('worker-west')).get('/api/special-groups/records?region=610198001002&purpose=x1')).status).toBe(403);
  });
});
