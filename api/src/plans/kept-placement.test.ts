/**
 * The building → grid pairs kept per approved plan (migration 0044) read by keptPlacementSql
 * always give what placementSql (core's rule) gives placing the buildings afresh — after a
 * plan is approved, buildings are re-imported or edited, or a grid of an approved plan is
 * redrawn — on both databases; drafts are never placed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../test/test-database.js';
import { TINY_DISTRICT_CODE } from '../test/tiny-district.fixture.js';
import { keptPlacementSql } from './kept-placement.sql.js';
import { placementSql } from './unit-placement.sql.js';

const D = TINY_DISTRICT_CODE;

/** A square footprint `[west, south, east, north]` in degrees, as WKT. */
const box = (w: number, s: number, e: number, n: number): string => `POLYGON((${w} ${s},${e} ${s},${e} ${n},${w} ${n},${w} ${s}))`;

describe.each(BACKENDS)('buildings placed in the grids of approved plans, kept (%s)', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  type Pair = [number, string, number];
  const pairs = async (sql: string): Promise<Pair[]> =>
    (
      await t.db.query<{ id: number; grid: string; share: number }>(
        `SELECT p.building_id::int AS id, p.grid_code AS grid, round(p.share::numeric, 6)::float8 AS share FROM ${sql} p ORDER BY 1`,
        [D],
      )
    ).rows.map((r) => [r.id, r.grid, r.share]);
  /** The grids in force, buildings placed afresh (core's rule in SQL) and read from the kept pairs. */
  const afresh = () =>
    pairs(placementSql({ grids: 'current_grids', gridsWhere: 'g.district_code = $1', buildingsWhere: 'b.district_code = $1' }));
  const kept = () => pairs(keptPlacementSql({ grids: 'current_grids', gridsWhere: 'g.district_code = $1' }));
  const gridOf = async (id: number): Promise<string | undefined> => (await kept()).find((p) => p[0] === id)?.[1];
  const addBuilding = (id: number, community: string, wkt: string) =>
    t.db.query(
      `INSERT INTO buildings (district_code, id, community_code, name, footprint, floors, units, households, persons)
       VALUES ($1, $2, $3, $4, ST_GeomFromText($5, 4326), 3, 0, 10, 25)`,
      [D, id, community, `测试楼${id}`, wkt],
    );

  it('reads what placing afresh gives, for footprints inside a grid, cut by grid edges, and points', async () => {
    // Cut 60/40 by the west grids' edge (108.91); across the communities' edge (108.92), 40/60;
    // a point on the west grids' edge (the smaller code holds it); a sliver under MIN_CUT_SHARE.
    await addBuilding(101, '610198001001', box(108.9094, 34.203, 108.9104, 34.204));
    await addBuilding(102, '610198001001', box(108.9196, 34.203, 108.9206, 34.204));
    await addBuilding(103, '610198001001', 'POINT(108.91 34.207)');
    await addBuilding(104, '610198001002', box(108.9199995, 34.205, 108.9209, 34.206));
    const expected = await afresh();
    expect(expected.find((p) => p[0] === 101)).toEqual([101, '610198001001001', 0.6]);
    expect(expected.find((p) => p[0] === 102)).toEqual([102, '610198001002001', 0.6]);
    expect(expected.find((p) => p[0] === 103)).toEqual([103, '610198001001001', 1]);
    expect(await kept()).toEqual(expected);
  });

  it('keeps no pairs for a draft, and places a plan when it is approved', async () => {
    const draft = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM building_grid_shares WHERE district_code = $1 AND plan_id = 2`,
      [D],
    );
    expect(draft.rows[0]!.n).toBe(0);
    expect(await gridOf(5)).toBe('610198001002001');
    await t.db.query(
      `UPDATE plans SET status = 'approved', approved_at = now(), approved_by = 'admin' WHERE district_code = $1 AND id = 2`,
      [D],
    );
    // The east community now has the draft's two grids: building 5 in the third, building 6
    // (halved by their edge at 108.93) in the second, the smaller code.
    expect(await gridOf(5)).toBe('610198001002003');
    expect(await gridOf(6)).toBe('610198001002002');
    expect(await kept()).toEqual(await afresh());
  });

  it('follows a building edited (moved) and buildings re-imported (deleted, inserted, updated in one statement)', async () => {
    await t.db.query(`UPDATE buildings SET footprint = ST_GeomFromText($2, 4326) WHERE district_code = $1 AND id = 2`, [
      D,
      box(108.9148, 34.2148, 108.9152, 34.2152),
    ]);
    expect(await gridOf(2)).toBe('610198001001002');
    // A re-import as the buildings layer writes it: one gone, one new, one moved, one unchanged.
    await t.db.query(`DELETE FROM buildings WHERE district_code = $1 AND id = 104`, [D]);
    await t.db.query(
      `INSERT INTO buildings (district_code, id, community_code, name, footprint, floors, units, households, persons)
       SELECT $1, r.id, r.community, r.name, ST_GeomFromText(r.wkt, 4326), 3, 0, 12, 30
       FROM (VALUES (105, '610198001002', '新楼', $2), (101, '610198001001', '测试楼101', $3), (103, '610198001001', '测试楼103', 'POINT(108.91 34.207)'))
         AS r(id, community, name, wkt)
       ON CONFLICT (district_code, id) DO UPDATE SET footprint = excluded.footprint, households = excluded.households`,
      [D, box(108.9358, 34.2148, 108.9362, 34.2152), box(108.9052, 34.2148, 108.9056, 34.2152)],
    );
    const now = await kept();
    expect(now.find((p) => p[0] === 104)).toBeUndefined();
    expect(now.find((p) => p[0] === 105)?.[1]).toBe('610198001002003');
    expect(now.find((p) => p[0] === 101)).toEqual([101, '610198001001001', 1]);
    expect(now).toEqual(await afresh());
  });

  it('follows a grid of an approved plan redrawn, and forgets a plan returned to draft', async () => {
    // The west community's first grid gives its eastern half to the second.
    await t.db.query(
      `UPDATE grids SET geometry = ST_GeomFromText($2, 4326) WHERE district_code = $1 AND plan_id = 1 AND code = '610198001001001'`,
      [D, box(108.9, 34.2, 108.905, 34.22)],
    );
    await t.db.query(
      `UPDATE grids SET geometry = ST_GeomFromText($2, 4326) WHERE district_code = $1 AND plan_id = 1 AND code = '610198001001002'`,
      [D, box(108.905, 34.2, 108.92, 34.22)],
    );
    expect(await gridOf(101)).toBe('610198001001002');
    expect(await kept()).toEqual(await afresh());
    await t.db.query(`UPDATE plans SET status = 'draft', approved_at = NULL WHERE district_code = $1 AND id = 2`, [D]);
    const left = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM building_grid_shares WHERE district_code = $1 AND plan_id = 2`,
      [D],
    );
    expect(left.rows[0]!.n).toBe(0);
    expect(await kept()).toEqual(await afresh());
  });
});
