/**
 * The normalising step's polygon repair against PostGIS's own, on real features and on messy
 * variants of them: `ST_MakeValid(g, 'method=linework')` (polygonal part) must give the same
 * area, parts and holes, with a symmetric difference under a tolerance, on both databases.
 * One divergence is deliberate and checked against PostGIS's 'structure' method instead:
 * parts of one feature that partly overlap are joined, where linework cuts the overlap out.
 */
import type { Feature, Geometry } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseFeatures } from '@gridatlas/core';
import { messyVariant, type MessyKind } from '@gridatlas/data';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../test/test-database.js';
import { realPolygonSets } from './real-features.js';

interface Compared {
  i: number;
  ref_area: number;
  our_area: number;
  symdiff: number;
  ref_parts: number;
  our_parts: number;
  ref_holes: number;
  our_holes: number;
  our_valid: boolean;
}

/** Both geometries side by side in PostGIS: areas (m², geography), symmetric difference, parts, holes. */
async function compare(db: TestDatabase['db'], pairs: { input: Geometry; ours: Geometry }[], method = 'linework'): Promise<Compared[]> {
  const rows = await db.query<Compared>(
    `WITH pairs AS (
       SELECT (e->>'i')::int AS i,
              ST_CollectionExtract(ST_MakeValid(ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(e->>'input'), 4326)), 'method=${method}'), 3) AS ref,
              ST_SetSRID(ST_GeomFromGeoJSON(e->>'ours'), 4326) AS ours
         FROM jsonb_array_elements($1::jsonb) AS e)
     SELECT i,
            ST_Area(ref::geography) AS ref_area,
            ST_Area(ours::geography) AS our_area,
            coalesce(ST_Area(ST_SymDifference(ref, ours)::geography), 0) AS symdiff,
            ST_NumGeometries(ref) AS ref_parts,
            ST_NumGeometries(ours) AS our_parts,
            (SELECT coalesce(sum(ST_NumInteriorRings(d.geom)), 0) FROM ST_Dump(ref) d)::int AS ref_holes,
            (SELECT coalesce(sum(ST_NumInteriorRings(d.geom)), 0) FROM ST_Dump(ours) d)::int AS our_holes,
            ST_IsValid(ours) AS our_valid
       FROM pairs ORDER BY i`,
    [JSON.stringify(pairs.map((p, i) => ({ i, input: JSON.stringify(p.input), ours: JSON.stringify(p.ours) })))],
  );
  return rows.rows;
}

/** Within 1e-6 of the area plus 0.05 m² (the noder's 1e-9° grid moves crossings by ~0.1 mm). */
function expectSame(rows: Compared[], label: (i: number) => string): void {
  const bad = rows.filter(
    (r) =>
      !r.our_valid ||
      r.ref_parts !== r.our_parts ||
      r.ref_holes !== r.our_holes ||
      r.symdiff > 1e-6 * r.ref_area + 0.05 ||
      Math.abs(r.ref_area - r.our_area) > 1e-6 * r.ref_area + 0.05,
  );
  expect(bad.map((r) => ({ id: label(r.i), ...r }))).toEqual([]);
}

const KINDS: MessyKind[] = [
  'single_part_multi',
  'nested_shell',
  'bowtie',
  'figure8',
  'spike',
  'duplicate_vertices',
  'unclosed',
  'wrong_orientation',
  'island',
  'z',
  'sliver',
  'overlap',
];

describe.each(BACKENDS)('normalising step vs ST_MakeValid on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind, 'bare');
  }, 60_000);
  afterAll(() => t?.close());

  for (const set of realPolygonSets()) {
    it(`${set.name}: every feature as it comes (all parts kept)`, async () => {
      const { items, report } = normaliseFeatures(set.features, { expect: 'polygon', idField: set.idField });
      expect(report).toMatchObject({ read: set.features.length, accepted: set.features.length, rejected: 0 });
      // SF has one block group with an island; Denver one neighbourhood with two separate
      // parts, and seven that write holes as second shells (eight such holes in all).
      expect(items.filter((i) => i.geometry.type === 'MultiPolygon').length).toBe(1);
      const nested = report.repairs.filter((r) => r.reason === 'nested_shell');
      expect(nested.length).toBe(set.name === 'denver-neighborhoods' ? 8 : 0);
      expect(new Set(nested.map((r) => r.id)).size).toBe(set.name === 'denver-neighborhoods' ? 7 : 0);
      const rows = await compare(
        t.db,
        items.map((i) => ({ input: set.features[i.index]!.geometry!, ours: i.geometry })),
      );
      expectSame(rows, (i) => items[i]!.id);
    });

    it.each(KINDS)(
      `${set.name}, messy variant %s: repaired as PostGIS repairs it, each repair named by the feature's id`,
      async (messy) => {
        const v = messyVariant(set.features, messy, { seed: 7, count: 5, idField: set.idField, countFields: set.countFields });
        const { items, report } = normaliseFeatures(v.features, { expect: 'polygon', idField: set.idField });
        expect(report.rejected).toBe(0);
        expect(report.accepted).toBe(v.features.length);
        // PostGIS cannot read an unclosed ring; the ring as it was before is its input then.
        const original = new Map(set.features.map((f, i) => [i, f]));
        const inputOf = (k: number): Geometry => (messy === 'unclosed' ? original.get(k)!.geometry! : v.features[k]!.geometry);
        const rows = await compare(
          t.db,
          items.map((i) => ({ input: inputOf(i.index), ours: i.geometry })),
        );
        expectSame(rows, (i) => items[i]!.id);
        const expected: Partial<Record<MessyKind, string>> = {
          nested_shell: 'nested_shell',
          bowtie: 'self_intersection',
          figure8: 'self_intersection',
          spike: 'spike_removed',
          duplicate_vertices: 'duplicate_vertices',
          unclosed: 'ring_closed',
          wrong_orientation: 'ring_reoriented',
          z: 'z_dropped',
        };
        const reason = expected[messy];
        if (reason) {
          const named = new Set(report.repairs.filter((r) => r.reason === reason).map((r) => r.id));
          // A feature rebuilt from its linework (Denver's nested shells) is oriented by the rebuild.
          const rebuilt = new Set(
            report.repairs.filter((r) => r.reason === 'nested_shell' || r.reason === 'overlapping_parts').map((r) => r.id),
          );
          for (const id of v.changed)
            if (reason !== 'ring_reoriented' || !rebuilt.has(id)) expect(named, `${reason} names ${id}`).toContain(id);
        }
      },
    );
  }

  it('joins partly overlapping parts of one feature (as method=structure), where linework cuts the overlap out', async () => {
    const sq = (x: number, y: number): number[][] => [
      [x, y],
      [x + 0.01, y],
      [x + 0.01, y + 0.01],
      [x, y + 0.01],
      [x, y],
    ];
    const input: Geometry = { type: 'MultiPolygon', coordinates: [[sq(-122.45, 37.75)], [sq(-122.445, 37.755)]] };
    const { items } = normaliseFeatures([{ type: 'Feature', properties: {}, geometry: input } as Feature], { expect: 'polygon' });
    expectSame(await compare(t.db, [{ input, ours: items[0]!.geometry }], 'structure'), () => 'overlap');
    const [linework] = await compare(t.db, [{ input, ours: items[0]!.geometry }]);
    // Two squares overlapping by a quarter: linework keeps 1.5 squares, joined 1.75.
    expect(linework!.our_area / linework!.ref_area).toBeCloseTo(1.75 / 1.5, 3);
  });
});
