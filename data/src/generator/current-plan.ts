/**
 * The current (approved) grid plan, deliberately imperfect the way real plans drift: most
 * grids near 250–300 households, but some merged past both caps, some split too small, a
 * few pulled back from a neighbour (a gap) or pushed into it (a sliver overlap).
 */
import { gridCode, type Random } from '@gridatlas/core';
import type { GridRecord, ZoneRecord } from '../district.types.js';
import type { CommunityLayout } from './community-layout.js';
import { ringToLngLat, type XY } from './local-frame.js';
import { quadSize, uvRing, type UvRect } from './quad.js';

export type Imperfection = 'merged' | 'split' | 'gap' | 'overlap';

export interface CommunityPlan {
  grids: GridRecord[];
  zones: ZoneRecord[];
  /** Which grid each building's centre falls in (the nearest grid when in a gap). */
  gridOfBuilding: Map<number, string>;
  /** Each comprehensive grid's uv rectangle in its community. */
  rectOfGrid: Map<string, UvRect>;
  imperfections: { kind: Imperfection; gridCodes: string[] }[];
}

interface Cell {
  rect: UvRect;
  row: number;
  modified: boolean;
}

function splitsOf(rng: Random, n: number): number[] {
  return [0, ...Array.from({ length: n - 1 }, (_, k) => (k + 1) / n + rng.range(-0.08, 0.08) / n), 1];
}

export function planCommunity(rng: Random, layout: CommunityLayout): CommunityPlan {
  const { community } = layout;
  const q = community.quad;
  const { width } = quadSize(q);
  const households = layout.blocks.reduce((s, b) => s + b.buildings.reduce((t, x) => t + x.households, 0), 0);
  const k = Math.max(1, Math.round(households / rng.range(235, 275)));
  const rows = k >= 5 ? 2 : 1;
  const cols = Math.ceil(k / rows);
  const us = splitsOf(rng, cols);
  const vs = rows === 2 ? [0, 0.5 + rng.range(-0.06, 0.06), 1] : [0, 1];
  let cells: Cell[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) cells.push({ rect: { u0: us[c]!, u1: us[c + 1]!, v0: vs[r]!, v1: vs[r + 1]! }, row: r, modified: false });
  }
  const uCuts = new Set(us.slice(1, -1));
  const imperfect: { kind: Imperfection; cells: Cell[] }[] = [];

  if (cols >= 2 && rng.chance(0.18)) {
    const i = rng.int(0, cells.length - 1);
    const a = cells[i]!;
    const b = cells.find((c) => c.row === a.row && Math.abs(c.rect.u0 - a.rect.u1) < 1e-12);
    if (b) {
      const merged: Cell = { rect: { ...a.rect, u1: b.rect.u1 }, row: a.row, modified: true };
      cells = cells.filter((c) => c !== a && c !== b).concat(merged);
      imperfect.push({ kind: 'merged', cells: [merged] });
    }
  }
  if (rng.chance(0.15)) {
    const a = rng.pick(cells.filter((c) => !c.modified));
    if (a) {
      const cut = a.rect.u0 + (a.rect.u1 - a.rect.u0) * rng.range(0.18, 0.26);
      uCuts.add(cut);
      const small: Cell = { rect: { ...a.rect, u1: cut }, row: a.row, modified: true };
      const rest: Cell = { rect: { ...a.rect, u0: cut }, row: a.row, modified: true };
      cells = cells.filter((c) => c !== a).concat(small, rest);
      imperfect.push({ kind: 'split', cells: [small] });
    }
  }
  const inner = cells.filter((c) => !c.modified && c.rect.u1 < 1 - 1e-9);
  if (inner.length > 0 && rng.chance(0.12)) {
    const a = rng.pick(inner);
    a.rect = { ...a.rect, u1: a.rect.u1 - 6 / width };
    a.modified = true;
    imperfect.push({ kind: 'gap', cells: [a] });
  }
  const inner2 = cells.filter((c) => !c.modified && c.rect.u1 < 1 - 1e-9);
  if (inner2.length > 0 && rng.chance(0.1)) {
    const a = rng.pick(inner2);
    a.rect = { ...a.rect, u1: a.rect.u1 + 4 / width };
    a.modified = true;
    imperfect.push({ kind: 'overlap', cells: [a] });
  }

  // Dedicated grids (专属网格): a school or hospital wholly inside one untouched grid is carved out.
  const holes = new Map<Cell, XY[][]>();
  const dedicated: { ring: XY[]; row: number; u: number; name: string }[] = [];
  for (const block of layout.blocks) {
    const kind = block.compound.kind;
    if (kind !== 'school' && kind !== 'hospital') continue;
    const r = block.inner;
    const host = cells.find((c) => !c.modified && c.rect.u0 < r.u0 && r.u1 < c.rect.u1 && c.rect.v0 < r.v0 && r.v1 < c.rect.v1);
    if (!host) continue;
    const ring = uvRing(q, r);
    holes.set(host, [...(holes.get(host) ?? []), [...ring].reverse()]);
    dedicated.push({ ring, row: host.row, u: (r.u0 + r.u1) / 2, name: `${block.compound.name}专属网格` });
  }

  type Entry = { row: number; u: number; geometry: GridRecord['geometry']; type: GridRecord['type']; name?: string; cell?: Cell };
  const vCuts = vs.slice(1, -1);
  const entries: Entry[] = [
    ...cells.map((c) => ({
      row: c.row,
      u: (c.rect.u0 + c.rect.u1) / 2,
      cell: c,
      type: 'comprehensive' as const,
      geometry: {
        type: 'Polygon' as const,
        coordinates: [ringToLngLat(uvRing(q, c.rect, [...uCuts], vCuts)), ...(holes.get(c) ?? []).map(ringToLngLat)],
      },
    })),
    ...dedicated.map((d) => ({ row: d.row, u: d.u, name: d.name, type: 'dedicated' as const, geometry: { type: 'Polygon' as const, coordinates: [ringToLngLat(d.ring)] } })),
  ];
  // Serials west→east within each row of grids, rows north→south.
  entries.sort((a, b) => a.row - b.row || a.u - b.u);
  const short = community.name.replace(/社区$/, '');
  const grids: GridRecord[] = entries.map((e, n) => ({
    code: gridCode(community.code, n + 1),
    name: e.name ?? `${short}第${n + 1}网格`,
    type: e.type,
    communityCode: community.code,
    zoneCode: null,
    geometry: e.geometry,
  }));
  const codeOfCell = new Map<Cell, string>();
  entries.forEach((e, n) => e.cell && codeOfCell.set(e.cell, grids[n]!.code));

  const zones = assignZones(rng, community.code, grids);
  const gridOfBuilding = new Map<number, string>();
  for (const block of layout.blocks) {
    block.buildings.forEach((b, n) => {
      const [u, v] = block.centres[n]!;
      let best: Cell | undefined;
      let bestDist = Infinity;
      for (const c of cells) {
        const du = Math.max(c.rect.u0 - u, 0, u - c.rect.u1);
        const dv = Math.max(c.rect.v0 - v, 0, v - c.rect.v1);
        const d = du + dv;
        if (d < bestDist) {
          bestDist = d;
          best = c;
        }
      }
      if (best) gridOfBuilding.set(b.id, codeOfCell.get(best)!);
    });
  }
  const rectOfGrid = new Map<string, UvRect>();
  for (const [cell, code] of codeOfCell) rectOfGrid.set(code, cell.rect);
  return {
    grids,
    zones,
    gridOfBuilding,
    rectOfGrid,
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
