/**
 * Grid serials (the last 3 digits of a grid code) are given on a plan's first approval in
 * reading order — rows north→south, west→east within a row — and never reused. Until then a
 * draft's new grid carries a provisional code: its community code, "N" and two base-36
 * characters, which no approved grid can have.
 */
import { geometryBBox } from '../geometry/point-in-polygon.js';
import type { GridGeometry } from './plan.types.js';

const PROVISIONAL = /^\d{12}N[0-9A-Z]{2}$/;
/** Provisional codes a community's draft can hold at once. */
export const MAX_PROVISIONAL = 36 * 36 - 1;

export function isProvisionalCode(code: string): boolean {
  return PROVISIONAL.test(code);
}

/** The `n`-th provisional code (1 ≤ n ≤ MAX_PROVISIONAL) of a 12-digit community. */
export function provisionalCode(communityCode: string, n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > MAX_PROVISIONAL) throw new RangeError(`provisional serial ${n} is outside 1–${MAX_PROVISIONAL}`);
  return `${communityCode}N${n.toString(36).toUpperCase().padStart(2, '0')}`;
}

/**
 * Keys of `grids` in reading order: bands north→south one median grid-height tall, and
 * west→east within a band, by bounding-box centre. Deterministic for the same shapes.
 */
export function readingOrder(grids: readonly { key: string; geometry: GridGeometry }[]): string[] {
  const boxes = grids.map((g) => ({ key: g.key, b: geometryBBox(g.geometry) }));
  if (boxes.length === 0) return [];
  const heights = boxes.map(({ b }) => b[3] - b[1]).sort((x, y) => x - y);
  const band = Math.max(heights[Math.floor(heights.length / 2)]!, 1e-9);
  const north = Math.max(...boxes.map(({ b }) => b[3]));
  return boxes
    .map(({ key, b }) => ({ key, row: Math.floor((north - (b[1] + b[3]) / 2) / band), x: (b[0] + b[2]) / 2 }))
    .sort((p, q) => p.row - q.row || p.x - q.x || (p.key < q.key ? -1 : 1))
    .map((p) => p.key);
}
