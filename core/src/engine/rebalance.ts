/**
 * Minimal-disruption rebalancing (动态调整): after households change, only grids over the
 * rule and their neighbours are touched. For each grid over the rule, in order of load (most
 * loaded first, and again least loaded first, keeping the run that moves fewer households):
 * (1) move boundary units to neighbours with room (fewest households that bring it back
 * within the rule); else (2) merge it with one neighbour and re-split the pair in two along
 * a random spanning-tree cut that keeps the most households where they were; else (3)
 * split it alone into as many grids as it needs. Every other grid is returned as the same
 * object. Degrees `[lng, lat]`; households and persons are counts.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import type { UnitKind } from '../plan/plan.types.js';
import { createRandom, type Random } from '../random.js';
import { gridLoad, type RuleProfile } from '../rule-profile.js';
import { cheapestShed } from './boundary-shed.js';
import { connectedWithout } from './compactness-search.js';
import { gridsNeeded, gridsOf, searchGraph } from './delineate.js';
import { checkpoint, type EngineRunOptions } from './engine-progress.js';
import type { EngineException, EngineUnit } from './engine.types.js';
import { unitKindField, unitLabel } from './unit-label.js';
import { leastMovingCut } from './least-moving-cut.js';
import { fitsIn, strictTreePartition, treePartition, type PartitionStats } from './tree-partition.js';
import { polygonAdjacency } from './unit-graph.js';

export interface RebalanceGridInput {
  code: string;
  /** A MultiPolygon when a unit of the grid has islands. */
  geometry: Polygon | MultiPolygon;
  unitIds: readonly string[];
}

export interface RebalanceInput extends EngineRunOptions {
  plan: readonly RebalanceGridInput[];
  /** The units now (changed households; new units not in any grid join the neighbour they share most edge with). */
  units: readonly EngineUnit[];
  /** Shared edge lengths between units (metres); computed from the polygons when absent. */
  adjacency?: readonly Map<number, number>[];
  profile: Readonly<RuleProfile>;
  /** Codes of grids that must not change. */
  locked?: readonly string[];
  /** Code for the n-th new grid (default `NEW-n`); e.g. `(n) => provisionalCode(community, n)`. */
  newCode?: (n: number) => string;
  seed?: number;
  /** What polygon units without buildings are (census blocks, building footprints), for messages; "unit" when absent. */
  unitKind?: UnitKind;
}

export interface RebalanceGrid extends RebalanceGridInput {
  unitIds: string[];
  households: number;
  persons: number;
  /** False: the very grid object of the input plan. */
  changed: boolean;
  exception?: boolean;
}

export interface RebalanceReport {
  /** Grids over the rule before (indivisible single-unit grids excluded). */
  violating: string[];
  changedGrids: string[];
  addedGrids: string[];
  /** How each violating grid was fixed. */
  actions: { code: string; action: 'move' | 'resplit' | 'split' | 'failed'; with?: string }[];
  householdsMoved: number;
  personsMoved: number;
  unitsMoved: number;
  /** Building ids inside the moved units, when known. */
  buildingsMoved: number;
  /** Grids still over the rule (not exceptions) after rebalancing. */
  remaining: string[];
  /** Grids (touched or not) that are one unit over the rule on its own: reported exceptions, never in `remaining`. */
  exceptionGrids: string[];
  ms: number;
}

/**
 * A grid rebalancing left as it was that holds a single unit over the rule on its own: the
 * plan's grid with the exception flag (its geometry the very input object), so it reads as an
 * indivisible exception, not as a violation the rebalance left behind.
 */
export type UntouchedExceptionGrid = RebalanceGridInput & { exception: true };

export interface RebalanceResult {
  /** Touched and added grids rebuilt (`changed: true`); untouched ones the plan's own objects, or a flagged copy for an exception. */
  grids: (RebalanceGrid | RebalanceGridInput | UntouchedExceptionGrid)[];
  exceptions: EngineException[];
  report: RebalanceReport;
}

/**
 * The grids over the rule are fixed one at a time, so the order matters: fixing the most
 * loaded first can fill the room a lighter neighbour needed, and the other way round. Both
 * orders are run and the result that leaves fewest grids over the rule, then moves fewest
 * households, then adds fewest grids is kept (the first order on a tie).
 *
 * @example
 * const { grids, report } = rebalance({ plan, units, profile, seed: 1 });
 * report.householdsMoved // households that changed grid
 */
