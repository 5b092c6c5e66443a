/**
 * Recursive spanning-tree bipartition (after GerryChain's `recursive_tree_part` and
 * `bipartition_tree`): to divide a connected set of units into k grids, draw a random
 * spanning tree (Kruskal on random weights), and cut the tree edge whose two sides can hold
 * ⌊k/2⌋ and ⌈k/2⌉ grids under the rule, preferring balanced sides and a short cut; recurse
 * on both sides. When no tree gives such an edge, any split k₁ + k₂ = k is allowed, and only
 * then does the part get one more grid. Both sides of a tree cut are connected, so every
 * grid is contiguous by construction.
 */
import type { Random } from '../random.js';
import type { RuleProfile } from '../rule-profile.js';

export interface UnitGraph {
  /** Shared edge length with each neighbour, metres. */
  adjacency: readonly Map<number, number>[];
  households: readonly number[];
  persons: readonly number[];
  /** Area of each unit, m². */
  areas: readonly number[];
}

export interface PartitionStats {
  /** Grids added beyond the requested count because no tree cut fitted. */
  extraGrids: number;
  trees: number;
}

/** Whether `households`/`persons` can fit in `k` grids under the profile, by totals. */
export function fitsIn(households: number, persons: number, k: number, profile: Readonly<RuleProfile>): boolean {
  const h = households <= k * profile.maxHouseholds;
  const p = persons <= k * profile.maxPersons;
  return profile.combine === 'any' ? h || p : h && p;
}

/** Load per grid when `households`/`persons` are spread over `k` grids (1 = at the cap). */
function loadPer(households: number, persons: number, k: number, profile: Readonly<RuleProfile>): number {
  const h = households / (k * profile.maxHouseholds);
  const p = persons / (k * profile.maxPersons);
  return profile.combine === 'any' ? Math.min(h, p) : Math.max(h, p);
}

/** Weight of the cut length against balance when choosing a tree edge. */
const CUT_WEIGHT = 0.04;
/** Trees that found a fitting cut before the best cut is taken. */
const TREES_PER_SPLIT = 3;
const MAX_TREES = 40;

/** How hard a strict partition searches, and how much it weighs a short cut against balance. */
export interface SplitLimits {
  /** Random trees drawn per cut at most (default 40). */
  maxTrees?: number;
  /** Weight of the cut length (÷ √area) against the balance of the two sides (default 0.04). */
  cutWeight?: number;
}

interface Cut {
  side: number[];
  rest: number[];
  k1: number;
  k2: number;
  cost: number;
}

/**
 * Divides the connected `nodes` into `k` (or, failing that, a few more) connected parts.
 *
 * @example
 * const parts = treePartition(graph, [0, 1, 2, 3], 2, profile, createRandom(1), stats);
 */
export function treePartition(graph: UnitGraph, nodes: readonly number[], k: number, profile: Readonly<RuleProfile>, rng: Random, stats: PartitionStats): number[][] {
  return split(graph, nodes, k, profile, rng, stats, false)!;
}

/**
 * Like {@link treePartition} but gives up (null) instead of adding a grid, so a caller can
 * retry from the top with another seed or one more grid; at most `limits.maxTrees` trees are drawn per cut.
 */
export function strictTreePartition(graph: UnitGraph, nodes: readonly number[], k: number, profile: Readonly<RuleProfile>, rng: Random, stats: PartitionStats, limits: SplitLimits = {}): number[][] | null {
  return split(graph, nodes, k, profile, rng, stats, true, limits);
}

function split(graph: UnitGraph, nodes: readonly number[], k: number, profile: Readonly<RuleProfile>, rng: Random, stats: PartitionStats, strict: boolean, limits: SplitLimits = {}): number[][] | null {
  if (k <= 1 || nodes.length <= 1) return [nodes.slice()];
  if (k >= nodes.length) return nodes.map((n) => [n]);
  let cut = bestCut(graph, nodes, k, profile, rng, stats, true, limits) ?? bestCut(graph, nodes, k, profile, rng, stats, false, limits);
  if (strict) {
    if (!cut) return null;
    const a = split(graph, cut.side, cut.k1, profile, rng, stats, true, limits);
    const b = a && split(graph, cut.rest, cut.k2, profile, rng, stats, true, limits);
    return a && b ? [...a, ...b] : null;
  }
  let kk = k;
  while (!cut && kk < nodes.length) {
    kk++;
    stats.extraGrids++;
    cut = bestCut(graph, nodes, kk, profile, rng, stats, false);
  }
  if (!cut) return nodes.map((n) => [n]);
  return [...split(graph, cut.side, cut.k1, profile, rng, stats, false)!, ...split(graph, cut.rest, cut.k2, profile, rng, stats, false)!];
}

/** Root of `x` in a union-find array, halving the path. */
function find(uf: Int32Array, x: number): number {
  while (uf[x] !== x) {
    uf[x] = uf[uf[x]!]!;
    x = uf[x]!;
  }
  return x;
}

