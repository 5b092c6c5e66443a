/**
 * Fewer grids by merging and re-splitting (after ReCom, DeFord–Duchin–Solomon 2019, which
 * merges two neighbouring districts and re-splits them along a random spanning tree): a light
 * grid and the neighbouring grids with most room around it are merged while their total
 * still fits in one grid fewer, and the merged region is re-split into that many grids by
 * the strict spanning-tree partition. Each success drops one grid; regions that failed are
 * not tried again until one of their grids changes. Every grid stays one connected piece
 * (tree cuts keep both sides connected) and within the rule.
 */
import type { Random } from '../random.js';
import type { RuleProfile } from '../rule-profile.js';
import { dissolveGrid, repairOverload } from './overload-repair.js';
import { throwIfAborted, type EngineRunOptions } from './engine-progress.js';
import { fitsIn, strictTreePartition, type PartitionStats, type UnitGraph } from './tree-partition.js';

/** Random trees drawn per cut of a region before it counts as failed (the whole component's partition draws 40). */
const REGION_TREES = 12;

export interface MergeResplitOptions {
  /** Indices of grids (into `parts`) that never change: exceptions, locked grids. */
  fixed?: ReadonlySet<number>;
  /** Grids merged and re-split along trees at most (default 6). */
  maxRegion?: number;
  /** Grids in a region where the seed is dissolved and the excess passed along ejection chains (default 14). */
  maxEject?: number;
  /** Fresh partitions tried per region (default 3). */
  tries?: number;
  /** Stop at this many grids (default 1). */
  floor?: number;
  run?: EngineRunOptions;
}

/** Load of a grid in caps: the share of the cap that decides the rule (as `gridLoad`). */
export function capLoad(households: number, persons: number, profile: Readonly<RuleProfile>): number {
  const h = households / profile.maxHouseholds;
  const p = persons / profile.maxPersons;
  return profile.combine === 'any' ? Math.min(h, p) : Math.max(h, p);
}

/**
 * Drops grids from `parts` (lists of unit indices, changed in place) while a light grid and
 * its neighbours can be re-split into one grid fewer. Returns how many grids were dropped.
 *
 * @example
 * const dropped = mergeResplit(graph, parts, profile, createRandom(1), { fixed: exceptionGrids });
 */
