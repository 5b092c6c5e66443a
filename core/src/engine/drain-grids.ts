/**
 * Fewer grids by draining light grids into their neighbours: a hill climb on the sum of the
 * squared grid loads (the objective of bin-packing local searches, which rewards a full grid
 * beside an emptying one over two half-full ones). A unit on the edge of a light grid moves
 * to the fullest touching grid it still fits in, when the giving grid is lighter than the
 * taking one and stays one connected piece; a grid whose last unit leaves is gone. Moves only
 * ever raise the objective, so the climb ends; compactness is restored afterwards by
 * compactness-search.ts.
 */
import type { RuleProfile } from '../rule-profile.js';
import { connectedWithout } from './compactness-search.js';
import { throwIfAborted, type EngineRunOptions } from './engine-progress.js';
import { capLoad } from './merge-resplit.js';
import { fitsIn, type UnitGraph } from './tree-partition.js';

export interface DrainOptions {
  /** Indices of grids (into `parts`) that neither give nor take units. */
  fixed?: ReadonlySet<number>;
  /** Passes over the grids at most (default 6). */
  maxPasses?: number;
  run?: EngineRunOptions;
}

/**
 * Drains light grids of `parts` (unit index lists, changed in place; emptied grids removed).
 * Returns how many grids were emptied.
 *
 * @example
 * const dropped = drainGrids(graph, parts, profile, { fixed: exceptionGrids });
 */
export function drainGrids(graph: UnitGraph, parts: number[][], profile: Readonly<RuleProfile>, options: DrainOptions = {}): number {
  const fixed = options.fixed ?? new Set<number>();
  const maxPasses = options.maxPasses ?? 6;
  const owner = new Int32Array(graph.households.length).fill(-1);
  const members = parts.map((p) => new Set(p));
  parts.forEach((p, g) => p.forEach((u) => (owner[u] = g)));
  const hh = parts.map((p) => p.reduce((s, u) => s + graph.households[u]!, 0));
  const pp = parts.map((p) => p.reduce((s, u) => s + graph.persons[u]!, 0));
  const load = (g: number): number => capLoad(hh[g]!, pp[g]!, profile);
  let emptied = 0;
  for (let pass = 0; pass < maxPasses; pass++) {
    throwIfAborted(options.run);
    let moved = 0;
    const order = parts.map((_, g) => g).filter((g) => !fixed.has(g) && members[g]!.size > 0);
    order.sort((a, b) => load(a) - load(b) || a - b);
    for (const g of order) {
      // Drain g as far as it goes: edge units first, then the units the emptying edge exposes.
      for (let progress = true; progress && members[g]!.size > 0;) {
        progress = false;
        const units = [...members[g]!].sort(
          (a, b) => graph.households[a]! + graph.persons[a]! - graph.households[b]! - graph.persons[b]! || a - b,
        );
        for (const u of units) {
          let best = -1;
          let bestLoad = -Infinity;
          for (const w of graph.adjacency[u]!.keys()) {
            const h = owner[w]!;
            if (h < 0 || h === g || fixed.has(h)) continue;
            const after = capLoad(hh[h]! + graph.households[u]!, pp[h]! + graph.persons[u]!, profile);
            if (!fitsIn(hh[h]! + graph.households[u]!, pp[h]! + graph.persons[u]!, 1, profile)) continue;
            if (after > bestLoad || (after === bestLoad && h < best)) {
              bestLoad = after;
              best = h;
            }
          }
          if (best < 0) continue;
          // Σ load² rises when the taker (before the move) is at least as full as the giver after it.
          const giverAfter = capLoad(hh[g]! - graph.households[u]!, pp[g]! - graph.persons[u]!, profile);
          if (load(best) < giverAfter) continue;
          if (members[g]!.size > 1 && !connectedWithout(graph, members[g]!, u)) continue;
          members[g]!.delete(u);
          members[best]!.add(u);
          owner[u] = best;
          hh[g]! -= graph.households[u]!;
          pp[g]! -= graph.persons[u]!;
          hh[best]! += graph.households[u]!;
          pp[best]! += graph.persons[u]!;
          moved++;
          progress = true;
          if (members[g]!.size === 0) emptied++;
        }
      }
    }
    if (moved === 0) break;
  }
  const kept: number[][] = [];
  members.forEach((m, g) => {
    if (m.size > 0 || fixed.has(g)) kept.push([...m].sort((a, b) => a - b));
  });
  parts.splice(0, parts.length, ...kept);
  return emptied;
}
