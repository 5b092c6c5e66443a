/**
 * The current (approved) grid plan, deliberately imperfect the way real plans drift: most
 * grids of 150–300 households drawn along lanes (`grid-partition.ts`), but some merged past
 * both caps, some split too small, a few edges pulled back from a neighbour (a gap) or
 * pushed into it (a sliver overlap a few metres wide).
 */
import { gridCode, type Random } from '@gridatlas/core';
import type { GridRecord, ZoneRecord } from '../district.types.js';
import type { CommunityLayout } from './community-layout.js';
import { ringToLngLat } from './local-frame.js';
import { partitionCommunity, type Item, type PlannedGrid } from './grid-partition.js';
import { quadSize, uvRing, type UvRect } from './quad.js';

const EPS = 1e-9;

export type Imperfection = 'merged' | 'split' | 'gap' | 'overlap';

export interface CommunityPlan {
  grids: GridRecord[];
  zones: ZoneRecord[];
  /** Which grid each building's centre falls in (the nearest grid when in a gap). */
  gridOfBuilding: Map<number, string>;
  /** Each grid's uv rectangle in its community. */
  rectOfGrid: Map<string, UvRect>;
  imperfections: { kind: Imperfection; gridCodes: string[] }[];
}

type Cell = PlannedGrid & { modified: boolean };

/** Household target per grid: planners aim under the cap, some districts tighter than others. */
const TARGET: [number, number] = [250, 285];

