/**
 * Local search after the tree partition: a unit on the boundary between two grids moves to
 * the neighbouring grid when that raises the sum of the two grids' Polsby-Popper scores,
 * the receiving grid stays within the rule and the giving grid stays one connected piece.
 * Perimeters come from unit perimeters minus twice the shared edges, so a move costs only
 * the unit's neighbourhood.
 */
import { polsbyPopper } from '../plan/grid-metrics.js';
import type { RuleProfile } from '../rule-profile.js';
import { fitsIn, type UnitGraph } from './tree-partition.js';

export interface SearchGraph extends UnitGraph {
  /** Perimeter of each unit, metres. */
  perimeters: readonly number[];
}

/** Whether the members of a grid other than `without` are still connected. */
export function connectedWithout(graph: UnitGraph, members: ReadonlySet<number>, without: number): boolean {
  let start = -1;
  for (const m of members) {
    if (m !== without) {
      start = m;
      break;
    }
  }
  if (start < 0) return false;
  const seen = new Set([start]);
  const stack = [start];
  while (stack.length > 0) {
    const v = stack.pop()!;
    for (const w of graph.adjacency[v]!.keys()) {
      if (w === without || seen.has(w) || !members.has(w)) continue;
      seen.add(w);
      stack.push(w);
    }
  }
  return seen.size === members.size - 1;
}

/**
 * Improves `parts` (lists of unit indices) in place; grids listed in `fixed` never change.
 * Returns the number of moves made.
 */
export function improveCompactness(
  graph: SearchGraph,
  parts: number[][],
  profile: Readonly<RuleProfile>,
  fixed: ReadonlySet<number> = new Set(),
  maxPasses = 4,
): number {
  const owner = new Map<number, number>();
  const members = parts.map((p) => new Set(p));
  parts.forEach((p, gi) => p.forEach((u) => owner.set(u, gi)));
  const hh = parts.map((p) => p.reduce((s, u) => s + graph.households[u]!, 0));
  const pp = parts.map((p) => p.reduce((s, u) => s + graph.persons[u]!, 0));
  const area = parts.map((p) => p.reduce((s, u) => s + graph.areas[u]!, 0));
  const perim = parts.map((p, gi) => {
    let total = 0;
    for (const u of p) {
      total += graph.perimeters[u]!;
      for (const [w, len] of graph.adjacency[u]!) if (owner.get(w) === gi) total -= len;
    }
    return total;
  });
  const sharedWith = (u: number, gi: number): number => {
    let s = 0;
    for (const [w, len] of graph.adjacency[u]!) if (owner.get(w) === gi) s += len;
    return s;
  };
  let moves = 0;
  for (let pass = 0; pass < maxPasses; pass++) {
    let moved = 0;
    const order = [...owner.keys()].sort((a, b) => a - b);
    for (const u of order) {
      const g = owner.get(u)!;
      if (fixed.has(g) || members[g]!.size <= 1) continue;
      const targets = new Set<number>();
      for (const w of graph.adjacency[u]!.keys()) {
        const h = owner.get(w);
        if (h !== undefined && h !== g && !fixed.has(h)) targets.add(h);
      }
      if (targets.size === 0) continue;
      const hu = graph.households[u]!;
      const pu = graph.persons[u]!;
      // Keep some households in the giving grid.
      if (hh[g]! > 0 && hh[g]! - hu <= 0) continue;
      const toG = sharedWith(u, g);
      const gPerimAfter = perim[g]! - graph.perimeters[u]! + 2 * toG;
      const gAreaAfter = area[g]! - graph.areas[u]!;
      const before = (h: number): number => polsbyPopper(area[g]!, perim[g]!) + polsbyPopper(area[h]!, perim[h]!);
      let best = -1;
      let bestGain = 1e-4;
      let bestPerim = 0;
      for (const h of [...targets].sort((a, b) => a - b)) {
        if (!fitsIn(hh[h]! + hu, pp[h]! + pu, 1, profile)) continue;
        const hPerimAfter = perim[h]! + graph.perimeters[u]! - 2 * sharedWith(u, h);
        const gain = polsbyPopper(gAreaAfter, gPerimAfter) + polsbyPopper(area[h]! + graph.areas[u]!, hPerimAfter) - before(h);
        if (gain > bestGain) {
          bestGain = gain;
          best = h;
          bestPerim = hPerimAfter;
        }
      }
      if (best < 0 || !connectedWithout(graph, members[g]!, u)) continue;
      members[g]!.delete(u);
      members[best]!.add(u);
      owner.set(u, best);
      hh[g]! -= hu;
      pp[g]! -= pu;
      area[g] = gAreaAfter;
      perim[g] = gPerimAfter;
      hh[best]! += hu;
      pp[best]! += pu;
      area[best]! += graph.areas[u]!;
      perim[best] = bestPerim;
      moved++;
    }
    moves += moved;
    if (moved === 0) break;
  }
  parts.forEach((p, gi) => {
    p.length = 0;
    p.push(...[...members[gi]!].sort((a, b) => a - b));
  });
  return moves;
}