function bestCut(graph: UnitGraph, nodes: readonly number[], k: number, profile: Readonly<RuleProfile>, rng: Random, stats: PartitionStats, balanced: boolean, limits: SplitLimits = {}): Cut | null {
  const maxTrees = limits.maxTrees ?? MAX_TREES;
  const splits = balanced ? [...new Set([Math.floor(k / 2), Math.ceil(k / 2)])] : Array.from({ length: k - 1 }, (_, i) => i + 1);
  let best: Cut | null = null;
  let found = 0;
  for (let t = 0; t < maxTrees && found < TREES_PER_SPLIT; t++) {
    stats.trees++;
    const c = treeCut(graph, nodes, k, splits, profile, rng, limits.cutWeight ?? CUT_WEIGHT);
    if (!c) continue;
    found++;
    if (!best || c.cost < best.cost) best = c;
  }
  return best;
}

/** One random spanning tree and its best fitting edge cut, or null. */
function treeCut(graph: UnitGraph, nodes: readonly number[], k: number, splits: readonly number[], profile: Readonly<RuleProfile>, rng: Random, cutWeight: number): Cut | null {
  const n = nodes.length;
  const local = new Map<number, number>();
  nodes.forEach((g, i) => local.set(g, i));
  const edges: { a: number; b: number; w: number; r: number }[] = [];
  nodes.forEach((g, i) => {
    for (const [h, w] of graph.adjacency[g]!) {
      const j = local.get(h);
      if (j !== undefined && i < j) edges.push({ a: i, b: j, w, r: rng.next() });
    }
  });
  // Kruskal on random weights: a random spanning tree.
  edges.sort((p, q) => p.r - q.r);
  const uf = Int32Array.from({ length: n }, (_, i) => i);
  const tree: number[][] = Array.from({ length: n }, () => []);
  let joined = 0;
  for (const e of edges) {
    const ra = find(uf, e.a);
    const rb = find(uf, e.b);
    if (ra === rb) continue;
    uf[ra] = rb;
    tree[e.a]!.push(e.b);
    tree[e.b]!.push(e.a);
    joined++;
  }
  if (joined !== n - 1) return null;
  // Root at a random node; BFS order, parents and depths.
  const root = rng.int(0, n - 1);
  const parent = new Int32Array(n).fill(-1);
  const depth = new Int32Array(n);
  const order = [root];
  parent[root] = root;
  for (let q = 0; q < order.length; q++) {
    const v = order[q]!;
    for (const w of tree[v]!) {
      if (parent[w] !== -1) continue;
      parent[w] = v;
      depth[w] = depth[v]! + 1;
      order.push(w);
    }
  }
  const hh = new Float64Array(n);
  const pp = new Float64Array(n);
  const area = new Float64Array(n);
  const deg = new Float64Array(n);
  const internal = new Float64Array(n);
  nodes.forEach((g, i) => {
    hh[i] = graph.households[g]!;
    pp[i] = graph.persons[g]!;
    area[i] = graph.areas[g]!;
  });
  for (const e of edges) {
    deg[e.a]! += e.w;
    deg[e.b]! += e.w;
    let a = e.a;
    let b = e.b;
    while (depth[a]! > depth[b]!) a = parent[a]!;
    while (depth[b]! > depth[a]!) b = parent[b]!;
    while (a !== b) {
      a = parent[a]!;
      b = parent[b]!;
    }
    internal[a]! += e.w;
  }
  for (let q = n - 1; q > 0; q--) {
    const v = order[q]!;
    const p = parent[v]!;
    hh[p]! += hh[v]!;
    pp[p]! += pp[v]!;
    area[p]! += area[v]!;
    deg[p]! += deg[v]!;
    internal[p]! += internal[v]!;
  }
  const H = hh[root]!;
  const P = pp[root]!;
  const scale = Math.sqrt(Math.max(area[root]!, 1));
  let best: { v: number; k1: number; cost: number } | null = null;
  for (let q = 1; q < n; q++) {
    const v = order[q]!;
    const h1 = hh[v]!;
    const p1 = pp[v]!;
    if (H > 0 && (h1 <= 0 || h1 >= H)) continue;
    const cutLength = deg[v]! - 2 * internal[v]!;
    for (const k1 of splits) {
      const k2 = k - k1;
      if (!fitsIn(h1, p1, k1, profile) || !fitsIn(H - h1, P - p1, k2, profile)) continue;
      const balance = Math.max(loadPer(h1, p1, k1, profile), loadPer(H - h1, P - p1, k2, profile));
      const cost = balance + (cutWeight * cutLength) / scale;
      if (!best || cost < best.cost) best = { v, k1, cost };
    }
  }
  if (!best) return null;
  // The side is the subtree under best.v.
  const inSide = new Uint8Array(n);
  const bv = best.v;
  for (const v of order) {
    if (v === bv) inSide[v] = 1;
    else if (v !== root && inSide[parent[v]!]) inSide[v] = 1;
  }
  const side: number[] = [];
  const rest: number[] = [];
  nodes.forEach((g, i) => (inSide[i] ? side : rest).push(g));
  return { side, rest, k1: best.k1, k2: k - best.k1, cost: best.cost };
}
