/**
 * The district's skeleton: a perturbed lattice of north–south and east–west roads (slightly
 * tilted, irregularly spaced). Each lattice cell between four roads is one community; the
 * cells kept form the district. Road lines are exact, so every boundary follows a street.
 */
import type { Random } from '@gridatlas/core';
import type { XY } from './local-frame.js';
import type { Quad } from './quad.js';

export interface LatticeLine {
  /** Offset at the lattice centre, metres. */
  offset: number;
  /** Tilt: metres of offset per metre along the other axis. */
  slope: number;
}

export interface Lattice {
  cols: number;
  rows: number;
  /** North–south roads, west→east: x = offset + slope·(y − yMid). */
  vertical: LatticeLine[];
  /** East–west roads, north→south: y = offset + slope·(x − xMid). */
  horizontal: LatticeLine[];
  xMid: number;
  yMid: number;
  /** Kept cells as "i,j" keys (i column west→east, j row north→south). */
  cells: Set<string>;
}

export const cellKey = (i: number, j: number): string => `${i},${j}`;

export function buildLattice(rng: Random, cols: number, rows: number, dropped: readonly [number, number][]): Lattice {
  const vertical: LatticeLine[] = [];
  let x = 0;
  for (let i = 0; i <= cols; i++) {
    vertical.push({ offset: x, slope: rng.range(-0.05, 0.05) });
    x += rng.range(470, 640);
  }
  const horizontal: LatticeLine[] = [];
  let y = 0;
  for (let j = 0; j <= rows; j++) {
    horizontal.push({ offset: y, slope: rng.range(-0.04, 0.04) });
    y -= rng.range(420, 560);
  }
  const xMid = vertical[cols]!.offset / 2;
  const yMid = horizontal[rows]!.offset / 2;
  // Centre the district on the origin.
  for (const l of vertical) l.offset -= xMid;
  for (const l of horizontal) l.offset -= yMid;
  const cells = new Set<string>();
  const drop = new Set(dropped.map(([i, j]) => cellKey(i, j)));
  for (let j = 0; j < rows; j++) for (let i = 0; i < cols; i++) if (!drop.has(cellKey(i, j))) cells.add(cellKey(i, j));
  return { cols, rows, vertical, horizontal, xMid: 0, yMid: 0, cells };
}

/** Where vertical road i meets horizontal road j. */
export function latticePoint(l: Lattice, i: number, j: number): XY {
  const v = l.vertical[i]!;
  const h = l.horizontal[j]!;
  // x = v.offset + v.slope·y ; y = h.offset + h.slope·x  (centre at the origin)
  const x = (v.offset + v.slope * h.offset) / (1 - v.slope * h.slope);
  return [x, h.offset + h.slope * x];
}

export function cellQuad(l: Lattice, i: number, j: number): Quad {
  return { nw: latticePoint(l, i, j), ne: latticePoint(l, i + 1, j), se: latticePoint(l, i + 1, j + 1), sw: latticePoint(l, i, j + 1) };
}

/**
 * The counter-clockwise outline of a set of cells, through every lattice vertex on it.
 * The sets used here are staircase shapes without holes or pinch points.
 */
export function cellsOutline(l: Lattice, cells: ReadonlySet<string>): XY[] {
  // Directed boundary edges of each cell's ccw ring (NW→SW→SE→NE→NW) whose neighbour is absent.
  const next = new Map<string, [number, number]>();
  for (const key of cells) {
    const [i, j] = key.split(',').map(Number) as [number, number];
    const edges: [[number, number], [number, number], string][] = [
      [[i, j], [i, j + 1], cellKey(i - 1, j)],
      [[i, j + 1], [i + 1, j + 1], cellKey(i, j + 1)],
      [[i + 1, j + 1], [i + 1, j], cellKey(i + 1, j)],
      [[i + 1, j], [i, j], cellKey(i, j - 1)],
    ];
    for (const [from, to, neighbour] of edges) if (!cells.has(neighbour)) next.set(from.join(','), to);
  }
  const [startKey] = next.keys();
  if (startKey === undefined) return [];
  const ring: XY[] = [];
  let key = startKey;
  do {
    const [i, j] = key.split(',').map(Number) as [number, number];
    ring.push(latticePoint(l, i, j));
    const to = next.get(key);
    if (!to) throw new Error(`outline broken at lattice vertex ${key}`);
    key = to.join(',');
  } while (key !== startKey && ring.length <= next.size);
  ring.push(ring[0]!);
  return ring;
}
