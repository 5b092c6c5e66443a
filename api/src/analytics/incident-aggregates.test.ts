import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../test/test-database.js';
import { useTestApp } from '../test/test-app.js';
import type { Db } from '../db/db.types.js';
import { splitPeriod } from './incident-aggregates.js';
import {
  countBy,
  expectedGrid,
  fixtureIncidents,
  insertIncidents,
  insertMidPlan,
  makeIncidents,
  MID_PLAN_ID,
  testPlans,
} from './incidents.test-data.js';

/** Rows of the aggregate that differ from the same aggregate recomputed from incidents (both ways). */
async function drift(db: Db): Promise<unknown[]> {
  const checks = [
    [
      `incident_daily_grid`,
      `district_code, day, community_code, grid_code, plan_id, category, channel, state`,
      `(reported_at AT TIME ZONE 'Asia/Shanghai')::date AS day, community_code, grid_code, plan_id, category, channel, state`,
    ],
    [
      `incident_monthly_grid`,
      `district_code, month, community_code, grid_code`,
      `date_trunc('month', reported_at AT TIME ZONE 'Asia/Shanghai')::date AS month, community_code, grid_code`,
    ],
    [
      `incident_daily_cell`,
      `district_code, day, community_code, cx, cy, category, channel, state`,
      `(reported_at AT TIME ZONE 'Asia/Shanghai')::date AS day, community_code, floor(6378137.0 * radians(ST_X(location)) / 25)::int AS cx, floor(6378137.0 * ln(tan(pi() / 4 + radians(ST_Y(location)) / 2)) / 25)::int AS cy, category, channel, state`,
    ],
    [
      `incident_monthly_cell`,
      `district_code, month, community_code, cx, cy`,
      `date_trunc('month', reported_at AT TIME ZONE 'Asia/Shanghai')::date AS month, community_code, floor(6378137.0 * radians(ST_X(location)) / 25)::int AS cx, floor(6378137.0 * ln(tan(pi() / 4 + radians(ST_Y(location)) / 2)) / 25)::int AS cy`,
    ],
  ] as const;
  const out: unknown[] = [];
  // The monthly hexagons (0018, 0025) at every level, recomputed with hex_of().
  const hex = `SELECT district_code, level, month, community_code, h[1] AS i, h[2] AS j, count(*)::int AS n FROM (
      SELECT district_code, l.level, date_trunc('month', reported_at AT TIME ZONE 'Asia/Shanghai')::date AS month, community_code,
        hex_of(6378137.0 * radians(ST_X(location)), 6378137.0 * ln(tan(pi() / 4 + radians(ST_Y(location)) / 2)), hex_size(l.level)) AS h
      FROM incidents CROSS JOIN generate_series(11, 16) AS l(level)) q
    GROUP BY district_code, level, month, community_code, h[1], h[2]`;
  const keptHex = 'SELECT district_code, level, month, community_code, i, j, n FROM incident_monthly_hex';
  const hexDrift = await db.query(`(${hex} EXCEPT ${keptHex}) UNION ALL (${keptHex} EXCEPT ${hex})`);
  out.push(...hexDrift.rows.map((row) => ({ table: 'incident_monthly_hex', ...row })));
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
    expect(splitPeriod('2025-02-03T05:00:00+08:00', '2025-03-10T13:00:00+08:00', true)).toEqual([
      { source: 'raw', from: '2025-02-03T05:00:00+08:00', to: '2025-02-04T00:00:00+08:00', sign: 1 },
      { source: 'raw', from: '2025-03-10T00:00:00+08:00', to: '2025-03-10T13:00:00+08:00', sign: 1 },
      { source: 'day', from: '2025-02-01', to: '2025-02-04', sign: -1 },
      { source: 'month', from: '2025-02-01', to: '2025-03-01', sign: 1 },
      { source: 'day', from: '2025-03-01', to: '2025-03-10', sign: 1 },
    ]);
    expect(splitPeriod('2025-02-03T05:00:00+08:00', '2025-02-03T09:00:00+08:00', true)).toEqual([
      { source: 'raw', from: '2025-02-03T05:00:00+08:00', to: '2025-02-03T09:00:00+08:00', sign: 1 },
    ]);
    expect(splitPeriod(null, null, true)).toEqual([{ source: 'month', from: null, to: null, sign: 1 }]);
    expect(splitPeriod('2025-01-01T00:00:00+08:00', null, false)).toEqual([{ source: 'day', from: '2025-01-01', to: null, sign: 1 }]);
    expect(splitPeriod('2025-01-10T00:00:00+08:00', '2025-01-20T00:00:00+08:00', true)).toEqual([
      { source: 'day', from: '2025-01-10', to: '2025-01-20', sign: 1 },
    ]);
  });

  it('reads a partial month as the whole month less the days it lacks when that reads fewer days', () => {
    // A year from the 2nd: December less its 1st, eleven whole months, and December's 1st.
    expect(splitPeriod('2025-12-02T00:00:00+08:00', '2026-12-02T00:00:00+08:00', true)).toEqual([
      { source: 'day', from: '2025-12-01', to: '2025-12-02', sign: -1 },
      { source: 'month', from: '2025-12-01', to: '2026-12-01', sign: 1 },
      { source: 'day', from: '2026-12-01', to: '2026-12-02', sign: 1 },
    ]);
    // Within one month: the month less its first two and last three days.
    expect(splitPeriod('2025-11-03T00:00:00+08:00', '2025-11-28T00:00:00+08:00', true)).toEqual([
      { source: 'day', from: '2025-11-01', to: '2025-11-03', sign: -1 },
      { source: 'month', from: '2025-11-01', to: '2025-12-01', sign: 1 },
      { source: 'day', from: '2025-11-28', to: '2025-12-01', sign: -1 },
    ]);
    // Open at the start, to the 25th of February (of 28 days): up to March less three days.
    expect(splitPeriod(null, '2025-02-25T00:00:00+08:00', true)).toEqual([
      { source: 'month', from: null, to: '2025-03-01', sign: 1 },
      { source: 'day', from: '2025-02-25', to: '2025-03-01', sign: -1 },
    ]);
    // Without months nothing is taken away.
    expect(splitPeriod('2025-11-03T00:00:00+08:00', '2025-11-28T00:00:00+08:00', false)).toEqual([
      { source: 'day', from: '2025-11-03', to: '2025-11-28', sign: 1 },
    ]);
  });

  it('covers every day of the period exactly once, however it is cut', () => {
    // Each day's net count: +1 per piece reading it with sign 1, −1 per piece with sign −1.
    const net = (pieces: ReturnType<typeof splitPeriod>, lo: string, hi: string): Map<string, number> => {
      const out = new Map<string, number>();
      for (let d = Date.parse(lo); d < Date.parse(hi); d += 86_400_000) {
        const day = new Date(d).toISOString().slice(0, 10);
        let n = 0;
        for (const p of pieces) {
          if (p.source === 'raw') continue;
          const inMonth = p.source === 'month' ? `${day.slice(0, 7)}-01` : day;
          if ((p.from === null || inMonth >= p.from) && (p.to === null || inMonth < p.to)) n += p.sign;
        }
        out.set(day, n);
      }
      return out;
    };
    const starts = ['2024-02-01', '2024-02-02', '2024-02-15', '2024-02-16', '2024-02-28', '2024-02-29'];
    const ends = ['2024-02-20', '2024-03-01', '2024-03-02', '2024-03-17', '2024-03-31', '2024-05-05'];
    for (const a of starts) {
      for (const b of ends) {
        if (a >= b) continue;
        const counts = net(splitPeriod(`${a}T00:00:00+08:00`, `${b}T00:00:00+08:00`, true), '2024-01-01', '2024-07-01');
        for (const [day, n] of counts) expect([day, n]).toEqual([day, day >= a && day < b ? 1 : 0]);
      }
    }
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
    const { body } = await ctx.get<GridCounts>(
      `/api/analytics/incidents/grids?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
    );
    const inPeriod = incidents.filter((i) => Date.parse(i.reportedAt) >= Date.parse(from) && Date.parse(i.reportedAt) < Date.parse(to));
    const { null: outside = 0, ...byGrid } = countBy(inPeriod, (i) => expectedGrid(i, testPlans()));
    expect(Object.fromEntries(body.rows.filter((r) => r.count > 0).map((r) => [r.code, r.count]))).toEqual(byGrid);
    expect([body.total, body.outside]).toEqual([inPeriod.length, outside]);
    // The same through the daily tables only (a category filter rules out the monthly ones).
    const all = (
      await ctx.get<GridCounts>(
        `/api/analytics/incidents/grids?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&category=environment,dispute,safety,facility`,
      )
    ).body;
    expect(all.rows.map((r) => [r.code, r.count])).toEqual(body.rows.map((r) => [r.code, r.count]));
  });

  it('follow a re-approval, moved, changed and deleted incidents', async () => {
    const db = ctx.t.db;
    await db.query(`UPDATE plans SET approved_at = '2025-05-15T00:00:00Z' WHERE id = $1`, [MID_PLAN_ID]);
    expect(await drift(db)).toEqual([]);
    await db.query(
      `UPDATE incidents SET location = ST_SetSRID(ST_MakePoint(108.935, 34.21), 4326), reported_at = reported_at + interval '40 days' WHERE id BETWEEN 1000 AND 1020`,
    );
    await db.query(`UPDATE incidents SET state = 'closed', category = 'noise' WHERE id BETWEEN 1021 AND 1040`);
    await db.query(`DELETE FROM incidents WHERE id BETWEEN 1041 AND 1060`);
    expect(await drift(db)).toEqual([]);
    await db.query(`UPDATE plans SET approved_at = '2025-04-15T00:00:00Z' WHERE id = $1`, [MID_PLAN_ID]);
    await db.query(`DELETE FROM grids WHERE plan_id = $1`, [MID_PLAN_ID]);
    expect(await drift(db)).toEqual([]);
  });
});
