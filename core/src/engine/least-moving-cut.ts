/**
 * The split of a set of units into two grids within the rule that leaves the most
 * households where they were (side A keeps the units `inA` says are A's): the best cut of
 * several random spanning trees, drawn to prefer edges inside the old grids so that cuts
 * follow the old boundary. Used by rebalance to re-split a grid with a neighbour, or alone.
 */
import type { Random } from '../random.js';
import type { RuleProfile } from '../rule-profile.js';
import { fitsIn, type UnitGraph } from './tree-partition.js';

const RESPLIT_TREES = 60;

/**
 * The spanning-tree cut of `nodes` into two grids within the rule that moves the fewest
 * households: side A keeps `inA` units, side B the others. Best of several random trees.
 */
export function leastMovingCut(
  graph: UnitGraph,
  nodes: readonly number[],
  inA: (u: number) => boolean,
  profile: Readonly<RuleProfile>,
  rng: Random,
): { side: number[]; rest: number[]; moved: number } | null {
  const n = nodes.length;
  const local = new Map(nodes.map((g, i) => [g, i]));
  const edges: { a: number; b: number }[] = [];
  nodes.forEach((g, i) => {
    for (const h of graph.adjacency[g]!.keys()) {
      const j = local.get(h);
      if (j !== undefined && i < j) edges.push({ a: i, b: j });
    }
  });
  let best: { side: number[]; rest: number[]; moved: number } | null = null;
  for (let t = 0; t < RESPLIT_TREES; t++) {
    // Random tree that prefers edges inside the old grids, so cuts follow the old boundary.
    const weighted = edges.map((e) => ({ ...e, r: rng.next() + (inA(nodes[e.a]!) === inA(nodes[e.b]!) ? 0 : 0.5) }));
    weighted.sort((p, q) => p.r - q.r);
    const uf = Int32Array.from({ length: n }, (_, i) => i);
    const find = (x: number): number => {
      while (uf[x] !== x) x = uf[x] = uf[uf[x]!]!;
      return x;
    };
    const tree: number[][] = Array.from({ length: n }, () => []);
    let joined = 0;
    for (const e of weighted) {
      const ra = find(e.a);
      const rb = find(e.b);
      if (ra === rb) continue;
      uf[ra] = rb;
      tree[e.a]!.push(e.b);
      tree[e.b]!.push(e.a);
      joined++;
    }
    if (joined !== n - 1) return null;
    const parent = new Int32Array(n).fill(-1);
    const order = [0];
    parent[0] = 0;
    for (let q = 0; q < order.length; q++) {
      for (const w of tree[order[q]!]!) {
        if (parent[w] !== -1) continue;
        parent[w] = order[q]!;
        order.push(w);
      }
    }
    const hh = new Float64Array(n);
    const pp = new Float64Array(n);
    const hhA = new Float64Array(n);
    nodes.forEach((g, i) => {
      hh[i] = graph.households[g]!;
      pp[i] = graph.persons[g]!;
      hhA[i] = inA(g) ? graph.households[g]! : 0;
    });
    for (let q = n - 1; q > 0; q--) {
      const v = order[q]!;
      hh[parent[v]!]! += hh[v]!;
      pp[parent[v]!]! += pp[v]!;
      hhA[parent[v]!]! += hhA[v]!;
    }
    const H = hh[0]!;
    const P = pp[0]!;
    const A = hhA[0]!;
    for (let q = 1; q < n; q++) {
      const v = order[q]!;
      if (!fitsIn(hh[v]!, pp[v]!, 1, profile) || !fitsIn(H - hh[v]!, P - pp[v]!, 1, profile)) continue;
      // Subtree as A: moved = B-households inside it + A-households outside it; or the reverse.
      const inside = hhA[v]!;
      const asA = hh[v]! - inside + (A - inside);
      const asB = inside + (H - hh[v]! - (A - inside));
      const moved = Math.min(asA, asB);
      if (best && moved >= best.moved) continue;
      const mark = new Uint8Array(n);
      for (const x of order) if (x === v || (x !== 0 && mark[parent[x]!])) mark[x] = 1;
      const sub: number[] = [];
      const rest: number[] = [];
      nodes.forEach((g, i) => (mark[i] ? sub : rest).push(g));
      best = asA <= asB ? { side: sub, rest, moved } : { side: rest, rest: sub, moved };
    }
  }
  return best;
}
