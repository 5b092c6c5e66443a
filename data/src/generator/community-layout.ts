/**
 * Inside a community: branch streets and lanes cut it into blocks; each block holds one
 * compound (小区) — mostly residential, sometimes a school, hospital, enterprise or park —
 * and residential compounds hold rows of slab blocks or towers facing south.
 */
import type { Random } from '@gridatlas/core';
import type { BuildingRecord, CompoundKind, CompoundRecord, StreetRecord } from '../district.types.js';
import { ringToLngLat, toLngLat, type XY } from './local-frame.js';
import { chineseOrdinal, COMPOUND_STEMS, COMPOUND_SUFFIXES } from './names.js';
import { quadPoint, quadSize, uvRing, type Quad, type UvRect } from './quad.js';
import type { CommunityCell } from './regions.js';

export interface Block {
  rect: UvRect;
  /** The compound's own rectangle, set back from the streets. */
  inner: UvRect;
  compound: CompoundRecord;
  buildings: BuildingRecord[];
  /** Each building's centre in the community's uv coordinates, parallel to `buildings`. */
  centres: [number, number][];
}

export interface CommunityLayout {
  community: CommunityCell;
  /** Interior cut lines (u west→east, v north→south) of the blocks. */
  uCuts: number[];
  vCuts: number[];
  blocks: Block[];
}

export interface IdCounters {
  compound: number;
  building: number;
}

type Era = 'old' | 'mid' | 'high';

const polygon = (q: Quad, r: UvRect): CompoundRecord['boundary'] => ({ type: 'Polygon', coordinates: [ringToLngLat(uvRing(q, r))] });

function cuts(rng: Random, n: number): number[] {
  return Array.from({ length: n - 1 }, (_, k) => (k + 1) / n + rng.range(-0.06, 0.06) / n);
}

export function layoutCommunity(
  rng: Random,
  community: CommunityCell,
  ids: IdCounters,
  streets: StreetRecord[],
  scaleFactor: number,
): CommunityLayout {
  const q = community.quad;
  const { width, height } = quadSize(q);
  const uCuts = cuts(rng, rng.int(2, 3));
  const vCuts = cuts(rng, rng.int(2, 3));
  const short = community.name.replace(/社区$/, '');
  uCuts.forEach((u, k) => {
    const line: XY[] = [quadPoint(q, u, 0), quadPoint(q, u, 1)];
    streets.push({
      id: 0,
      name: `${short}${chineseOrdinal(k + 1)}巷`,
      class: k === 0 && uCuts.length > 1 ? 'branch' : 'lane',
      geometry: { type: 'LineString', coordinates: line.map(toLngLat) },
    });
  });
  vCuts.forEach((v, k) => {
    const line: XY[] = [quadPoint(q, 0, v), quadPoint(q, 1, v)];
    streets.push({
      id: 0,
      name: `${short}${chineseOrdinal(k + 1)}街`,
      class: 'branch',
      geometry: { type: 'LineString', coordinates: line.map(toLngLat) },
    });
  });
  const us = [0, ...uCuts, 1];
  const vs = [0, ...vCuts, 1];
  const blocks: Block[] = [];
  for (let b = 0; b + 1 < vs.length; b++) {
    for (let a = 0; a + 1 < us.length; a++) {
      const rect = { u0: us[a]!, u1: us[a + 1]!, v0: vs[b]!, v1: vs[b + 1]! };
      // Compounds sit back from the street centreline: 9 m from a road, in uv units.
      const du = 9 / width;
      const dv = 9 / height;
      const inner = { u0: rect.u0 + du, u1: rect.u1 - du, v0: rect.v0 + dv, v1: rect.v1 - dv };
      const kind: CompoundKind = rng.weighted([
        ['residential', 88],
        ['school', 6],
        ['hospital', 3],
        ['enterprise', 3],
        ['park', 3],
      ]);
      const compound: CompoundRecord = {
        id: ++ids.compound,
        name: compoundName(rng, kind, short),
        kind,
        communityCode: community.code,
        boundary: polygon(q, inner),
        builtYear: rng.int(1978, 2022),
      };
      const placed = kind === 'residential' ? residentialBuildings(rng, q, inner, width, height, compound, ids, scaleFactor) : [];
      blocks.push({ rect, inner, compound, buildings: placed.map((p) => p.building), centres: placed.map((p) => p.uv) });
    }
  }
  return { community, uCuts, vCuts, blocks };
}

