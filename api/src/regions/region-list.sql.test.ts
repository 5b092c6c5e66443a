import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/db.types.js';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../test/test-database.js';
import { listRegions, regionListVersion } from './region-list.sql.js';

/**
 * The query `GET /api/regions` ran before the MATERIALIZED rewrite, verbatim (with the
 * jurisdiction helpers spelled out): the rewrite must give exactly its answer.
 */
const BEFORE = `WITH b AS (
    SELECT district_code, community_code, count(*) AS buildings, sum(households) AS households, sum(persons) AS persons
    FROM buildings WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) AS jur(jur_code) WHERE community_code LIKE jur.jur_code || '%') GROUP BY district_code, community_code
  ), g AS (
    SELECT district_code, community_code, count(*) AS grids FROM current_grids WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) AS jur(jur_code) WHERE community_code LIKE jur.jur_code || '%') GROUP BY district_code, community_code
  )
  SELECT r.code, r.name, r.level, r.parent_code AS "parentCode",
    round(ST_XMin(r.boundary)::numeric, 6) AS w, round(ST_YMin(r.boundary)::numeric, 6) AS s,
    round(ST_XMax(r.boundary)::numeric, 6) AS e, round(ST_YMax(r.boundary)::numeric, 6) AS n,
    coalesce(bt.households, 0) AS households, coalesce(bt.persons, 0) AS persons,
    coalesce(bt.buildings, 0) AS buildings, coalesce(gt.grids, 0) AS grids
  FROM regions r
  LEFT JOIN LATERAL (
    SELECT sum(households) AS households, sum(persons) AS persons, sum(buildings) AS buildings
    FROM b WHERE b.district_code = r.district_code AND b.community_code LIKE r.code || '%'
  ) bt ON true
  LEFT JOIN LATERAL (
    SELECT sum(grids) AS grids FROM g WHERE g.district_code = r.district_code AND g.community_code LIKE r.code || '%'
  ) gt ON true
  WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) AS jur(jur_code) WHERE r.code LIKE jur.jur_code || '%' OR jur.jur_code LIKE r.code || '%')
  ORDER BY length(r.code), r.code`;

async function before(db: Db, jurisdictions: string[]): Promise<unknown[]> {
  const r = await db.query<Record<string, unknown>>(BEFORE, [jurisdictions]);
  return r.rows.map(({ w, s, e, n, ...rest }) => ({ ...rest, bbox: [w, s, e, n] }));
}

/** A second district (610197) beside the fixture's: one subdistrict, one community, two buildings. */
async function addSecondDistrict(db: Db): Promise<void> {
  const box = (w: number, s: number, e: number, n: number): string => `ST_MakeEnvelope(${w}, ${s}, ${e}, ${n}, 4326)`;
  await db.exec(`
    INSERT INTO districts (district_code, synthetic) VALUES ('610197', true);
    INSERT INTO regions (district_code, code, level, parent_code, name, boundary) VALUES
      ('610197', '610197', 'district', NULL, '第二区', ${box(109, 34, 109.1, 34.1)}),
      ('610197', '610197001', 'subdistrict', '610197', '第二街道', ${box(109, 34, 109.1, 34.1)}),
      ('610197', '610197001001', 'community', '610197001', '第二社区', ${box(109, 34, 109.05, 34.05)});
    INSERT INTO buildings (district_code, id, community_code, name, footprint, floors, units, households, persons) VALUES
      ('610197', 1, '610197001001', '一号楼', ${box(109.01, 34.01, 109.0104, 34.0104)}, 6, 2, 24, 61),
      ('610197', 2, '610197001001', '二号楼', ${box(109.02, 34.02, 109.0204, 34.0204)}, 6, 2, 30, 77);
  `);
}

describe.each(BACKENDS)('the region list on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind, 'seeded');
    await addSecondDistrict(t.db);
  });
  afterAll(() => t?.close());

  it.each([
    [['610198']],
    [['610198001001']],
    [['610198001']],
    [['610198001001', '610198001002']],
    [['61']],
    [['6101']],
    [['610197', '610198001002']],
    [['620000']],
    [[]],
  ])('gives the answer of the query before it for jurisdictions %j', async (jurisdictions) => {
    const ours = await listRegions(t.db, jurisdictions);
    // The estimated households came after that query (none here: no building's count is estimated).
    expect(ours.map(({ estimatedHouseholds: _estimated, ...rest }) => rest)).toEqual(await before(t.db, jurisdictions));
    expect(ours.every((r) => r.estimatedHouseholds === 0)).toBe(true);
    if (jurisdictions.length > 0 && jurisdictions[0] !== '620000') expect(ours.length).toBeGreaterThan(0);
  });

  it('counts only inside the jurisdiction, ancestors listed for context', async () => {
    const west = await listRegions(t.db, ['610198001001']);
    expect(west.map((r) => r.code)).toEqual(['610198', '610198001', '610198001001']);
    expect(west[0]!.households).toBe(west[2]!.households);
    const city = await listRegions(t.db, ['6101']);
    expect(city.filter((r) => r.level === 'district').map((r) => [r.code, r.buildings])).toEqual([
      ['610197', 2],
      ['610198', 6],
    ]);
  });

  it('moves the version with a write to any district inside or above the jurisdictions, not with a draft', async () => {
    const v0 = await regionListVersion(t.db, ['610198001001']);
    const other0 = await regionListVersion(t.db, ['610197']);
    expect(v0).toBeGreaterThan(0);
    await t.db.query(`UPDATE buildings SET households = households + 1 WHERE district_code = '610198' AND community_code = '610198001002'`);
    // The whole district's version moves: a write elsewhere in it may not change the west's totals, but never hides one.
    const v1 = await regionListVersion(t.db, ['610198001001']);
    expect(v1).toBeGreaterThan(v0);
    expect(await regionListVersion(t.db, ['610197'])).toBe(other0);
    expect(await regionListVersion(t.db, ['61'])).toBe(v1);

    const draft = await t.db.query<{ id: number }>(`SELECT id FROM plans WHERE district_code = '610198' AND status = 'draft' LIMIT 1`);
    expect(draft.rows.length).toBe(1);
    await t.db.query(`UPDATE grids SET name = name || '*' WHERE district_code = '610198' AND plan_id = $1`, [draft.rows[0]!.id]);
    expect(await regionListVersion(t.db, ['610198'])).toBe(v1);

    await t.db.query(
      `UPDATE grids SET name = name || '*' WHERE district_code = '610198' AND plan_id IN (SELECT id FROM plans WHERE status = 'approved')`,
    );
    const v2 = await regionListVersion(t.db, ['610198']);
    expect(v2).toBeGreaterThan(v1);
    await t.db.query(`UPDATE regions SET name = name WHERE code = '610197001001'`);
    expect(await regionListVersion(t.db, ['610198'])).toBe(v2);
    expect(await regionListVersion(t.db, ['610197'])).toBeGreaterThan(v2);
    await t.db.exec('TRUNCATE staff_assignments, staff, grid_code_lineage, grid_codes, grids, plan_revisions, plans CASCADE');
    expect(await regionListVersion(t.db, ['610198'])).toBeGreaterThan(v2);
  });
});
