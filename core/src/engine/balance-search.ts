/**
 * Balance between the grids of a community (a small spread of households, or persons): pairs
 * of neighbouring grids are merged and re-split along the best of several random spanning
 * trees, whose cut cost prefers balanced sides and a short cut (tree-partition.ts), and the
 * new pair is kept when it narrows the pair's difference. Both halves of a tree cut are
 * connected and within the rule, so the grid count, contiguity and compliance are kept;
 * the short-cut term keeps the grids compact.
 */
import type { Random } from '../random.js';
import type { RuleProfile } from '../rule-profile.js';
import { throwIfAborted, type EngineRunOptions } from './engine-progress.js';
import { strictTreePartition, type PartitionStats, type UnitGraph } from './tree-partition.js';

export type BalanceBy = 'households' | 'persons';

/** Spread of one measure over the grids: min, max, mean and coefficient of variation (sd ÷ mean). */
export interface BalanceFigures {
  by: BalanceBy;
  min: number;
  max: number;
  mean: number;
  cv: number;
}

/** The spread of `values` (households or persons per grid). */
export function balanceFigures(by: BalanceBy, values: readonly number[]): BalanceFigures {
  if (values.length === 0) return { by, min: 0, max: 0, mean: 0, cv: 0 };
  const mean = values.reduce((s, x) => s + x, 0) / values.length;
  const variance = values.reduce((s, x) => s + (x - mean) ** 2, 0) / values.length;
  return { by, min: Math.min(...values), max: Math.max(...values), mean, cv: mean > 0 ? Math.sqrt(variance) / mean : 0 };
}

export interface BalanceOptions {
  by: BalanceBy;
  /** Indices of grids (into `parts`) that never change. */
  fixed?: ReadonlySet<number>;
  /** Passes over the neighbouring pairs (default 3). */
  passes?: number;
  run?: EngineRunOptions;
}

/** Trees drawn for a pair before its best cut is taken. */
const PAIR_TREES = 8;
/** Balance weighs more against the cut length than in a plain partition (0.04), yet a long cut still costs. */
const PAIR_CUT_WEIGHT = 0.01;

/**
 * Evens out `parts` (unit index lists, changed in place; same count). Returns the number of
 * pairs re-split.
 *
 * @example
 * balanceGrids(graph, parts, planningProfile, createRandom(1), { by: 'households' });
 */
export function balanceGrids(
  graph: UnitGraph,
  parts: number[][],
  profile: Readonly<RuleProfile>,
  rng: Random,
  options: BalanceOptions,
): number {
  const fixed = options.fixed ?? new Set<number>();
  const value = options.by === 'households' ? graph.households : graph.persons;
  const owner = new Int32Array(graph.households.length).fill(-1);
  parts.forEach((p, g) => p.forEach((u) => (owner[u] = g)));
  const total = parts.map((p) => p.reduce((s, u) => s + value[u]!, 0));
  const stats: PartitionStats = { extraGrids: 0, trees: 0 };
  let resplit = 0;
  for (let pass = 0; pass < (options.passes ?? 3); pass++) {
    throwIfAborted(options.run);
    // Neighbouring pairs, the most uneven first.
    const pairs = new Map<string, [number, number]>();
    parts.forEach((p, g) => {
      if (fixed.has(g)) return;
      for (const u of p) {
        for (const w of graph.adjacency[u]!.keys()) {
          const h = owner[w]!;
          if (h < 0 || h === g || fixed.has(h)) continue;
          const [a, b] = g < h ? [g, h] : [h, g];
          pairs.set(`${a},${b}`, [a, b]);
        }
      }
    });
    const order = [...pairs.values()].sort(
      (p, q) => Math.abs(total[q[0]]! - total[q[1]]!) - Math.abs(total[p[0]]! - total[p[1]]!) || p[0] - q[0] || p[1] - q[1],
    );
    let changed = 0;
    for (const [a, b] of order) {
      const before = Math.abs(total[a]! - total[b]!);
      if (before <= 1) continue;
      const nodes = [...parts[a]!, ...parts[b]!].sort((x, y) => x - y);
      const split = strictTreePartition(graph, nodes, 2, profile, rng, stats, { maxTrees: PAIR_TREES, cutWeight: PAIR_CUT_WEIGHT });
      if (!split || split.length !== 2) continue;
      const ta = split[0]!.reduce((s, u) => s + value[u]!, 0);
      const tb = split[1]!.reduce((s, u) => s + value[u]!, 0);
      if (Math.abs(ta - tb) >= before) continue;
      // The side holding more of grid a's units stays grid a, so fewer units change grid.
      const keepA = split[0]!.filter((u) => owner[u] === a).length + split[1]!.filter((u) => owner[u] === b).length >= nodes.length / 2;
      const [na, nb] = keepA ? [split[0]!, split[1]!] : [split[1]!, split[0]!];
      parts[a] = na;
      parts[b] = nb;
      for (const u of na) owner[u] = a;
      for (const u of nb) owner[u] = b;
      total[a] = keepA ? ta : tb;
      total[b] = keepA ? tb : ta;
      changed++;
    }
    resplit += changed;
    if (changed === 0) break;
  }
  return resplit;
}
