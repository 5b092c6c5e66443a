import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../test/test-database.js';
import { useTestApp } from '../test/test-app.js';
import { hexagonOutline } from './hexagon-outline.js';

describe.each(BACKENDS)('hexagonOutline on %s', (kind) => {
  const ctx = useTestApp(kind);

  it("matches PostGIS's ST_Hexagon, transformed to WGS84, to the 7th decimal", async () => {
    // Sizes of zooms 11, 14 and 17 and a grown one; even and odd, positive and negative columns, around Lianhu and elsewhere.
    const cases: [number, number, number][] = [];
    for (const size of [382.1851, 47.7731, 5.9716, 1234.5])
      for (const [x, y] of [
        [12_122_000, 4_062_000],
        [-8_000_000, -3_000_000],
        [0, 0],
      ] as const)
        for (const di of [0, 1, -1]) cases.push([size, Math.round(x / (1.5 * size)) + di, Math.round(y / (Math.sqrt(3) * size)) + di]);
    const r = await ctx.t.db.query<{ g: { coordinates: [number, number][][] } }>(
      `SELECT ST_AsGeoJSON(ST_Transform(ST_Hexagon(c.s, c.i, c.j, ST_SetSRID(ST_MakePoint(0, 0), 3857)), 4326), 7)::json AS g
       FROM unnest($1::float8[], $2::int[], $3::int[]) WITH ORDINALITY AS c(s, i, j, k) ORDER BY k`,
      [cases.map((c) => c[0]), cases.map((c) => c[1]), cases.map((c) => c[2])],
    );
    expect(r.rows).toHaveLength(cases.length);
    cases.forEach(([size, i, j], k) => {
      const ours = hexagonOutline(size, i, j).coordinates[0]!;
      const theirs = r.rows[k]!.g.coordinates[0]!;
      expect(ours).toHaveLength(theirs.length);
      ours.forEach((p, v) => {
        // Rounding to 7 decimals may land a last digit apart.
        expect(Math.abs(p[0]! - theirs[v]![0]!)).toBeLessThanOrEqual(1.5e-7);
        expect(Math.abs(p[1]! - theirs[v]![1]!)).toBeLessThanOrEqual(1.5e-7);
      });
    });
  });
});
