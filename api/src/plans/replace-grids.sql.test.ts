/**
 * A save's grids replaced and checked in one statement (the checks on the rows as the insert
 * takes them) give exactly what writing them and checking the table in a second statement gives
 * (the path of larger saves, and what every save did before): the same codes replaced, PostGIS
 * problems, core validation and rows in the table, on both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/db.types.js';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../test/test-database.js';
import { TINY_COMMUNITY_EAST as EAST, TINY_COMMUNITY_WEST as WEST, TINY_DISTRICT_CODE as D, rect } from '../test/tiny-district.fixture.js';
import { replaceAndCheckGrids, type GridRow } from './replace-grids.sql.js';

const row = (c: string, m: string, geometry: unknown, z: string | null = null): GridRow => ({
  c,
  n: `网格${c.slice(-3)}`,
  t: 'comprehensive',
  m,
  z,
  g: JSON.stringify(geometry),
});

/** Tiles both communities with two grids each, the first in the west community's zone. */
const TILED: GridRow[] = [
  row(`${WEST}N01`, WEST, rect(108.9, 34.2, 108.91, 34.22), '61019800100101'),
  row(`${WEST}N02`, WEST, rect(108.91, 34.2, 108.92, 34.22)),
  row(`${EAST}N01`, EAST, rect(108.92, 34.2, 108.93, 34.22)),
  row(`${EAST}N02`, EAST, rect(108.93, 34.2, 108.94, 34.22)),
];

/** Two grids overlapping, one reaching 0.002° into the next community, one a bow tie, one with a gap left beside it. */
const WRONG: GridRow[] = [
  row(`${WEST}N01`, WEST, rect(108.9, 34.2, 108.912, 34.22)),
  row(`${WEST}N02`, WEST, rect(108.91, 34.2, 108.922, 34.22)),
  row(`${EAST}N01`, EAST, {
    type: 'Polygon',
    coordinates: [
      [
        [108.925, 34.205],
        [108.935, 34.215],
        [108.935, 34.205],
        [108.925, 34.215],
        [108.925, 34.205],
      ],
    ],
  }),
  row(`${EAST}N02`, EAST, rect(108.936, 34.2, 108.94, 34.21)),
];

class RolledBack<T> extends Error {
  constructor(readonly value: T) {
    super('rolled back');
  }
}

/** `fn` in a transaction that is rolled back afterwards. */
async function rolledBack<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  try {
    await db.transaction(async (tx) => {
      throw new RolledBack(await fn(tx));
    });
  } catch (error) {
    if (error instanceof RolledBack) return error.value as T;
    throw error;
  }
  throw new Error('unreachable');
}

describe.each(BACKENDS)('grids replaced and checked in one statement (%s)', (kind) => {
  let t: TestDatabase;
  let plan: { id: number; districtCode: string; regionCode: string };
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    const r = await t.db.query<{ id: number }>(
      `INSERT INTO plans (district_code, region_code, name, author) VALUES ($1, '610198001', '替换测试', 'test') RETURNING id`,
      [D],
    );
    plan = { id: r.rows[0]!.id, districtCode: D, regionCode: '610198001' };
    // Grids to replace: the tiling with one grid fewer and one code the saves drop.
    await t.db.transaction((tx) =>
      replaceAndCheckGrids(tx, plan, [...TILED.slice(0, 3), row(`${EAST}N09`, EAST, rect(108.93, 34.2, 108.94, 34.21))], (c) => c),
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  /** One path's answer and the table after it, rolled back. */
  const save = (rows: GridRow[], oneStatementMax: number, validate: boolean) =>
    rolledBack(t.db, async (tx) => {
      const { before, checks } = await replaceAndCheckGrids(tx, plan, rows, (c) => `«${c}»`, oneStatementMax);
      const stored = await tx.query(
        `SELECT code, name, type, community_code, zone_code, ST_AsEWKT(geometry) AS g FROM grids WHERE district_code = $1 AND plan_id = $2 ORDER BY code`,
        [plan.districtCode, plan.id],
      );
      return {
        before: [...before].sort(),
        problems: checks.geometryProblems,
        validation: validate ? checks.validate() : null,
        stored: stored.rows,
      };
    });

  it('gives the same answer and rows as writing first and checking the table, for grids that pass', async () => {
    const one = await save(TILED, 100, true);
    const two = await save(TILED, 0, true);
    expect(one.problems).toEqual([]);
    expect(one.before).toEqual([`${WEST}N01`, `${WEST}N02`, `${EAST}N01`, `${EAST}N09`]);
    expect(one.stored).toHaveLength(4);
    expect(one.validation!.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(one).toEqual(two);
  });

  it('finds the same PostGIS problems, in the same order, as checking the table', async () => {
    const one = await save(WRONG, 100, false);
    const two = await save(WRONG, 0, false);
    expect(one.problems.map((p) => p.kind)).toEqual(['invalid_geometry', 'outside_community', 'overlap']);
    expect(one.problems[2]!.grids).toEqual([`«${WEST}N01»`, `«${WEST}N02»`]);
    expect(one).toEqual(two);
  });

  it('leaves the grids as they were when the transaction rolls back', async () => {
    await save(WRONG, 100, false);
    const r = await t.db.query<{ code: string }>('SELECT code FROM grids WHERE district_code = $1 AND plan_id = $2 ORDER BY code', [
      plan.districtCode,
      plan.id,
    ]);
    expect(r.rows.map((x) => x.code)).toEqual([`${WEST}N01`, `${WEST}N02`, `${EAST}N01`, `${EAST}N09`]);
  });
});
