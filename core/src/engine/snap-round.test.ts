import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.js';
import type { XY } from './local-frame.js';
import { snapRound, type SnapRounded } from './snap-round.js';

const orient = (a: XY, b: XY, c: XY): number => (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);

/** Pairs of output edges that cross or overlap anywhere but at a shared node. */
function badPairs(r: SnapRounded): number {
  const p = (v: number): XY => [r.gx[v]!, r.gy[v]!];
  let bad = 0;
  for (let i = 0; i < r.edges.length; i++) {
    for (let j = i + 1; j < r.edges.length; j++) {
      const e = r.edges[i]!;
      const f = r.edges[j]!;
      const shared = [e.u, e.v].filter((v) => v === f.u || v === f.v).length;
      const [a, b, c, d] = [p(e.u), p(e.v), p(f.u), p(f.v)];
      const o = [orient(a, b, c), orient(a, b, d), orient(c, d, a), orient(c, d, b)];
      if (shared === 0 && o[0]! * o[1]! <= 0 && o[2]! * o[3]! <= 0) {
        // Touching or crossing, unless collinear and apart.
        const collinear = o.every((x) => x === 0);
        const apart =
          collinear &&
          (Math.max(a[0], b[0]) < Math.min(c[0], d[0]) ||
            Math.max(c[0], d[0]) < Math.min(a[0], b[0]) ||
            Math.max(a[1], b[1]) < Math.min(c[1], d[1]) ||
            Math.max(c[1], d[1]) < Math.min(a[1], b[1]));
        if (!apart) bad++;
      }
      // Sharing one node, they may not run over each other.
      if (shared === 1 && o.every((x) => x === 0)) {
        const s = e.u === f.u || e.u === f.v ? e.u : e.v;
        const oe = e.u === s ? e.v : e.u;
        const of = f.u === s ? f.v : f.u;
        const dot = (r.gx[oe]! - r.gx[s]!) * (r.gx[of]! - r.gx[s]!) + (r.gy[oe]! - r.gy[s]!) * (r.gy[of]! - r.gy[s]!);
        if (dot > 0) bad++;
      }
    }
  }
  return bad;
}

describe('snapRound', () => {
  it('splits lines that cross without a shared vertex', () => {
    const r = snapRound(
      [
        [
          [0, 0],
          [10, 0],
        ],
        [
          [5, -5],
          [5, 5],
        ],
      ],
      0.01,
    );
    expect(r.edges).toHaveLength(4);
    const centre = r.nodeAt([5, 0]);
    expect(centre).toBeGreaterThanOrEqual(0);
    expect(r.paths[0]).toEqual([r.nodeAt([0, 0]), centre, r.nodeAt([10, 0])]);
  });

  it('makes collinear overlapping duplicates (tile edges) one set of edges', () => {
    const r = snapRound(
      [
        [
          [0, 0],
          [60, 0],
        ],
        [
          [40, 0.003],
          [100, 0.002],
        ],
      ],
      0.01,
    );
    // 0–40, 40–60, 60–100: the overlap 40–60 is one edge that both lines run along.
    expect(r.edges).toHaveLength(3);
    const overlap = r.edges.find((e) => e.lines.length === 2)!;
    expect([r.gx[overlap.u], r.gx[overlap.v]].sort((a, b) => a! - b!)).toEqual([4000, 6000]);
    expect(badPairs(r)).toBe(0);
  });

  it('joins an end lying on another line within half a grid step', () => {
    const r = snapRound(
      [
        [
          [0, 0],
          [10, 0],
        ],
        [
          [4, 0.004],
          [4, 8],
        ],
      ],
      0.01,
    );
    expect(r.edges).toHaveLength(3);
    expect(r.paths[0]).toContain(r.nodeAt([4, 0]));
  });

  it('gives a planar graph for random segments, every node within √2 grid steps of its input line (rounding plus half a pixel diagonal)', () => {
    const rand = createRandom(42);
    const lines: XY[][] = Array.from({ length: 60 }, () => [
      [rand.next() * 100, rand.next() * 100],
      [rand.next() * 100, rand.next() * 100],
      [rand.next() * 100, rand.next() * 100],
    ]);
    // Near-duplicates and shared ends, as messy data has them.
    lines.push(lines[0]!.map(([x, y]) => [x + 0.002, y - 0.001]));
    lines.push([lines[1]![2]!, [50, 50]]);
    const r = snapRound(lines, 0.01);
    expect(badPairs(r)).toBe(0);
    for (const [li, line] of lines.entries()) {
      for (const v of r.paths[li]!) {
        const x = r.gx[v]! * 0.01;
        const y = r.gy[v]! * 0.01;
        const d = Math.min(
          ...line.slice(1).map((b, k) => {
            const a = line[k]!;
            const dx = b[0] - a[0];
            const dy = b[1] - a[1];
            const t = Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / (dx * dx + dy * dy)));
            return Math.hypot(x - a[0] - t * dx, y - a[1] - t * dy);
          }),
        );
        expect(d).toBeLessThanOrEqual(Math.SQRT2 * 0.01);
      }
    }
  });

  it('refuses coordinates beyond the grid it can compute exactly', () => {
    expect(() =>
      snapRound(
        [
          [
            [0, 0],
            [1e6, 0],
          ],
        ],
        0.01,
      ),
    ).toThrow(RangeError);
  });
});
