/**
 * Every route that counts buildings, households, persons or special-group people per grid
 * places a building as core's `placeUnits` does (the grid holding the largest share of its
 * footprint; a point in the grid containing it, on an edge the smallest code), on the tiny
 * district with buildings its grids cut (cut-buildings.fixture.ts) — where counting by the
 * point on surface, or by ST_Contains, gives other answers. The plan diff moves a cut
 * building by the same rule.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { addCutBuildings, placedByCore, specialGroupsByCore } from '../test/cut-buildings.fixture.js';
import { placementSql } from './unit-placement.sql.js';
import { BACKENDS } from '../test/test-database.js';
import { useTestApp } from '../test/test-app.js';
import { TINY_COMMUNITY_EAST } from '../test/tiny-district.fixture.js';

type Cell = { count: number } | { suppressed: true };
interface SuppressedRow {
  code: string | null;
  cells: Record<string, Cell>;
}

/** A suppressed table's rows as plain counts per category (none here is suppressed: each non-empty cell holds 5 or more). */
function plainCounts(rows: SuppressedRow[]): Map<string | null, Record<string, number>> {
  const out = new Map<string | null, Record<string, number>>();
  for (const r of rows) {
    const counts: Record<string, number> = {};
    for (const [category, cell] of Object.entries(r.cells)) {
      expect(cell, `${r.code ?? 'no grid'} ${category}`).toHaveProperty('count');
      const n = (cell as { count: number }).count;
      if (n > 0) counts[category] = n;
    }
    if (Object.keys(counts).length > 0) out.set(r.code, counts);
  }
  return out;
}

const sorted = <K, V>(m: Map<K, V>): [K, V][] => [...m].sort(([a], [b]) => String(a).localeCompare(String(b)));

describe.each(BACKENDS)('per-grid counts by the largest share on %s', (kind) => {
  const ctx = useTestApp(kind);
  const current = placedByCore(1);
  const draft = placedByCore(2);

  beforeAll(async () => {
    await addCutBuildings(ctx.t.db);
  });

  it('the fixture is one where the point on surface misleads', () => {
    // Built so: L楼 lies mostly in 西一, 东L楼 mostly in the draft's 东二, the address point on the edge goes to 西一.
    expect(current.gridOf.get('101')).toBe('610198001001001');
    expect(current.gridOf.get('103')).toBe('610198001001001');
    expect(draft.gridOf.get('102')).toBe('610198001002002');
  });

  it("placementSql perPlan: each building once in each plan, as core places it among that plan's grids", async () => {
    const { rows } = await ctx.t.db.query<{ plan_id: number; building_id: number; grid_code: string }>(
      `SELECT plan_id, building_id, grid_code FROM ${placementSql({ grids: 'grids', gridsWhere: "g.district_code = '610198'", buildingsWhere: "b.district_code = '610198'", perPlan: true })} p ORDER BY 1, 2`,
    );
    for (const [planId, placed] of [
      [1, current],
      [2, draft],
    ] as const) {
      const got = new Map(rows.filter((r) => Number(r.plan_id) === planId).map((r) => [String(r.building_id), r.grid_code]));
      const want = new Map([...placed.gridOf].filter(([, code]) => code !== null));
      expect(sorted(got)).toEqual(sorted(want));
    }
  });

  it('grids layer: households, persons and buildings of the grids in force and of a draft', async () => {
    for (const [path, want] of [
      ['/api/layers/grids', current],
      ['/api/layers/grids?plan=2', draft],
    ] as const) {
      const { status, body } = await ctx.get<{
        features: { properties: { code: string; households: number; persons: number; buildings: number } }[];
      }>(path);
      expect(status).toBe(200);
      const got = new Map(
        body.features.map((f) => [
          f.properties.code,
          { households: f.properties.households, persons: f.properties.persons, buildings: f.properties.buildings },
        ]),
      );
      expect(sorted(got)).toEqual(sorted(want.grids));
    }
  });

  it('incidents per grid: the households of every grid in force', async () => {
    const { status, body } = await ctx.get<{
      rows: { code: string; households: number; count: number; perThousandHouseholds: number | null }[];
    }>('/api/analytics/incidents/grids');
    expect(status).toBe(200);
    const got = new Map(body.rows.map((r) => [r.code, r.households]));
    expect(sorted(got)).toEqual(sorted(new Map([...current.grids].map(([code, c]) => [code, c.households]))));
    for (const r of body.rows)
      expect(r.perThousandHouseholds).toBe(r.households > 0 ? Math.round((r.count * 100_000) / r.households) / 100 : null);
  });

  it('workload: households and persons of every grid in force', async () => {
    const { status, body } = await ctx.get<{ rows: { code: string; households: number; persons: number }[] }>(
      '/api/analytics/workload?from=2025-01-01&to=2025-07-01',
    );
    expect(status).toBe(200);
    const got = new Map(body.rows.map((r) => [r.code, { households: r.households, persons: r.persons }]));
    const want = new Map([...current.grids].map(([code, c]) => [code, { households: c.households, persons: c.persons }]));
    expect(sorted(got)).toEqual(sorted(want));
  });

  it('special groups per grid (analytics): people counted in the grid holding their building', async () => {
    const { status, body } = await ctx.get<{ rows: SuppressedRow[] }>('/api/analytics/special-groups/grids');
    expect(status).toBe(200);
    expect(sorted(plainCounts(body.rows))).toEqual(sorted(specialGroupsByCore(1)));
    // Nobody is left "in no grid": the address point on an edge is held by 西一.
    expect(body.rows.some((r) => r.code === null)).toBe(false);
  });

  it('special-group summary per grid, in force and by a draft', async () => {
    const west = await ctx.get<{ rows: SuppressedRow[] }>('/api/special-groups/summary?region=610198001001');
    expect(west.status).toBe(200);
    const westWant = new Map([...specialGroupsByCore(1)].filter(([code]) => code?.startsWith('610198001001')));
    expect(sorted(plainCounts(west.body.rows))).toEqual(sorted(westWant));
    const east = await ctx.get<{ rows: SuppressedRow[] }>(`/api/special-groups/summary?region=${TINY_COMMUNITY_EAST}&plan=2`);
    expect(east.status).toBe(200);
    expect(sorted(plainCounts(east.body.rows))).toEqual(
      sorted(specialGroupsByCore(2)).filter(([code]) => code?.startsWith(TINY_COMMUNITY_EAST)),
    );
  });

  it('plan diff: the cut building moves to the grid holding its largest share in the draft', async () => {
    const { status, body } = await ctx.get<{
      diff: { moved: { unit: string; from: string | null; to: string | null; households: number }[]; households: number };
    }>('/api/plans/2/diff');
    expect(status).toBe(200);
    const want = [...draft.gridOf]
      .filter(([id]) => current.gridOf.get(id)?.startsWith(TINY_COMMUNITY_EAST) || draft.gridOf.get(id)?.startsWith(TINY_COMMUNITY_EAST))
      .map(([id, to]) => ({ unit: id, from: current.gridOf.get(id) ?? null, to }))
      .sort((a, b) => Number(a.unit) - Number(b.unit));
    expect(body.diff.moved.map(({ unit, from, to }) => ({ unit, from, to })).sort((a, b) => Number(a.unit) - Number(b.unit))).toEqual(want);
    expect(body.diff.moved.find((m) => m.unit === '102')).toMatchObject({ from: '610198001002001', to: '610198001002002', households: 70 });
  });
});
