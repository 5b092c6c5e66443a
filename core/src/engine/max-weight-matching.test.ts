import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.js';
import { maxWeightMatching } from './max-weight-matching.js';

/** Best total over every matching, by trying all permutations (small n only). */
function bruteForce(w: number[][], cols: number): number {
  let best = 0;
  const used = new Array<boolean>(cols).fill(false);
  const go = (i: number, sum: number): void => {
    if (i === w.length) {
      best = Math.max(best, sum);
      return;
    }
    go(i + 1, sum);
    for (let j = 0; j < cols; j++) {
      if (used[j]) continue;
      used[j] = true;
      go(i + 1, sum + (w[i]![j] ?? 0));
      used[j] = false;
    }
  };
  go(0, 0);
  return best;
}

describe('maxWeightMatching', () => {
  it('beats the greedy largest-first matching', () => {
    expect(
      maxWeightMatching([
        [5, 4],
        [4, 0],
      ]),
    ).toEqual([1, 0]);
  });

  it('finds the best total on random rectangular tables, one to one', () => {
    const rng = createRandom(7);
    for (let t = 0; t < 60; t++) {
      const rows = rng.int(1, 6);
      const cols = rng.int(1, 6);
      const w = Array.from({ length: rows }, () => Array.from({ length: cols }, () => (rng.chance(0.4) ? 0 : rng.int(1, 50))));
      const m = maxWeightMatching(w);
      const taken = m.filter((j) => j >= 0);
      expect(new Set(taken).size).toBe(taken.length);
      expect(m.reduce((s, j, i) => s + (j >= 0 ? w[i]![j]! : 0), 0)).toBe(bruteForce(w, cols));
    }
  });
});
