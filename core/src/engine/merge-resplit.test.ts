import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.js';
import { DEFAULT_RULE_PROFILE, type RuleProfile } from '../rule-profile.js';
import { drainGrids } from './drain-grids.js';
import { mergeResplit } from './merge-resplit.js';
import type { UnitGraph } from './tree-partition.js';

const profile: RuleProfile = { ...DEFAULT_RULE_PROFILE, maxHouseholds: 300, maxPersons: 1000, combine: 'all' };

function link(adjacency: Map<number, number>[], a: number, b: number): void {
  adjacency[a]!.set(b, 10);
  adjacency[b]!.set(a, 10);
}

/** A w×h lattice of units (4-neighbours), `households[i]` each and 2 persons per household. */
function grid(w: number, h: number, households: (i: number) => number): UnitGraph {
  const n = w * h;
  const adjacency = Array.from({ length: n }, () => new Map<number, number>());
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (x + 1 < w) link(adjacency, i, i + 1);
      if (y + 1 < h) link(adjacency, i, i + w);
    }
  }
  const hh = Array.from({ length: n }, (_, i) => households(i));
  return { adjacency, households: hh, persons: hh.map((x) => 2 * x), areas: hh.map(() => 100) };
}

function connected(g: UnitGraph, part: readonly number[]): boolean {
  const set = new Set(part);
  const seen = new Set([part[0]!]);
  const stack = [part[0]!];
  while (stack.length) {
    for (const w of g.adjacency[stack.pop()!]!.keys()) {
      if (!set.has(w) || seen.has(w)) continue;
      seen.add(w);
      stack.push(w);
    }
  }
  return seen.size === set.size;
}

function checkParts(g: UnitGraph, parts: number[][], n: number) {
  expect(parts.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
  for (const p of parts) {
    expect(connected(g, p)).toBe(true);
    expect(p.reduce((s, u) => s + g.households[u]!, 0)).toBeLessThanOrEqual(300);
  }
}

describe('mergeResplit', () => {
  it('re-splits a light grid and its neighbours into one grid fewer', () => {
    // A 4×2 lattice of 75-household units in four grids of 150: 600 households fit in two.
    const g = grid(4, 2, () => 75);
    const parts = [
      [0, 4],
      [1, 5],
      [2, 6],
      [3, 7],
    ];
    const dropped = mergeResplit(g, parts, profile, createRandom(1));
    expect(dropped).toBe(2);
    expect(parts).toHaveLength(2);
    checkParts(g, parts, 8);
  });

  it('never merges past the rule, and leaves fixed grids alone', () => {
    const g = grid(4, 2, () => 100);
    // 800 households need three grids; grid 0 is fixed.
    const parts = [[0, 4], [1, 5], [2], [6], [3, 7]];
    mergeResplit(g, parts, profile, createRandom(1), { fixed: new Set([0]) });
    expect(parts).toHaveLength(3);
    expect(parts).toContainEqual([0, 4]);
    checkParts(g, parts, 8);
  });

  it('is deterministic for a seed', () => {
    const g = grid(6, 6, (i) => 20 + ((i * 37) % 60));
    const run = () => {
      const parts = Array.from({ length: 36 }, (_, i) => [i]);
      mergeResplit(g, parts, profile, createRandom(5));
      return parts;
    };
    const a = run();
    expect(a).toEqual(run());
    checkParts(g, a, 36);
    // 1,694 households: at least 6 grids; the merges get within one of that.
    expect(a.length).toBeLessThanOrEqual(7);
  });
});

describe('drainGrids', () => {
  it('empties the lightest grid into fuller neighbours that still have room', () => {
    // A row of 50-household units in grids of 100, 100 and 150: 350 households fit in two.
    const g = grid(7, 1, () => 50);
    const parts = [
      [0, 1],
      [2, 3],
      [4, 5, 6],
    ];
    const emptied = drainGrids(g, parts, profile);
    expect(emptied).toBe(1);
    expect(parts).toHaveLength(2);
    checkParts(g, parts, 7);
  });

  it('keeps every grid in one piece: a unit whose leaving would split its grid stays', () => {
    // Row 0-1-2 in one grid of 150 beside two full grids: its middle unit cannot leave, and nothing fits elsewhere.
    const g = grid(5, 1, (i) => (i === 3 ? 290 : i === 4 ? 290 : 50));
    const parts = [[0, 1, 2], [3], [4]];
    expect(drainGrids(g, parts, profile)).toBe(0);
    expect(parts).toEqual([[0, 1, 2], [3], [4]]);
  });
});
