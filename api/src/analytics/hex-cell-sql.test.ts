import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../test/test-database.js';
import { useTestApp } from '../test/test-app.js';
import { hexCellsSql } from './hex-cell-sql.js';

/** The hexagon whose centre is nearest (x, y), by brute force over the 3 × 3 neighbourhood. */
function nearest(x: number, y: number, s: number): [number, number] {
  const i = Math.round(x / (1.5 * s));
  let best: [number, number, number] = [Infinity, 0, 0];
  for (let di = -1; di <= 1; di++) {
    const ii = i + di;
    const off = Math.abs(ii % 2) / 2;
    const j = Math.round(y / (Math.sqrt(3) * s) - off);
    for (let dj = -1; dj <= 1; dj++) {
      const d = (x - 1.5 * s * ii) ** 2 + (y - Math.sqrt(3) * s * (j + dj + off)) ** 2;
      if (d < best[0] - 1e-9) best = [d, ii, j + dj];
    }
  }
  return [best[1], best[2]];
}

describe.each(BACKENDS)('hexCellsSql on %s', (kind) => {
  const ctx = useTestApp(kind);

  it('puts each point in the hexagon with the nearest centre, as hex_of() does', async () => {
    // Points around Lianhu and around the origin (negative columns and rows), at several sizes.
    let seed = 7;
    const rand = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const xs: number[] = [];
    const ys: number[] = [];
    for (let k = 0; k < 400; k++) {
      const [cx, cy] = k % 2 ? [12_122_000, 4_062_000] : [0, 0];
      xs.push(cx + (rand() - 0.5) * 4000);
      ys.push(cy + (rand() - 0.5) * 4000);
    }
    for (const size of [382.1851, 47.7731, 23.8866, 5.9716]) {
      const r = await ctx.t.db.query<{ i: number; j: number; h: number[] }>(
        `SELECT c.i, c.j, hex_of(p.x, p.y, $3::float8) AS h
         FROM (${hexCellsSql('SELECT x, y, k AS n FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS u(x, y, k)', '$3::float8')}) c
         JOIN unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS p(x, y, k) ON p.k = c.n
         ORDER BY c.n`,
        [xs, ys, size],
      );
      expect(r.rows).toHaveLength(xs.length);
      r.rows.forEach((row, k) => {
        expect([row.i, row.j]).toEqual(nearest(xs[k]!, ys[k]!, size));
        expect(row.h).toEqual([row.i, row.j]);
      });
    }
  });
});
