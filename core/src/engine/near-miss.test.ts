import { describe, expect, it } from 'vitest';
import type { XY } from './local-frame.js';
import { nearMissConnectors } from './near-miss.js';

const opts = { gapM: 3, touchM: 0.01 };
const main: XY[] = [
  [0, 0],
  [100, 0],
];

describe('nearMissConnectors', () => {
  it('carries a street stopping short straight on to the line ahead', () => {
    // Heading south-west, 1.5 m short: the join follows the heading, not the shortest way.
    const side: XY[] = [
      [52, 21.5],
      [50, 1.5],
    ];
    const [c, ...rest] = nearMissConnectors([main, side], [1], opts);
    expect(rest).toEqual([]);
    expect(c![0]).toEqual([50, 1.5]);
    expect(c![1][0]).toBeCloseTo(49.85, 6);
    expect(c![1][1]).toBeCloseTo(0, 9);
  });

  it('joins to the nearest point when the heading misses the line', () => {
    const side: XY[] = [
      [110, 1],
      [101, 1],
    ];
    const [c] = nearMissConnectors([main, side], [1], opts);
    expect(c).toEqual([
      [101, 1],
      [100, 0],
    ]);
  });

  it("leaves ends beyond the gap, ends that touch, and a street's own segments next to its end alone", () => {
    const far: XY[] = [
      [30, 20],
      [30, 3.5],
    ];
    const touching: XY[] = [
      [70, 20],
      [70, 0.004],
    ];
    const kink: XY[] = [
      [0, 50],
      [10, 50],
      [10, 51],
    ];
    expect(nearMissConnectors([main, far, touching, kink], [1, 2, 3], opts)).toEqual([]);
  });

  it('closes a loop road drawn nearly closed', () => {
    const loop: XY[] = [
      [0, 50],
      [20, 50],
      [20, 60],
      [2, 60],
      [2, 51.5],
    ];
    // The end reaches its first segment straight ahead; the start, 2.5 m from the end, reaches that too.
    expect(nearMissConnectors([loop], [0], opts)).toEqual([
      [
        [0, 50],
        [2, 51.5],
      ],
      [
        [2, 51.5],
        [2, 50],
      ],
    ]);
  });

  it('joins two pieces of a street with a gap between them at a tile edge', () => {
    const a: XY[] = [
      [0, 10],
      [49.2, 10],
    ];
    const b: XY[] = [
      [50.4, 10],
      [100, 10],
    ];
    const joins = nearMissConnectors([a, b], [0, 1], opts);
    expect(joins.map((c) => c.map((p) => p.map((x) => Math.round(x * 10) / 10)))).toEqual([
      [
        [49.2, 10],
        [50.4, 10],
      ],
      [
        [50.4, 10],
        [49.2, 10],
      ],
    ]);
  });
});
