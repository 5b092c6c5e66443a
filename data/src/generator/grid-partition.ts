/**
 * The clean division of one community into basic grids, the way a planner draws it: whole
 * compounds grouped west→east along each row of blocks, cut on lanes where possible and on a
 * compound's internal road (between two columns or rows of buildings) where a compound is
 * too big for one grid. Schools and hospitals become dedicated grids of their whole block.
 * Grids are uv rectangles of the community quad, so shared edges coincide exactly.
 */
import type { Block, CommunityLayout } from './community-layout.js';
import type { UvRect } from './quad.js';

export interface PlannedGrid {
  rect: UvRect;
  type: 'comprehensive' | 'dedicated';
  /** Index of the block row (north→south) the grid lies in. */
  strip: number;
  /** The grid spans its strip's full height (not one of a stack cut between building rows). */
  fullHeight: boolean;
  /** Pieces (u ranges) it was assembled from, west→east, with their counts. */
  items: Item[];
  name?: string;
}

export interface Item {
  u0: number;
  u1: number;
  /** The item's west edge lies on a lane (a block boundary), not on a compound's inner road. */
  laneWest: boolean;
  households: number;
  persons: number;
}

const EPS = 1e-9;

/** Households a planner aims at per grid (under the 300-household cap, with room to grow). */
export function partitionCommunity(layout: CommunityLayout, target: number): PlannedGrid[] {
  const vs = [0, ...layout.vCuts, 1];
  const us = [0, ...layout.uCuts, 1];
  const grids: PlannedGrid[] = [];
  for (let strip = 0; strip + 1 < vs.length; strip++) {
    const row = layout.blocks.filter((b) => Math.abs(b.rect.v0 - vs[strip]!) < EPS).sort((a, b) => a.rect.u0 - b.rect.u0);
    if (row.length !== us.length - 1) throw new Error(`block row ${strip} of ${layout.community.code} is incomplete`);
    let run: Item[] = [];
    const flush = (): void => {
      grids.push(...groupRun(run, target).map((items) => stripGrid(row[0]!, strip, items)));
      run = [];
    };
    for (const block of row) {
      const kind = block.compound.kind;
      if (kind === 'school' || kind === 'hospital') {
        if (run.length > 0) flush();
        grids.push({ rect: block.rect, type: 'dedicated', strip, fullHeight: true, items: [], name: `${block.compound.name}专属网格` });
        continue;
      }
      const items = blockItems(block);
      // A compound too big for one grid even on its own columns is cut between building rows.
      for (const item of items) {
        if (item.households > target * 1.4 && rowsOf(block, item).length > 1) {
          if (run.length > 0) flush();
          grids.push(...stackGrids(block, item, strip, target));
        } else run.push(item);
      }
    }
    if (run.length > 0) flush();
  }
  return grids;
}

function stripGrid(anyBlock: Block, strip: number, items: Item[]): PlannedGrid {
  const rect = { u0: items[0]!.u0, u1: items[items.length - 1]!.u1, v0: anyBlock.rect.v0, v1: anyBlock.rect.v1 };
  return { rect, type: 'comprehensive', strip, fullHeight: true, items };
}

/** A block cut into column strips at the midlines between its building columns. */
function blockItems(block: Block): Item[] {
  const cols = [...new Set(block.centres.map(([u]) => u))].sort((a, b) => a - b);
  const edges = [block.rect.u0, ...cols.slice(1).map((u, k) => (u + cols[k]!) / 2), block.rect.u1];
  const items: Item[] = [];
  for (let k = 0; k + 1 < edges.length; k++) items.push({ u0: edges[k]!, u1: edges[k + 1]!, laneWest: k === 0, households: 0, persons: 0 });
  block.buildings.forEach((b, n) => {
    const u = block.centres[n]![0];
    const item = items.find((i) => u > i.u0 && u < i.u1);
    if (item) {
      item.households += b.households;
      item.persons += b.persons;
    }
  });
  return items;
}

function rowsOf(block: Block, item: Item): number[] {
  return [...new Set(block.centres.filter(([u]) => u > item.u0 && u < item.u1).map(([, v]) => v))].sort((a, b) => a - b);
}

/** One over-large column strip cut between building rows into a north→south stack of grids. */
function stackGrids(block: Block, item: Item, strip: number, target: number): PlannedGrid[] {
  const rows = rowsOf(block, item);
  const edges = [block.rect.v0, ...rows.slice(1).map((v, k) => (v + rows[k]!) / 2), block.rect.v1];
  // Rows become items along v, so the same 1-D grouping stacks them north→south.
  const pieces: Item[] = rows.map((_, k) => {
    const chosen = block.buildings.filter((_b, n) => {
      const [u, v] = block.centres[n]!;
      return u > item.u0 && u < item.u1 && v > edges[k]! && v < edges[k + 1]!;
    });
    return { u0: edges[k]!, u1: edges[k + 1]!, laneWest: false, households: sum(chosen, 'households'), persons: sum(chosen, 'persons') };
  });
  return groupRun(pieces, target).map((group) => ({
    rect: { u0: item.u0, u1: item.u1, v0: group[0]!.u0, v1: group[group.length - 1]!.u1 },
    type: 'comprehensive',
    strip,
    fullHeight: false,
    items: [{ ...item, households: sum(group, 'households'), persons: sum(group, 'persons') }],
  }));
}

const sum = (xs: readonly { households: number; persons: number }[], key: 'households' | 'persons'): number =>
  xs.reduce((s, x) => s + x[key], 0);

/**
 * Contiguous groups of items with households near the target: dynamic programming over cut
 * positions, penalising grids over 300 households or under half the target, and cuts that
 * leave the lanes for a compound's inner road.
 */
export function groupRun(items: readonly Item[], target: number): Item[][] {
  const n = items.length;
  const prefix = [0];
  for (const item of items) prefix.push(prefix[prefix.length - 1]! + item.households);
  const cost = (i: number, j: number): number => {
    const h = prefix[j]! - prefix[i]!;
    const d = (h - target) / target;
    return d * d + (h > 300 ? 1.5 : 0) + (h < target / 2 ? 0.6 : 0) + (i > 0 && !items[i]!.laneWest ? 0.08 : 0);
  };
  const best: number[] = [0];
  const from: number[] = [0];
  for (let j = 1; j <= n; j++) {
    best[j] = Infinity;
    for (let i = 0; i < j; i++) {
      const c = best[i]! + cost(i, j);
      if (c < best[j]!) {
        best[j] = c;
        from[j] = i;
      }
    }
  }
  const groups: Item[][] = [];
  for (let j = n; j > 0; j = from[j]!) groups.unshift(items.slice(from[j]!, j));
  return groups;
}