export function rebalance(input: RebalanceInput): RebalanceResult {
  const started = performance.now();
  const adjacency = input.adjacency ?? polygonAdjacency(input.units.map((u) => u.geometry));
  // Progress of each phase spans both runs: the first reports its first half, the second the rest.
  const half = (k: 0 | 1): RebalanceInput['onProgress'] =>
    input.onProgress && ((p) => input.onProgress!({ phase: p.phase, done: k * p.total + p.done, total: 2 * p.total }));
  const runIn = (order: 'most-loaded-first' | 'least-loaded-first', k: 0 | 1): RebalanceResult => {
    const onProgress = half(k);
    return rebalanceInOrder({ ...input, adjacency, ...(onProgress ? { onProgress } : {}) }, order);
  };
  const first = runIn('most-loaded-first', 0);
  if (first.report.violating.length < 2) {
    // One order is all there is: the run is complete at its first half.
    checkpoint(input, 'outline', 1, 1);
    return { ...first, report: { ...first.report, ms: performance.now() - started } };
  }
  const second = runIn('least-loaded-first', 1);
  checkpoint(input, 'outline', 1, 1);
  const key = (r: RebalanceResult): number[] => [r.report.remaining.length, r.report.householdsMoved, r.report.addedGrids.length];
  const [a, b] = [key(first), key(second)];
  const i = a.findIndex((x, k) => x !== b[k]);
  const best = i >= 0 && b[i]! < a[i]! ? second : first;
  return { ...best, report: { ...best.report, ms: performance.now() - started } };
}

