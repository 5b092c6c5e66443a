/**
 * Repair of grids over the rule by ejection chains: a grid over the rule hands a boundary
 * unit to a neighbouring grid that is nearer (in steps across the grid adjacency graph) to
 * a grid with room, so excess flows downhill until grids with room absorb it. Moves that
 * lower the total excess are always taken; a short tabu list stops units swinging back and
 * forth on a plateau. Every grid stays one connected piece. Used to drop a grid from a tree
 * partition that needed one more than the lower bound (dissolve it, then repair).
 */
import type { Random } from '../random.js';
import type { RuleProfile } from '../rule-profile.js';
import { connectedWithout } from './compactness-search.js';
import { throwIfAborted, type EngineRunOptions } from './engine-progress.js';
import type { UnitGraph } from './tree-partition.js';

/** How far a grid is over the rule, in caps (0 within the rule). */
export function excessOf(households: number, persons: number, profile: Readonly<RuleProfile>): number {
  const h = Math.max(0, households / profile.maxHouseholds - 1);
  const p = Math.max(0, persons / profile.maxPersons - 1);
  return profile.combine === 'any' ? Math.min(h, p) : h + p;
}

/** Room left in a grid, in caps (≤ 0 when full or over). */
function roomOf(households: number, persons: number, profile: Readonly<RuleProfile>): number {
  const h = 1 - households / profile.maxHouseholds;
  const p = 1 - persons / profile.maxPersons;
  return profile.combine === 'any' ? Math.max(h, p) : Math.min(h, p);
}

export interface RepairOptions {
  maxSteps?: number;
  /** Steps without a fall in the total excess before giving up. */
  patience?: number;
  /** Grids that neither give nor take units. */
  fixed?: ReadonlySet<number>;
  run?: EngineRunOptions;
}

/**
 * Moves units between the grids of `parts` (unit index lists, changed in place) until no
 * grid is over the rule. Returns false, leaving `parts` as they were, when it cannot.
 */