export function planCommunity(rng: Random, layout: CommunityLayout): CommunityPlan {
  const { community } = layout;
  const q = community.quad;
  const { width, height } = quadSize(q);
  let cells: Cell[] = partitionCommunity(layout, rng.range(...TARGET)).map((g) => ({ ...g, modified: false }));
  const imperfect: { kind: Imperfection; cells: Cell[] }[] = [];
  const comprehensive = (): Cell[] => cells.filter((c) => c.type === 'comprehensive' && !c.modified);
  const total = (c: Cell, key: 'households' | 'persons'): number => c.items.reduce((s, i) => s + i[key], 0);

  // Two neighbouring grids merged long ago and never re-split: over both caps.
  const pairs = comprehensive().flatMap((a) => {
    const b = cells.find(
      (c) =>
        c !== a &&
        c.type === 'comprehensive' &&
        !c.modified &&
        c.fullHeight &&
        c.strip === a.strip &&
        Math.abs(c.rect.u0 - a.rect.u1) < EPS,
    );
    if (!b || !a.fullHeight) return [];
    const households = total(a, 'households') + total(b, 'households');
    const persons = total(a, 'persons') + total(b, 'persons');
    return households > 340 && persons > 1080 && households <= 650 ? [[a, b] as const] : [];
  });
  if (pairs.length > 0 && rng.chance(0.3)) {
    const [a, b] = rng.pick(pairs);
    const merged: Cell = { ...a, rect: { ...a.rect, u1: b.rect.u1 }, items: [...a.items, ...b.items], modified: true };
    cells = cells.filter((c) => c !== a && c !== b).concat(merged);
    imperfect.push({ kind: 'merged', cells: [merged] });
  }
  // A grid split off around one building column, too small to be worth a grid worker.
  const splittable = comprehensive().flatMap((c) => {
    if (!c.fullHeight || c.items.length < 2) return [];
    const ends = [0, c.items.length - 1].filter((k) => {
      const item = c.items[k]!;
      return item.households >= 20 && item.households < 100 && item.persons < 340;
    });
    return ends.map((k) => [c, k] as const);
  });
  if (splittable.length > 0 && rng.chance(0.3)) {
    const [c, k] = rng.pick(splittable);
    const small = k === 0 ? c.items.slice(0, 1) : c.items.slice(-1);
    const rest = k === 0 ? c.items.slice(1) : c.items.slice(0, -1);
    const piece = (items: Item[]): Cell => ({
      ...c,
      rect: { ...c.rect, u0: items[0]!.u0, u1: items[items.length - 1]!.u1 },
      items,
      modified: true,
    });
    const smallCell = piece(small);
    cells = cells.filter((x) => x !== c).concat(smallCell, piece(rest));
    imperfect.push({ kind: 'split', cells: [smallCell] });
  }
  // An edge on an inner lane drawn a few metres off the centreline: pulled back it leaves a
  // gap, pushed over it overlaps the neighbour. Both stay inside the lane's setback, clear of buildings.
  const onLane = (c: Cell): ('u1' | 'v1')[] =>
    [
      layout.uCuts.some((u) => Math.abs(u - c.rect.u1) < EPS) ? ('u1' as const) : null,
      layout.vCuts.some((v) => Math.abs(v - c.rect.v1) < EPS) ? ('v1' as const) : null,
    ].filter((e) => e !== null);
  for (const [kind, metres, p] of [
    ['gap', -6, 0.12],
    ['overlap', 4, 0.1],
  ] as const) {
    const candidates = comprehensive().flatMap((c) => onLane(c).map((edge) => [c, edge] as const));
    if (candidates.length === 0 || !rng.chance(p)) continue;
    const [c, edge] = rng.pick(candidates);
    c.rect = { ...c.rect, [edge]: c.rect[edge] + metres / (edge === 'u1' ? width : height) };
    c.modified = true;
    imperfect.push({ kind, cells: [c] });
  }

  // Serials west→east within each row of blocks, rows north→south.
  cells.sort((a, b) => a.strip - b.strip || a.rect.u0 + a.rect.u1 - (b.rect.u0 + b.rect.u1) || a.rect.v0 - b.rect.v0);
  const uCuts = [...new Set(cells.flatMap((c) => [c.rect.u0, c.rect.u1]))];
  const vCuts = [...new Set(cells.flatMap((c) => [c.rect.v0, c.rect.v1]))];
  const short = community.name.replace(/社区$/, '');
  const grids: GridRecord[] = cells.map((c, n) => ({
    code: gridCode(community.code, n + 1),
    name: c.name ?? `${short}第${n + 1}网格`,
    type: c.type,
    communityCode: community.code,
    zoneCode: null,
    geometry: { type: 'Polygon', coordinates: [ringToLngLat(uvRing(q, c.rect, uCuts, vCuts))] },
  }));
  const codeOfCell = new Map<Cell, string>(cells.map((c, n) => [c, grids[n]!.code]));
  const zones = assignZones(rng, community.code, grids);

  // Buildings never lie in a gap or overlap strip; the nearest grid is a guard all the same.
  const gridOfBuilding = new Map<number, string>();
  for (const block of layout.blocks) {
    block.buildings.forEach((b, n) => {
      const [u, v] = block.centres[n]!;
      let best: Cell | undefined;
      let bestDist = Infinity;
      for (const c of cells) {
        const d = Math.max(c.rect.u0 - u, 0, u - c.rect.u1) + Math.max(c.rect.v0 - v, 0, v - c.rect.v1);
        if (d < bestDist) {
          bestDist = d;
          best = c;
        }
      }
      if (best) gridOfBuilding.set(b.id, codeOfCell.get(best)!);
    });
  }
  return {
    grids,
    zones,
    gridOfBuilding,
    rectOfGrid: new Map(cells.map((c) => [codeOfCell.get(c)!, c.rect])),
    imperfections: imperfect.map((i) => ({ kind: i.kind, gridCodes: i.cells.map((c) => codeOfCell.get(c)!) })),
  };
}

/** Zones (片) of 2–3 comprehensive grids in serial order; now and then one of 4 or 1. */
function assignZones(rng: Random, communityCode: string, grids: GridRecord[]): ZoneRecord[] {
  const comprehensive = grids.filter((g) => g.type === 'comprehensive');
  const sizes: number[] = [];
  let left = comprehensive.length;
  const odd = rng.chance(0.08);
  while (left > 0) {
    let size = left === 4 ? 2 : Math.min(left, 3);
    if (odd && sizes.length === 0 && left >= 4) size = 4;
    sizes.push(size);
    left -= size;
  }
  const zones: ZoneRecord[] = [];
  let at = 0;
  sizes.forEach((size, n) => {
    const code = communityCode + String(n + 1).padStart(2, '0');
    zones.push({ code, communityCode, name: `第${n + 1}片` });
    for (const g of comprehensive.slice(at, at + size)) g.zoneCode = code;
    at += size;
  });
  return zones;
}
