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
export function treePartition(
  graph: UnitGraph,
  nodes: readonly number[],
  k: number,
  profile: Readonly<RuleProfile>,
  rng: Random,
  stats: PartitionStats,
): number[][] {
  return split(graph, nodes, k, profile, rng, stats, false)!;
}

/**
 * Like {@link treePartition} but gives up (null) instead of adding a grid, so a caller can
 * retry from the top with another seed or one more grid; at most `limits.maxTrees` trees are drawn per cut.
 */
export function strictTreePartition(
  graph: UnitGraph,
  nodes: readonly number[],
  k: number,
  profile: Readonly<RuleProfile>,
  rng: Random,
  stats: PartitionStats,
  limits: SplitLimits = {},
): number[][] | null {
  return split(graph, nodes, k, profile, rng, stats, true, limits);
}

function split(
  graph: UnitGraph,
  nodes: readonly number[],
  k: number,
  profile: Readonly<RuleProfile>,
  rng: Random,
  stats: PartitionStats,
  strict: boolean,
  limits: SplitLimits = {},
): number[][] | null {
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

function bestCut(
  graph: UnitGraph,
  nodes: readonly number[],
  k: number,
  profile: Readonly<RuleProfile>,
  rng: Random,
  stats: PartitionStats,
  balanced: boolean,
  limits: SplitLimits = {},
): Cut | null {
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

/**
 * Scratch arrays of a tree cut, kept between calls: trees are drawn thousands of times on a
 * community, and per-edge objects, a Map of positions and a sort with a comparator were most
 * of the engine's time (and of its garbage). `local` is -1 outside the current `nodes`.
 */
let local = new Int32Array(0);
let edgeA = new Int32Array(0);
let edgeB = new Int32Array(0);
let edgeW = new Float64Array(0);
let edgeKey = new Float64Array(0);

/** Edge indices below this fit beside a 32-bit random draw in one exactly representable double. */
const INDEX_SPAN = 2 ** 21;

function reserveEdges(m: number): void {
  if (edgeA.length >= m) return;
  const size = Math.max(m, 2 * edgeA.length, 1024);
  const grow = <T extends Int32Array | Float64Array>(old: T, make: (n: number) => T): T => {
    const next = make(size);
    next.set(old);
    return next;
  };
  edgeA = grow(edgeA, (k) => new Int32Array(k));
  edgeB = grow(edgeB, (k) => new Int32Array(k));
  edgeW = grow(edgeW, (k) => new Float64Array(k));
  edgeKey = grow(edgeKey, (k) => new Float64Array(k));
}

/**
 * Edge indices (into edgeA/B/W) in ascending order of their random draws `r` (draws × 2³² are
 * integers), ties by index — the order a stable sort by `r` gives. Packed into one double per
 * edge and sorted natively.
 */
function edgesByDraw(draws: Float64Array, m: number): Int32Array {
  const out = new Int32Array(m);
  if (m < INDEX_SPAN) {
    const keys = edgeKey.subarray(0, m);
    for (let i = 0; i < m; i++) keys[i] = draws[i]! * 4294967296 * INDEX_SPAN + i;
    keys.sort();
    for (let i = 0; i < m; i++) out[i] = keys[i]! % INDEX_SPAN;
    return out;
  }
  const idx = Array.from({ length: m }, (_, i) => i).sort((p, q) => draws[p]! - draws[q]! || p - q);
  out.set(idx);
  return out;
}

/**
 * The lowest common ancestor in the tree of each edge's two ends, for the edges in `sorted`
 * order (Tarjan's offline algorithm: one depth-first walk with a union-find, instead of
 * climbing from both ends of every edge, which cost the depth of the tree per edge). The tree
 * is given as children lists in CSR form (`start`, `child`); `root` first.
 */
function lowestCommonAncestors(sorted: Int32Array, n: number, root: number, start: Int32Array, child: Int32Array): Int32Array {
  const m = sorted.length;
  const out = new Int32Array(m);
  // Queries by end: both ends ask; the one finished second answers.
  const head = new Int32Array(n).fill(-1);
  const next = new Int32Array(2 * m);
  for (let s = 0; s < m; s++) {
    const e = sorted[s]!;
    const a = edgeA[e]!;
    const b = edgeB[e]!;
    next[2 * s] = head[a]!;
    head[a] = 2 * s;
    next[2 * s + 1] = head[b]!;
    head[b] = 2 * s + 1;
  }
  const uf = new Int32Array(n);
  for (let i = 0; i < n; i++) uf[i] = i;
  const ancestor = new Int32Array(n);
  const done = new Uint8Array(n);
  const cursor = start.slice(0, n);
  const stack = new Int32Array(n);
  let top = 0;
  stack[top++] = root;
  ancestor[root] = root;
  while (top > 0) {
    const v = stack[top - 1]!;
    if (cursor[v]! < start[v + 1]!) {
      const w = child[cursor[v]!++]!;
      ancestor[w] = w;
      stack[top++] = w;
      continue;
    }
    top--;
    done[v] = 1;
    for (let q = head[v]!; q >= 0; q = next[q]!) {
      const e = sorted[q >> 1]!;
      const other = edgeA[e] === v ? edgeB[e]! : edgeA[e]!;
      if (done[other]) out[q >> 1] = ancestor[find(uf, other)]!;
    }
    if (top > 0) {
      const p = stack[top - 1]!;
      const rv = find(uf, v);
      const rp = find(uf, p);
      uf[rv] = rp;
      ancestor[rp] = p;
    }
  }
  return out;
}

/** A unit graph's adjacency as flat arrays (each unit's neighbours in its Map's order), built once per graph. */
interface FlatAdjacency {
  start: Int32Array;
  to: Int32Array;
  w: Float64Array;
}
const flatOf = new WeakMap<readonly Map<number, number>[], FlatAdjacency>();
function flatAdjacency(adjacency: readonly Map<number, number>[]): FlatAdjacency {
  const known = flatOf.get(adjacency);
  if (known) return known;
  const start = new Int32Array(adjacency.length + 1);
  adjacency.forEach((m, i) => (start[i + 1] = start[i]! + m.size));
  const to = new Int32Array(start[adjacency.length]!);
  const w = new Float64Array(to.length);
  adjacency.forEach((m, i) => {
    let x = start[i]!;
    m.forEach((len, h) => {
      to[x] = h;
      w[x++] = len;
    });
  });
  const flat = { start, to, w };
  flatOf.set(adjacency, flat);
  return flat;
}

/** One random spanning tree and its best fitting edge cut, or null. */
function treeCut(
  graph: UnitGraph,
  nodes: readonly number[],
  k: number,
  splits: readonly number[],
  profile: Readonly<RuleProfile>,
  rng: Random,
  cutWeight: number,
): Cut | null {
  const n = nodes.length;
  if (local.length < graph.adjacency.length) local = new Int32Array(graph.adjacency.length).fill(-1);
  for (let i = 0; i < n; i++) local[nodes[i]!] = i;
  const adj = flatAdjacency(graph.adjacency);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const g = nodes[i]!;
    for (let x = adj.start[g]!; x < adj.start[g + 1]!; x++) {
      const j = local[adj.to[x]!]!;
      if (j <= i) continue;
      reserveEdges(m + 1);
      edgeA[m] = i;
      edgeB[m] = j;
      edgeW[m] = adj.w[x]!;
      // The draw goes where the sort key will be built from it.
      edgeKey[m] = rng.next();
      m++;
    }
  }
  for (let i = 0; i < n; i++) local[nodes[i]!] = -1;
  // Kruskal on random weights: a random spanning tree.
  const sorted = edgesByDraw(edgeKey.slice(0, m), m);
  const uf = new Int32Array(n);
  for (let i = 0; i < n; i++) uf[i] = i;
  // Tree edges in the order Kruskal takes them; each node's tree neighbours keep that order.
  const treeEdges = new Int32Array(Math.max(0, n - 1));
  const treeDegree = new Int32Array(n + 1);
  let joined = 0;
  for (let s = 0; s < m && joined < n - 1; s++) {
    const e = sorted[s]!;
    const ra = find(uf, edgeA[e]!);
    const rb = find(uf, edgeB[e]!);
    if (ra === rb) continue;
    uf[ra] = rb;
    treeEdges[joined++] = e;
    treeDegree[edgeA[e]!]!++;
    treeDegree[edgeB[e]!]!++;
  }
  if (joined !== n - 1) return null;
  const nbStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) nbStart[i + 1] = nbStart[i]! + treeDegree[i]!;
  const fill = nbStart.slice(0, n);
  const nb = new Int32Array(2 * (n - 1));
  for (let t = 0; t < joined; t++) {
    const e = treeEdges[t]!;
    nb[fill[edgeA[e]!]!++] = edgeB[e]!;
    nb[fill[edgeB[e]!]!++] = edgeA[e]!;
  }
  // Root at a random node; BFS order and parents; children in CSR form for the LCA walk.
  const root = rng.int(0, n - 1);
  const parent = new Int32Array(n).fill(-1);
  const order = new Int32Array(n);
  let size = 1;
  order[0] = root;
  parent[root] = root;
  for (let q = 0; q < size; q++) {
    const v = order[q]!;
    for (let x = nbStart[v]!; x < nbStart[v + 1]!; x++) {
      const w = nb[x]!;
      if (parent[w] !== -1) continue;
      parent[w] = v;
      order[size++] = w;
    }
  }
  const childStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) if (i !== root) childStart[parent[i]! + 1]!++;
  for (let i = 0; i < n; i++) childStart[i + 1]! += childStart[i]!;
  const childFill = childStart.slice(0, n);
  const children = new Int32Array(Math.max(0, n - 1));
  for (let q = 1; q < n; q++) {
    const v = order[q]!;
    children[childFill[parent[v]!]!++] = v;
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
  const lca = lowestCommonAncestors(sorted, n, root, childStart, children);
  // In the order of the draws, as the edges were summed before (the same floating-point sums).
  for (let s = 0; s < m; s++) {
    const e = sorted[s]!;
    const w = edgeW[e]!;
    deg[edgeA[e]!]! += w;
    deg[edgeB[e]!]! += w;
    internal[lca[s]!]! += w;
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