function compoundName(rng: Random, kind: CompoundKind, place: string): string {
  switch (kind) {
    case 'school':
      return `${place}${rng.pick(['小学', '中学', '实验学校'])}`;
    case 'hospital':
      return `${place}${rng.pick(['社区卫生服务中心', '医院'])}`;
    case 'enterprise':
      return `${rng.pick(COMPOUND_STEMS)}${rng.pick(['科技园', '商务楼', '厂区'])}`;
    case 'park':
      return `${place}${rng.pick(['公园', '游园', '广场'])}`;
    default:
      return rng.pick(COMPOUND_STEMS) + rng.pick(COMPOUND_SUFFIXES);
  }
}

/**
 * Rows of buildings running west–east, facing south, spaced for winter sun. Old and mid-era
 * compounds get walk-up slabs (4–7 floors); newer ones towers (18–33 floors).
 */
function residentialBuildings(
  rng: Random,
  q: Quad,
  r: UvRect,
  width: number,
  height: number,
  compound: CompoundRecord,
  ids: IdCounters,
  scaleFactor: number,
): { building: BuildingRecord; uv: [number, number] }[] {
  const era: Era =
    compound.builtYear < 1998 ? 'old' : compound.builtYear < 2010 ? (rng.chance(0.8) ? 'mid' : 'high') : rng.chance(0.32) ? 'high' : 'mid';
  const w = (r.u1 - r.u0) * width;
  const h = (r.v1 - r.v0) * height;
  const depth = era === 'high' ? 18 : 12;
  const length = era === 'high' ? 30 : rng.range(42, 62);
  const rowPitch = (era === 'high' ? 58 : 30) / Math.sqrt(scaleFactor);
  const colPitch = length + (era === 'high' ? 26 : 14);
  const rows = Math.max(1, Math.floor((h - 8) / rowPitch));
  const cols = Math.max(1, Math.floor((w - 8) / colPitch));
  const out: { building: BuildingRecord; uv: [number, number] }[] = [];
  let n = 0;
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) {
      if (rng.chance(0.12)) continue; // courtyards, car parks, a kindergarten
      const cu = r.u0 + (((col + 0.5) * (w / cols)) / w) * (r.u1 - r.u0);
      const cv = r.v0 + (((row + 0.5) * (h / rows)) / h) * (r.v1 - r.v0);
      const hu = length / 2 / width;
      const hv = depth / 2 / height;
      const ring = uvRing(q, { u0: cu - hu, u1: cu + hu, v0: cv - hv, v1: cv + hv });
      const floors = era === 'old' ? rng.int(4, 6) : era === 'mid' ? rng.int(5, 7) : rng.int(18, 33);
      const units =
        era === 'high'
          ? rng.weighted([
              [1, 40],
              [2, 45],
              [3, 15],
            ] as const)
          : Math.max(2, Math.round(length / 15));
      const perFloor = era === 'high' ? rng.int(2, 4) : 2;
      // A few flats stand empty or were merged.
      const households = Math.max(1, Math.round(floors * units * perFloor * rng.range(0.9, 1)));
      n += 1;
      const building: BuildingRecord = {
        id: ++ids.building,
        compoundId: compound.id,
        communityCode: compound.communityCode,
        name: `${n}号楼`,
        footprint: { type: 'Polygon', coordinates: [ringToLngLat(ring)] },
        floors,
        units,
        households,
        persons: Math.min(
          Math.floor(households * 3.2),
          Math.max(Math.ceil(households * 2.3), Math.round(households * rng.range(2.3, 3.2))),
        ),
      };
      out.push({ building, uv: [cu, cv] });
    }
  }
  return out;
}