export function repairOverload(
  graph: UnitGraph,
  parts: number[][],
  profile: Readonly<RuleProfile>,
  rng: Random,
  options: RepairOptions = {},
): boolean {
  const fixed = options.fixed ?? new Set<number>();
  const owner = new Map<number, number>();
  const members = parts.map((p) => new Set(p));
  parts.forEach((p, gi) => p.forEach((u) => owner.set(u, gi)));
  const hh = parts.map((p) => p.reduce((s, u) => s + graph.households[u]!, 0));
  const pp = parts.map((p) => p.reduce((s, u) => s + graph.persons[u]!, 0));
  const excess = (g: number): number => excessOf(hh[g]!, pp[g]!, profile);
  const maxSteps = options.maxSteps ?? 60 * parts.length;
  // Give up when the total excess has not fallen for this many steps.
  const patience = options.patience ?? 40 + 8 * parts.length;
  const tabuUntil = new Map<number, number>();
  // Unit-to-unit links between grids, kept up to date as units move.
  const touch = parts.map(() => new Map<number, number>());
  const link = (a: number, b: number, by: number): void => {
    if (a === b) return;
    touch[a]!.set(b, (touch[a]!.get(b) ?? 0) + by);
    touch[b]!.set(a, (touch[b]!.get(a) ?? 0) + by);
  };
  for (const [u, g] of owner) {
    for (const w of graph.adjacency[u]!.keys()) {
      const h = owner.get(w);
      if (h !== undefined && u < w) link(g, h, 1);
    }
  }
  let bestTotal = Infinity;
  let lastGain = 0;

  for (let step = 0; step < maxSteps; step++) {
    if (step % 32 === 0) throwIfAborted(options.run);
    const overs = parts.map((_, g) => g).filter((g) => !fixed.has(g) && excess(g) > 0);
    const total = overs.reduce((s, g) => s + excess(g), 0);
    if (total < bestTotal - 1e-9) {
      bestTotal = total;
      lastGain = step;
    } else if (step - lastGain > patience) return false;
    if (overs.length === 0) {
      parts.forEach((p, gi) => {
        p.length = 0;
        p.push(...[...members[gi]!].sort((a, b) => a - b));
      });
      return true;
    }
    // Steps from each grid to the nearest grid with room.
    const dist = new Float64Array(parts.length).fill(Infinity);
    const queue: number[] = [];
    parts.forEach((_, g) => {
      if (!fixed.has(g) && roomOf(hh[g]!, pp[g]!, profile) > 0) {
        dist[g] = 0;
        queue.push(g);
      }
    });
    for (let q = 0; q < queue.length; q++) {
      const g = queue[q]!;
      for (const [h, links] of touch[g]!) {
        if (links <= 0 || fixed.has(h) || dist[h]! <= dist[g]! + 1) continue;
        dist[h] = dist[g]! + 1;
        queue.push(h);
      }
    }
    overs.sort((a, b) => excess(b) - excess(a) || a - b);
    const g = rng.chance(0.8) ? overs[0]! : rng.pick(overs);
    const before = excess(g);
    let best: { u: number; h: number; score: number } | null = null;
    let fallback: { u: number; h: number; score: number } | null = null;
    for (const u of members[g]!) {
      if ((tabuUntil.get(u) ?? -1) > step) continue;
      const hu = graph.households[u]!;
      const pu = graph.persons[u]!;
      const targets = new Set<number>();
      for (const w of graph.adjacency[u]!.keys()) {
        const h = owner.get(w);
        if (h !== undefined && h !== g && !fixed.has(h)) targets.add(h);
      }
      for (const h of targets) {
        const delta = excessOf(hh[g]! - hu, pp[g]! - pu, profile) + excessOf(hh[h]! + hu, pp[h]! + pu, profile) - before - excess(h);
        const score = delta + 1e-3 * Math.min(dist[h]!, 1e3) + 1e-6 * rng.next();
        const downhill = delta < -1e-9 || dist[h]! < dist[g]!;
        if (downhill && (!best || score < best.score)) best = { u, h, score };
        if (!fallback || score < fallback.score) fallback = { u, h, score };
      }
    }
    // Check connectivity only for the chosen move (it is the costly part).
    let pick = best ?? fallback;
    if (pick && (members[g]!.size <= 1 || !connectedWithout(graph, members[g]!, pick.u))) {
      tabuUntil.set(pick.u, step + 3);
      pick = null;
    }
    if (!pick) continue;
    const { u, h } = pick;
    for (const w of graph.adjacency[u]!.keys()) {
      const o = owner.get(w);
      if (o === undefined) continue;
      link(g, o, -1);
      link(h, o, 1);
    }
    members[g]!.delete(u);
    members[h]!.add(u);
    owner.set(u, h);
    hh[g]! -= graph.households[u]!;
    pp[g]! -= graph.persons[u]!;
    hh[h]! += graph.households[u]!;
    pp[h]! += graph.persons[u]!;
    tabuUntil.set(u, step + 5 + rng.int(0, 4));
  }
  return false;
}

/**
 * Spreads the units of grid `gi` over the grids around it (each unit to the touching grid
 * with most room, working inwards from the edge) and removes it from `parts`. False when
 * some unit touches no other grid (then `gi` keeps those units).
 */
export function dissolveGrid(graph: UnitGraph, parts: number[][], gi: number, profile: Readonly<RuleProfile>): boolean {
  const owner = new Map<number, number>();
  parts.forEach((p, g) => p.forEach((u) => owner.set(u, g)));
  const hh = parts.map((p) => p.reduce((s, u) => s + graph.households[u]!, 0));
  const pp = parts.map((p) => p.reduce((s, u) => s + graph.persons[u]!, 0));
  let left = parts[gi]!.slice();
  for (let progress = true; left.length > 0 && progress;) {
    progress = false;
    const next: number[] = [];
    for (const u of left) {
      let best = -1;
      let bestRoom = -Infinity;
      for (const w of graph.adjacency[u]!.keys()) {
        const h = owner.get(w);
        if (h === undefined || h === gi) continue;
        const room = roomOf(hh[h]! + graph.households[u]!, pp[h]! + graph.persons[u]!, profile);
        if (room > bestRoom) {
          bestRoom = room;
          best = h;
        }
      }
      if (best < 0) {
        next.push(u);
        continue;
      }
      owner.set(u, best);
      parts[best]!.push(u);
      hh[best]! += graph.households[u]!;
      pp[best]! += graph.persons[u]!;
      progress = true;
    }
    left = next;
  }
  parts[gi] = left;
  if (left.length > 0) return false;
  parts.splice(gi, 1);
  return true;
}
