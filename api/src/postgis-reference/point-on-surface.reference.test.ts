/**
 * `representativePoint` against PostGIS: on every real feature (SF block groups, Denver
 * neighbourhoods, after normalising) and every messy variant, the point must intersect the
 * polygon by `ST_Intersects` — on the largest part for a MultiPolygon — on both databases.
 */
import type { Geometry } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseFeatures, representativePoint, type MultiPolygon, type Polygon } from '@gridatlas/core';
import { messyVariants } from '@gridatlas/data';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../test/test-database.js';
import { realPolygonSets } from './real-features.js';

describe.each(BACKENDS)('representativePoint vs PostGIS on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind, 'bare');
  }, 60_000);
  afterAll(() => t?.close());

  it('lies inside every real and messy polygon (ST_Intersects), on the largest part', async () => {
    const cases: { id: string; geometry: Geometry; point: [number, number] }[] = [];
    for (const set of realPolygonSets()) {
      for (const variant of [
        { kind: 'as given', features: set.features },
        ...messyVariants(set.features, { seed: 3, count: 8, idField: set.idField }),
      ]) {
        const { items } = normaliseFeatures(variant.features, { expect: 'polygon', idField: set.idField });
        for (const item of items) {
          const g = item.geometry as Polygon | MultiPolygon;
          cases.push({ id: `${set.name}/${variant.kind}/${item.id}`, geometry: g, point: representativePoint(g) });
        }
      }
    }
    expect(cases.length).toBeGreaterThan(8000);
    const { rows } = await t.db.query<{ i: number; inside: boolean; on_largest: boolean }>(
      `WITH c AS (
         SELECT (e->>'i')::int AS i, ST_GeomFromGeoJSON(e->>'g') AS g, ST_SetSRID(ST_Point((e->>'x')::float8, (e->>'y')::float8), 4326) AS p
           FROM jsonb_array_elements($1::jsonb) AS e)
       SELECT i, ST_Intersects(p, g) AS inside,
              ST_Intersects(p, (SELECT d.geom FROM ST_Dump(g) d ORDER BY ST_Area(d.geom) DESC LIMIT 1)) AS on_largest
         FROM c`,
      [JSON.stringify(cases.map((c, i) => ({ i, g: JSON.stringify(c.geometry), x: c.point[0], y: c.point[1] })))],
    );
    expect(rows).toHaveLength(cases.length);
    expect(rows.filter((r) => !r.inside || !r.on_largest).map((r) => cases[r.i]!.id)).toEqual([]);
  });
});
