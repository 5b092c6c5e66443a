/**
 * The cheapest way for a grid over the rule to shed boundary units to its neighbours: the
 * set of its units that touch a neighbouring grid with the fewest households whose removal
 * brings it within the rule, such that what stays is one piece and every unit lands in a
 * touching neighbour that stays within the rule. Subsets are tried in order of households
 * (exhaustively over the smallest boundary units), so the smallest units move first.
 */
import { gridLoad, type RuleProfile } from '../rule-profile.js';
import type { UnitGraph } from './tree-partition.js';

export interface ShedInput {
  graph: UnitGraph;
  /** Units of the grid over the rule. */
  members: readonly number[];
  /** Grids that may take unit `u` (neighbouring grids it touches, not locked). */
  receivers: (u: number) => readonly number[];
  /** Current totals of a receiving grid. */
  totals: (grid: number) => { households: number; persons: number };
  profile: Readonly<RuleProfile>;
}

/** Boundary units enumerated exhaustively (2^n subsets). */
const MAX_CANDIDATES = 14;
/** Subsets (cheapest first) checked for connectivity and room before giving up. */
const MAX_CHECKS = 400;

/** Unit → receiving grid, or null when no subset of boundary units works. */
export function cheapestShed(input: ShedInput): Map<number, number> | null {
  const { graph, members, profile } = input;
  const H = members.reduce((s, u) => s + graph.households[u]!, 0);
  const P = members.reduce((s, u) => s + graph.persons[u]!, 0);
  const candidates = members
    .filter((u) => input.receivers(u).length > 0)
    .sort((a, b) => graph.households[a]! - graph.households[b]! || a - b)
    .slice(0, MAX_CANDIDATES);
  const n = candidates.length;
  if (n === 0) return null;
  const size = 1 << n;
  const hh = new Float64Array(size);
  const pp = new Float64Array(size);
  const fits: number[] = [];
  for (let mask = 1; mask < size; mask++) {
    const low = mask & -mask;
    const bit = 31 - Math.clz32(low);
    const u = candidates[bit]!;
    hh[mask] = hh[mask ^ low]! + graph.households[u]!;
    pp[mask] = pp[mask ^ low]! + graph.persons[u]!;
    if (mask === size - 1 && n === members.length) continue;
    if (gridLoad({ households: H - hh[mask]!, persons: P - pp[mask]! }, profile).status !== 'over') fits.push(mask);
  }
  fits.sort((a, b) => hh[a]! - hh[b]! || pp[a]! - pp[b]! || a - b);
  const memberSet = new Set(members);
  for (const mask of fits.slice(0, MAX_CHECKS)) {
    const shed = candidates.filter((_, i) => mask & (1 << i));
    const assignment = assign(input, shed);
    if (assignment && connectedRest(graph, memberSet, new Set(shed))) return assignment;
  }
  return null;
}

/** Each shed unit to the touching grid with most room left, biggest units first. */
function assign(input: ShedInput, shed: readonly number[]): Map<number, number> | null {
  const { graph, profile } = input;
  const added = new Map<number, { households: number; persons: number }>();
  const out = new Map<number, number>();
  for (const u of [...shed].sort((a, b) => graph.households[b]! - graph.households[a]! || a - b)) {
    let best = -1;
    let bestLoad = Infinity;
    for (const h of input.receivers(u)) {
      const t = input.totals(h);
      const a = added.get(h) ?? { households: 0, persons: 0 };
      const load = gridLoad(
        { households: t.households + a.households + graph.households[u]!, persons: t.persons + a.persons + graph.persons[u]! },
        profile,
      );
      if (load.status !== 'over' && load.load < bestLoad) {
        bestLoad = load.load;
        best = h;
      }
    }
    if (best < 0) return null;
    const a = added.get(best) ?? { households: 0, persons: 0 };
    added.set(best, { households: a.households + graph.households[u]!, persons: a.persons + graph.persons[u]! });
    out.set(u, best);
  }
  return out;
}

function connectedRest(graph: UnitGraph, members: ReadonlySet<number>, shed: ReadonlySet<number>): boolean {
  let start = -1;
  for (const m of members) {
    if (!shed.has(m)) {
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
      if (seen.has(w) || shed.has(w) || !members.has(w)) continue;
      seen.add(w);
      stack.push(w);
    }
  }
  return seen.size === members.size - shed.size;
}