export function mergeResplit(
  graph: UnitGraph,
  parts: number[][],
  profile: Readonly<RuleProfile>,
  rng: Random,
  options: MergeResplitOptions = {},
): number {
  const maxRegion = options.maxRegion ?? 6;
  const maxEject = Math.max(maxRegion, options.maxEject ?? 14);
  const tries = options.tries ?? 2;
  const floor = options.floor ?? 1;
  // Grids by id; ids are never reused, so a failed region (a set of ids) stays failed until one of its grids is replaced.
  const members = new Map<number, number[]>();
  const fixedIds = new Set<number>();
  const owner = new Int32Array(graph.households.length).fill(-1);
  const hh = new Map<number, number>();
  const pp = new Map<number, number>();
  let nextId = 0;
  const add = (list: number[], fixed: boolean): void => {
    const id = nextId++;
    members.set(id, list);
    if (fixed) fixedIds.add(id);
    let h = 0;
    let p = 0;
    for (const u of list) {
      owner[u] = id;
      h += graph.households[u]!;
      p += graph.persons[u]!;
    }
    hh.set(id, h);
    pp.set(id, p);
  };
  parts.forEach((p, i) => add(p, options.fixed?.has(i) ?? false));
  const load = (id: number): number => capLoad(hh.get(id)!, pp.get(id)!, profile);
  // Neighbours of each grid, kept until the next replace (growing regions asks for them over and over).
  const known = new Map<number, number[]>();
  const neighbours = (id: number): number[] => {
    const cached = known.get(id);
    if (cached) return cached;
    const list = neighboursNow(id);
    known.set(id, list);
    return list;
  };
  const neighboursNow = (id: number): number[] => {
    const out = new Set<number>();
    for (const u of members.get(id)!) {
      for (const w of graph.adjacency[u]!.keys()) {
        const o = owner[w]!;
        if (o >= 0 && o !== id && !fixedIds.has(o)) out.add(o);
      }
    }
    return [...out];
  };
  const failed = new Set<string>();
  const stats: PartitionStats = { extraGrids: 0, trees: 0 };
  let dropped = 0;

  const replace = (region: readonly number[], split: readonly number[][]): void => {
    known.clear();
    for (const id of region) {
      members.delete(id);
      hh.delete(id);
      pp.delete(id);
    }
    for (const s of split) add(s.slice(), false);
  };

  /** Tries the regions grown from `seed`; true when one was re-split into one grid fewer. */
  const tryFrom = (seed: number): boolean => {
    const region = [seed];
    const inRegion = new Set(region);
    let h = hh.get(seed)!;
    let p = pp.get(seed)!;
    while (region.length < maxEject) {
      // Grow by the neighbouring grid with most room, so the region's slack rises fastest.
      let best = -1;
      let bestLoad = Infinity;
      for (const r of region) {
        for (const n of neighbours(r)) {
          if (inRegion.has(n)) continue;
          const l = load(n);
          if (l < bestLoad || (l === bestLoad && n < best)) {
            bestLoad = l;
            best = n;
          }
        }
      }
      if (best < 0) return false;
      region.push(best);
      inRegion.add(best);
      h += hh.get(best)!;
      p += pp.get(best)!;
      const m = region.length;
      if (!fitsIn(h, p, m - 1, profile)) continue;
      const key = [...region].sort((a, b) => a - b).join(',');
      if (failed.has(key)) continue;
      failed.add(key);
      if (m <= maxRegion) {
        const nodes = region.flatMap((id) => members.get(id)!).sort((a, b) => a - b);
        for (let t = 0; t < tries; t++) {
          const split = strictTreePartition(graph, nodes, m - 1, profile, rng, stats, { maxTrees: REGION_TREES });
          if (split && split.length === m - 1) {
            replace(region, split);
            return true;
          }
        }
      }
      // Else (once the region is as big as it gets) dissolve the seed into its neighbours and pass the excess along ejection chains inside it.
      if (m < maxEject) continue;
      const sub = region.map((id) => members.get(id)!.slice());
      if (
        dissolveGrid(graph, sub, 0, profile) &&
        repairOverload(graph, sub, profile, rng, { maxSteps: 30 * m, patience: 20 + 4 * m, ...(options.run ? { run: options.run } : {}) })
      ) {
        replace(region, sub);
        return true;
      }
    }
    return false;
  };

  for (let progress = true; progress && members.size > floor;) {
    progress = false;
    throwIfAborted(options.run);
    const order = [...members.keys()].filter((id) => !fixedIds.has(id)).sort((a, b) => load(a) - load(b) || a - b);
    for (const id of order) {
      if (!members.has(id)) continue;
      if (tryFrom(id)) {
        dropped++;
        progress = true;
        if (members.size <= floor) break;
      }
    }
  }
  // Fixed grids keep their indices; the others follow in id order.
  const fixedParts = new Map<number, number[]>();
  parts.forEach((p, i) => {
    if (options.fixed?.has(i)) fixedParts.set(i, p);
  });
  const rest = [...members].filter(([id]) => !fixedIds.has(id)).map(([, list]) => list.sort((a, b) => a - b));
  const out: number[][] = [];
  let r = 0;
  for (let i = 0; out.length < fixedParts.size + rest.length; i++) {
    if (fixedParts.has(i)) out.push(fixedParts.get(i)!);
    else if (r < rest.length) out.push(rest[r++]!);
  }
  parts.splice(0, parts.length, ...out);
  return dropped;
}
