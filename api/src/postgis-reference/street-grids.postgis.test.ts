/**
 * The engine end to end on real street networks, checked in PostGIS on both databases: the
 * grids `delineateCommunity` draws from the Wuhan roads and building points, and from the
 * Shanghai OSM roads with buildings placed over the test community, cover the boundary (no
 * gap, no overlap), are valid, and hold every building exactly once — the building in the
 * grid whose households count it, as ST_Covers sees it, not as the engine reports it.
 */
import { DEFAULT_RULE_PROFILE, delineateCommunity, type RuleProfile } from '@gridatlas/core';
import { shanghaiStreetCase, wuhanStreetCase, type StreetCase } from '@gridatlas/data/real-streets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/db.types.js';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../test/test-database.js';

const profile: RuleProfile = { ...DEFAULT_RULE_PROFILE, combine: 'all', maxHouseholds: 300, maxPersons: 1000 };
const GRID = 1e-9;

interface GridCheck {
  grids: number;
  invalid: number;
  symDiffM2: number;
  overlapM2: number;
  buildings: number;
  /** Buildings covered by exactly one grid, and by none. */
  inOne: number;
  inNone: number;
  /** Grids whose households (as the engine wrote them) differ from the sum over the buildings PostGIS finds in them. */
  miscounted: number;
  /** Grids over the size rule by the buildings PostGIS finds in them, other than one indivisible building alone. */
  overRule: number;
  /**
   * The fewest grids the rule allows, from the buildings alone: one per building over the rule,
   * and the rest's households (and persons, under `all`) over the caps.
   */
  lowerBound: number;
}

async function checkGrids(db: Db, c: StreetCase, grids: readonly { geometry: unknown; households: number }[]): Promise<GridCheck> {
  const { rows } = await db.query<GridCheck>(
    `WITH b AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4326) AS g),
          gr AS (SELECT ord AS i, ST_SetSRID(ST_GeomFromGeoJSON(value->>'geometry'), 4326) AS g, (value->>'households')::int AS households
                 FROM json_array_elements($2::json) WITH ORDINALITY AS t(value, ord)),
          bu AS (SELECT ord AS i, ST_SetSRID(ST_MakePoint((value->>0)::float8, (value->>1)::float8), 4326) AS g, (value->>2)::int AS households,
                   (value->>3)::int AS persons
                 FROM json_array_elements($3::json) WITH ORDINALITY AS t(value, ord)),
          over AS (SELECT i, households > $4 OR ($6 AND persons > $5) AS over FROM bu),
          hits AS (SELECT bu.i AS bi, gr.i AS gi, bu.households, bu.persons FROM bu LEFT JOIN gr ON ST_Covers(gr.g, bu.g)),
          per_building AS (SELECT bi, count(gi) AS n FROM hits GROUP BY bi),
          per_grid AS (SELECT gr.i, gr.households, coalesce(sum(h.households), 0) AS found, coalesce(sum(h.persons), 0) AS persons, count(h.bi) AS n
                       FROM gr LEFT JOIN hits h ON h.gi = gr.i GROUP BY gr.i, gr.households)
     SELECT (SELECT count(*) FROM gr)::int AS grids,
            (SELECT count(*) FROM gr WHERE NOT ST_IsValid(g))::int AS invalid,
            (SELECT ST_Area(ST_SymDifference(ST_Union(gr.g, ${GRID}), (SELECT g FROM b), ${GRID})::geography) FROM gr) AS "symDiffM2",
            (SELECT coalesce(sum(ST_Area(ST_Intersection(x.g, y.g, ${GRID})::geography)), 0) FROM gr x JOIN gr y ON x.i < y.i AND ST_Intersects(x.g, y.g)) AS "overlapM2",
            (SELECT count(*) FROM per_building)::int AS buildings,
            (SELECT count(*) FROM per_building WHERE n = 1)::int AS "inOne",
            (SELECT count(*) FROM per_building WHERE n = 0)::int AS "inNone",
            (SELECT count(*) FROM per_grid WHERE households <> found)::int AS miscounted,
            (SELECT count(*) FROM per_grid WHERE n > 1 AND (found > $4 OR ($6 AND persons > $5)))::int AS "overRule",
            ((SELECT count(*) FROM over WHERE over)
              + greatest(ceil((SELECT coalesce(sum(households), 0) FROM bu JOIN over USING (i) WHERE NOT over) / $4::float8),
                         CASE WHEN $6 THEN ceil((SELECT coalesce(sum(persons), 0) FROM bu JOIN over USING (i) WHERE NOT over) / $5::float8) ELSE 0 END))::int AS "lowerBound"`,
    [
      JSON.stringify(c.boundary),
      JSON.stringify(grids.map((g) => ({ geometry: g.geometry, households: g.households }))),
      JSON.stringify(c.buildings.map((b) => [b.point[0], b.point[1], b.households, b.persons])),
      profile.maxHouseholds,
      profile.maxPersons,
      profile.combine === 'all',
    ],
  );
  if (!rows[0]) throw new Error('checkGrids: PostGIS returned no row');
  return rows[0];
}

describe.each(BACKENDS)('grids from real street networks, checked in PostGIS on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind, 'bare');
  });
  afterAll(() => t?.close());

  it.each([
    ['wuhan', wuhanStreetCase],
    ['shanghai', shanghaiStreetCase],
  ] as const)('%s: every building in exactly one grid, the boundary covered whole', async (_, load) => {
    const c = load();
    const result = delineateCommunity({ boundary: c.boundary, streets: c.streets, buildings: c.buildings, profile, seed: 1 });
    expect(result.units.unitOfBuilding.every((u) => u >= 0)).toBe(true);
    const check = await checkGrids(t.db, c, result.grids);
    expect(check).toMatchObject({
      grids: result.grids.length,
      invalid: 0,
      buildings: c.buildings.length,
      inOne: c.buildings.length,
      inNone: 0,
      miscounted: 0,
      overRule: 0,
    });
    // The engine's count against the bound PostGIS works out from the buildings alone.
    expect(check.lowerBound).toBe(result.report.lowerBound);
    expect(check.grids).toBeGreaterThanOrEqual(check.lowerBound);
    expect(check.symDiffM2).toBeLessThan(0.01);
    expect(check.overlapM2).toBeLessThan(0.01);
    expect(result.report.coverage).toBeCloseTo(1, 5);
  });
});
