/**
 * District, subdistricts and communities from the lattice, and the roads between them:
 * every region boundary runs along road centrelines.
 */
import type { Random } from '@gridatlas/core';
import type { RegionRecord, StreetClass, StreetRecord } from '../district.types.js';
import { cellKey, cellQuad, cellsOutline, latticePoint, type Lattice } from './lattice.js';
import { ringToLngLat, toLngLat, type XY } from './local-frame.js';
import { EW_ROAD_STEMS, NS_ROAD_STEMS, PLACE_STEMS, uniqueNamer } from './names.js';
import type { Quad } from './quad.js';

export const DISTRICT_CODE = '610199';
export const DISTRICT_NAME = '示范区';

export interface CommunityCell {
  code: string;
  name: string;
  subdistrictCode: string;
  quad: Quad;
  i: number;
  j: number;
}

export interface RegionLayout {
  regions: RegionRecord[];
  communities: CommunityCell[];
  streets: StreetRecord[];
}

const polygon = (ring: XY[]): RegionRecord['boundary'] => ({ type: 'Polygon', coordinates: [ringToLngLat(ring)] });

export function layoutRegions(rng: Random, lattice: Lattice, groupCols: number, groupRows: number): RegionLayout {
  const placeName = uniqueNamer(rng.fork('place-names'), PLACE_STEMS);
  const regions: RegionRecord[] = [
    {
      code: DISTRICT_CODE,
      name: DISTRICT_NAME,
      level: 'district',
      parentCode: null,
      boundary: polygon(cellsOutline(lattice, lattice.cells)),
    },
  ];
  // Subdistricts are blocks of lattice cells, numbered north→south, west→east.
  const groups = new Map<string, Set<string>>();
  for (let gj = 0; gj * groupRows < lattice.rows; gj++) {
    for (let gi = 0; gi * groupCols < lattice.cols; gi++) {
      const set = new Set<string>();
      for (let j = gj * groupRows; j < Math.min(lattice.rows, (gj + 1) * groupRows); j++) {
        for (let i = gi * groupCols; i < Math.min(lattice.cols, (gi + 1) * groupCols); i++) {
          if (lattice.cells.has(cellKey(i, j))) set.add(cellKey(i, j));
        }
      }
      if (set.size > 0) groups.set(`${gi},${gj}`, set);
    }
  }
  const communities: CommunityCell[] = [];
  let s = 0;
  for (const cells of groups.values()) {
    s += 1;
    const subCode = DISTRICT_CODE + String(s).padStart(3, '0');
    regions.push({
      code: subCode,
      name: `${placeName()}街道`,
      level: 'subdistrict',
      parentCode: DISTRICT_CODE,
      boundary: polygon(cellsOutline(lattice, cells)),
    });
    const ordered = [...cells].map((k) => k.split(',').map(Number) as [number, number]).sort((a, b) => a[1] - b[1] || a[0] - b[0]);
    ordered.forEach(([i, j], n) => {
      const code = subCode + String(n + 1).padStart(3, '0');
      const quad = cellQuad(lattice, i, j);
      const name = `${placeName()}社区`;
      communities.push({ code, name, subdistrictCode: subCode, quad, i, j });
      regions.push({
        code,
        name,
        level: 'community',
        parentCode: subCode,
        boundary: polygon([quad.nw, quad.sw, quad.se, quad.ne, quad.nw]),
      });
    });
  }
  return { regions, communities, streets: latticeStreets(rng, lattice) };
}

function latticeStreets(rng: Random, lattice: Lattice): StreetRecord[] {
  const streets: StreetRecord[] = [];
  const ns = uniqueNamer(rng.fork('ns-roads'), NS_ROAD_STEMS);
  const ew = uniqueNamer(rng.fork('ew-roads'), EW_ROAD_STEMS);
  const cls = (k: number, n: number): StreetClass => (k % 3 === 0 || k === n ? 'arterial' : 'secondary');
  const has = (i: number, j: number): boolean => lattice.cells.has(cellKey(i, j));
  // A road runs along the cells it borders; a gap in the run ends one street and starts the next.
  const runs = (len: number, borders: (k: number) => boolean): [number, number][] => {
    const out: [number, number][] = [];
    let start = -1;
    for (let k = 0; k <= len; k++) {
      if (k < len && borders(k)) {
        if (start < 0) start = k;
      } else if (start >= 0) {
        out.push([start, k]);
        start = -1;
      }
    }
    return out;
  };
  for (let i = 0; i <= lattice.cols; i++) {
    const c = cls(i, lattice.cols);
    const name = ns() + (c === 'arterial' ? '大街' : '路');
    for (const [j0, j1] of runs(lattice.rows, (j) => has(i - 1, j) || has(i, j))) {
      const line: XY[] = [];
      for (let j = j0; j <= j1; j++) line.push(latticePoint(lattice, i, j));
      streets.push({ id: 0, name, class: c, geometry: { type: 'LineString', coordinates: line.map(toLngLat) } });
    }
  }
  for (let j = 0; j <= lattice.rows; j++) {
    const c = cls(j, lattice.rows);
    const name = ew() + (c === 'arterial' ? '路' : '街');
    for (const [i0, i1] of runs(lattice.cols, (i) => has(i, j - 1) || has(i, j))) {
      const line: XY[] = [];
      for (let i = i0; i <= i1; i++) line.push(latticePoint(lattice, i, j));
      streets.push({ id: 0, name, class: c, geometry: { type: 'LineString', coordinates: line.map(toLngLat) } });
    }
  }
  return streets;
}
