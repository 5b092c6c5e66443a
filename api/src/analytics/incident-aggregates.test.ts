import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../test/test-database.js';
import { useTestApp } from '../test/test-app.js';
import type { Db } from '../db/db.types.js';
import { splitPeriod } from './incident-aggregates.js';
import { countBy, expectedGrid, fixtureIncidents, insertIncidents, insertMidPlan, makeIncidents, MID_PLAN_ID, testPlans } from './incidents.test-data.js';

/** Rows of the aggregate that differ from the same aggregate recomputed from incidents (both ways). */
async function drift(db: Db): Promise<unknown[]> {
  const checks = [
    [`incident_daily_grid`, `district_code, day, community_code, grid_code, plan_id, category, channel, state`, `(reported_at AT TIME ZONE 'Asia/Shanghai')::date AS day, community_code, grid_code, plan_id, category, channel, state`],
    [`incident_monthly_grid`, `district_code, month, community_code, grid_code`, `date_trunc('month', reported_at AT TIME ZONE 'Asia/Shanghai')::date AS month, community_code, grid_code`],
    [`incident_daily_cell`, `district_code, day, community_code, cx, cy, category, channel, state`, `(reported_at AT TIME ZONE 'Asia/Shanghai')::date AS day, community_code, floor(6378137.0 * radians(ST_X(location)) / 25)::int AS cx, floor(6378137.0 * ln(tan(pi() / 4 + radians(ST_Y(location)) / 2)) / 25)::int AS cy, category, channel, state`],
    [`incident_monthly_cell`, `district_code, month, community_code, cx, cy`, `date_trunc('month', reported_at AT TIME ZONE 'Asia/Shanghai')::date AS month, community_code, floor(6378137.0 * radians(ST_X(location)) / 25)::int AS cx, floor(6378137.0 * ln(tan(pi() / 4 + radians(ST_Y(location)) / 2)) / 25)::int AS cy`],
  ] as const;
  const out: unknown[] = [];
  for (const [table, cols, exprs] of checks) {
    const fresh = `SELECT district_code, ${exprs}, count(*)::int AS n FROM incidents GROUP BY ${cols}`;
    const kept = `SELECT ${cols}, n FROM ${table}`;
    const r = await db.query(`(${fresh} EXCEPT ${kept}) UNION ALL (${kept} EXCEPT ${fresh})`);
    out.push(...r.rows.map((row) => ({ table, ...row })));
  }
  return out;
}

interface GridCounts {
  rows: { code: string; count: number }[];
  total: number;
  outside: number;
}

describe('splitPeriod', () => {
  it('cuts raw edges, whole days and whole months (Asia/Shanghai)', () => {
    expect(splitPeriod('2025-02-03T05:00:00+08:00', '2025-05-20T13:00:00+08:00', true)).toEqual([
      { source: 'raw', from: '2025-02-03T05:00:00+08:00', to: '2025-02-04T00:00:00+08:00' },
      { source: 'raw', from: '2025-05-20T00:00:00+08:00', to: '2025-05-20T13:00:00+08:00' },
      { source: 'day', from: '2025-02-04', to: '2025-03-01' },
      { source: 'month', from: '2025-03-01', to: '2025-05-01' },
      { source: 'day', from: '2025-05-01', to: '2025-05-20' },
    ]);
    expect(splitPeriod('2025-02-03T05:00:00+08:00', '2025-02-03T09:00:00+08:00', true)).toEqual([{ source: 'raw', from: '2025-02-03T05:00:00+08:00', to: '2025-02-03T09:00:00+08:00' }]);
    expect(splitPeriod(null, null, true)).toEqual([{ source: 'month', from: null, to: null }]);
    expect(splitPeriod('2025-01-01T00:00:00+08:00', null, false)).toEqual([{ source: 'day', from: '2025-01-01', to: null }]);
    expect(splitPeriod('2025-01-10T00:00:00+08:00', '2025-01-20T00:00:00+08:00', true)).toEqual([{ source: 'day', from: '2025-01-10', to: '2025-01-20' }]);
  });
});

describe.each(BACKENDS)('incident pre-aggregates (migration 0016) on %s', (kind) => {
  const ctx = useTestApp(kind);
  const incidents = [...fixtureIncidents(), ...makeIncidents()];

  beforeAll(async () => {
    await insertIncidents(ctx.t.db, makeIncidents());
    await insertMidPlan(ctx.t.db);
  });

  it('match the incidents after inserts and a plan approved mid-period', async () => {
    expect(await drift(ctx.t.db)).toEqual([]);
  });

  it('give the same per-grid counts as the raw rows for a period with partial days and months (Turf agrees)', async () => {
    const from = '2025-02-03T05:00:00+08:00';
    const to = '2025-05-20T13:00:00+08:00';
    const { body } = await ctx.get<GridCounts>(`/api/analytics/incidents/grids?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    const inPeriod = incidents.filter((i) => Date.parse(i.reportedAt) >= Date.parse(from) && Date.parse(i.reportedAt) < Date.parse(to));
    const { null: outside = 0, ...byGrid } = countBy(inPeriod, (i) => expectedGrid(i, testPlans()));
    expect(Object.fromEntries(body.rows.filter((r) => r.count > 0).map((r) => [r.code, r.count]))).toEqual(byGrid);
    expect([body.total, body.outside]).toEqual([inPeriod.length, outside]);
    // The same through the daily tables only (a category filter rules out the monthly ones).
    const all = (await ctx.get<GridCounts>(`/api/analytics/incidents/grids?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&category=environment,dispute,safety,facility`)).body;
    expect(all.rows.map((r) => [r.code, r.count])).toEqual(body.rows.map((r) => [r.code, r.count]));
  });

  it('follow a re-approval, moved, changed and deleted incidents', async () => {
    const db = ctx.t.db;
    await db.query(`UPDATE plans SET approved_at = '2025-05-15T00:00:00Z' WHERE id = $1`, [MID_PLAN_ID]);
    expect(await drift(db)).toEqual([]);
    await db.query(`UPDATE incidents SET location = ST_SetSRID(ST_MakePoint(108.935, 34.21), 4326), reported_at = reported_at + interval '40 days' WHERE id BETWEEN 1000 AND 1020`);
    await db.query(`UPDATE incidents SET state = 'closed', category = 'noise' WHERE id BETWEEN 1021 AND 1040`);
    await db.query(`DELETE FROM incidents WHERE id BETWEEN 1041 AND 1060`);
    expect(await drift(db)).toEqual([]);
    await db.query(`UPDATE plans SET approved_at = '2025-04-15T00:00:00Z' WHERE id = $1`, [MID_PLAN_ID]);
    await db.query(`DELETE FROM grids WHERE plan_id = $1`, [MID_PLAN_ID]);
    expect(await drift(db)).toEqual([]);
  });
});