export function rebalanceInOrder(input: RebalanceInput, order: 'most-loaded-first' | 'least-loaded-first'): RebalanceResult {
  const started = performance.now();
  const { profile, units } = input;
  const adjacency = input.adjacency ?? polygonAdjacency(units.map((u) => u.geometry));
  const graph = searchGraph(units, adjacency);
  const rng = createRandom(input.seed ?? 1);
  const index = new Map(units.map((u, i) => [u.id, i]));
  const locked = new Set(input.locked ?? []);
  const codes = input.plan.map((g) => g.code);
  const original = new Int32Array(units.length).fill(-1);
  input.plan.forEach((g, gi) => {
    for (const id of g.unitIds) {
      const u = index.get(id);
      if (u !== undefined) original[u] = gi;
    }
  });
  const owner = Int32Array.from(original);
  const touched = new Set<number>();
  // New units join the grid they share most edge with.
  for (let u = 0; u < units.length; u++) {
    if (owner[u]! >= 0) continue;
    let best = -1;
    let bestLen = 0;
    for (const [w, len] of adjacency[u]!) {
      if (owner[w]! >= 0 && len > bestLen) {
        bestLen = len;
        best = owner[w]!;
      }
    }
    if (best >= 0) {
      owner[u] = best;
      touched.add(best);
    }
  }
  const membersOf = (gi: number): number[] => {
    const out: number[] = [];
    owner.forEach((g, u) => {
      if (g === gi) out.push(u);
    });
    return out;
  };
  const totals = (list: readonly number[]): { households: number; persons: number } => ({
    households: list.reduce((s, u) => s + units[u]!.households, 0),
    persons: list.reduce((s, u) => s + units[u]!.persons, 0),
  });
  const over = (gi: number): boolean => gridLoad(totals(membersOf(gi)), profile).status === 'over';
  const neighboursOf = (gi: number): number[] => {
    const out = new Set<number>();
    owner.forEach((g, u) => {
      if (g !== gi) return;
      for (const w of adjacency[u]!.keys()) if (owner[w]! >= 0 && owner[w] !== gi) out.add(owner[w]!);
    });
    return [...out].filter((h) => !locked.has(codes[h]!)).sort((a, b) => a - b);
  };

  const gridCount = (): number => codes.length;
  const violating = input.plan.map((_, gi) => gi).filter((gi) => over(gi) && membersOf(gi).length > 1 && !locked.has(codes[gi]!));
  const sign = order === 'most-loaded-first' ? 1 : -1;
  violating.sort((a, b) => sign * (gridLoad(totals(membersOf(b)), profile).load - gridLoad(totals(membersOf(a)), profile).load) || a - b);
  const actions: RebalanceReport['actions'] = [];
  const added: string[] = [];
  const stats: PartitionStats = { extraGrids: 0, trees: 0 };
  violating.forEach((gi, vi) => {
    checkpoint(input, 'rebalance', vi, violating.length);
    fix(gi);
  });
  checkpoint(input, 'rebalance', violating.length, violating.length);
  // A grid is changed when its units are not the plan's (a unit moved away and back leaves it as it was).
  touched.clear();
  owner.forEach((g, u) => {
    if (g === original[u]) return;
    if (g >= 0) touched.add(g);
    if (original[u]! >= 0) touched.add(original[u]!);
  });

  function fix(gi: number): void {
    if (!over(gi)) return;
    if (shedCheapest(gi) || moveBoundaryUnits(gi)) {
      actions.push({ code: codes[gi]!, action: 'move' });
      return;
    }
    const pair = resplitWithNeighbour(gi, rng.fork(codes[gi]!));
    if (pair >= 0) {
      actions.push({ code: codes[gi]!, action: 'resplit', with: codes[pair]! });
      return;
    }
    splitAlone(gi, rng.fork(`split${codes[gi]}`));
  }

  /** Step 1: the boundary units with fewest households whose leaving brings the grid within the rule. */
  function shedCheapest(gi: number): boolean {
    const members = membersOf(gi);
    const shed = cheapestShed({
      graph,
      members,
      receivers: (u) => {
        const out = new Set<number>();
        for (const w of adjacency[u]!.keys()) {
          const h = owner[w]!;
          if (h >= 0 && h !== gi && !locked.has(codes[h]!)) out.add(h);
        }
        return [...out].sort((a, b) => a - b);
      },
      totals: (h) => totals(membersOf(h)),
      profile,
    });
    if (!shed) return false;
    for (const [u, h] of shed) {
      owner[u] = h;
      touched.add(h);
    }
    touched.add(gi);
    return true;
  }

  /** Step 1 (when no set of boundary units does it at once): units one by one, deeper ones as the edge empties; undone if it does not bring the grid back within the rule. */
  function moveBoundaryUnits(gi: number): boolean {
    const saved = Int32Array.from(owner);
    for (let guard = 0; guard < 50 && over(gi); guard++) {
      const members = new Set(membersOf(gi));
      if (members.size <= 1) break;
      const now = totals([...members]);
      let pick: { u: number; h: number; resolves: boolean; households: number } | null = null;
      for (const u of members) {
        const unit = units[u]!;
        const after = { households: now.households - unit.households, persons: now.persons - unit.persons };
        const resolves = gridLoad(after, profile).status !== 'over';
        for (const w of adjacency[u]!.keys()) {
          const h = owner[w]!;
          if (h < 0 || h === gi || locked.has(codes[h]!)) continue;
          const th = totals(membersOf(h));
          if (!fitsIn(th.households + unit.households, th.persons + unit.persons, 1, profile)) continue;
          // Prefer a move that resolves with the fewest households, else the biggest step.
          const better =
            !pick ||
            (resolves && !pick.resolves) ||
            (resolves === pick.resolves && (resolves ? unit.households < pick.households : unit.households > pick.households));
          if (better && connectedWithout(graph, members, u)) pick = { u, h, resolves, households: unit.households };
        }
      }
      if (!pick || pick.households === 0) break;
      owner[pick.u] = pick.h;
      touched.add(gi);
      touched.add(pick.h);
    }
    if (!over(gi)) return true;
    owner.set(saved);
    return false;
  }

  /** Step 2: the grid and one neighbour re-split in two, keeping the most households in place. */
  function resplitWithNeighbour(gi: number, r: Random): number {
    let best: { h: number; side: number[]; rest: number[]; moved: number } | null = null;
    for (const h of neighboursOf(gi)) {
      const nodes = [...membersOf(gi), ...membersOf(h)].sort((a, b) => a - b);
      const t = totals(nodes);
      if (!fitsIn(t.households, t.persons, 2, profile)) continue;
      const cut = leastMovingCut(graph, nodes, (u) => owner[u] === gi, profile, r);
      if (cut && (!best || cut.moved < best.moved)) best = { h, ...cut };
    }
    if (!best) return -1;
    for (const u of best.side) owner[u] = gi;
    for (const u of best.rest) owner[u] = best.h;
    touched.add(gi);
    touched.add(best.h);
    return best.h;
  }

  /** Step 3: the grid alone into as many grids as it needs; the part with most households keeps the code. */
  function splitAlone(gi: number, r: Random): void {
    const nodes = membersOf(gi);
    const t = totals(nodes);
    const k = Math.max(2, gridsNeeded(t.households, t.persons, profile));
    let parts: number[][] | null = null;
    if (k === 2) {
      // Two grids: the cut that leaves the most households where they are.
      const cut = leastMovingCut(graph, nodes, () => true, profile, r);
      if (cut) parts = [cut.side, cut.rest];
    }
    for (let tries = 0; tries < 4 && !parts; tries++) parts = strictTreePartition(graph, nodes, k, profile, r, stats);
    parts ??= treePartition(graph, nodes, k, profile, r, stats);
    if (parts.length < 2) {
      actions.push({ code: codes[gi]!, action: 'failed' });
      return;
    }
    parts.sort((a, b) => totals(b).households - totals(a).households);
    touched.add(gi);
    for (const p of parts.slice(1)) {
      const code = input.newCode ? input.newCode(added.length + 1) : `NEW-${added.length + 1}`;
      added.push(code);
      const ng = gridCount();
      codes.push(code);
      for (const u of p) owner[u] = ng;
      touched.add(ng);
    }
    actions.push({ code: codes[gi]!, action: 'split' });
  }

  // Output: untouched grids as the same objects; touched ones rebuilt from their units.
  const exceptions: EngineException[] = [];
  const exceptionGrids: string[] = [];
  const grids: RebalanceResult['grids'] = [];
  for (let gi = 0; gi < codes.length; gi++) {
    checkpoint(input, 'outline', gi, codes.length);
    const members = membersOf(gi);
    const t = totals(members);
    const single = members.length === 1 && gridLoad(t, profile).status === 'over';
    if (single) {
      const u = units[members[0]!]!;
      exceptions.push({
        unitId: u.id,
        households: u.households,
        persons: u.persons,
        ...(u.buildings ? { buildings: u.buildings } : {}),
        grid: codes[gi]!,
        ...unitKindField(u, input.unitKind),
        message: `${unitLabel(u, input.unitKind)} has ${u.households} households and ${u.persons} persons, over the rule on its own and indivisible: grid ${codes[gi]} stays over`,
      });
      exceptionGrids.push(codes[gi]!);
    }
    if (!touched.has(gi) && gi < input.plan.length) {
      grids.push(single ? { ...input.plan[gi]!, exception: true } : input.plan[gi]!);
      continue;
    }
    if (members.length === 0) continue;
    const built = gridsOf(units, [members])[0];
    const base = gi < input.plan.length ? input.plan[gi]! : null;
    grids.push({
      code: codes[gi]!,
      geometry: built?.geometry ?? base?.geometry ?? units[members[0]!]!.geometry,
      unitIds: members.map((u) => units[u]!.id),
      households: t.households,
      persons: t.persons,
      changed: true,
      ...(single ? { exception: true } : {}),
    });
  }
  let householdsMoved = 0;
  let personsMoved = 0;
  let unitsMoved = 0;
  let buildingsMoved = 0;
  owner.forEach((g, u) => {
    if (original[u]! < 0 || g === original[u]) return;
    householdsMoved += units[u]!.households;
    personsMoved += units[u]!.persons;
    unitsMoved++;
    buildingsMoved += units[u]!.buildings?.length ?? 0;
  });
  const remaining = codes.filter((_, gi) => over(gi) && membersOf(gi).length > 1);
  return {
    grids,
    exceptions,
    report: {
      violating: violating.map((gi) => codes[gi]!),
      changedGrids: [...touched]
        .filter((gi) => gi < input.plan.length)
        .map((gi) => codes[gi]!)
        .sort(),
      addedGrids: added,
      actions,
      householdsMoved,
      personsMoved,
      unitsMoved,
      buildingsMoved,
      remaining,
      exceptionGrids,
      ms: performance.now() - started,
    },
  };
}
