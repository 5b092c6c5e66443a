/**
 * The edits that turn a clean ring into the mistakes files really carry: swapped vertices
 * (a bow-tie), a reversed run (a figure-8), a spike, repeats, a scaled copy (slivers and
 * overlaps with neighbours), a small square inside (a hole written as a shell). Rings are
 * closed `[lng, lat]` degree positions; distances are metres.
 */
import { metresPerDegree } from '@gridatlas/core';
import type { Position } from 'geojson';

export type Ring = Position[];

/** The ring without its closing position. */
const open = (ring: Ring): Ring => ring.slice(0, -1);
const close = (pts: Ring): Ring => [...pts, pts[0]!];

/** Vertices k and k+1 swapped: the two edges around them cross (a bow-tie). */
export function swapVertices(ring: Ring, k: number): Ring {
  const pts = open(ring);
  const i = 1 + (k % (pts.length - 2));
  [pts[i], pts[i + 1]] = [pts[i + 1]!, pts[i]!];
  return close(pts);
}

/** A run of about a third of the vertices reversed: the ring crosses itself (a figure-8). */
export function reverseRun(ring: Ring, k: number): Ring {
  const pts = open(ring);
  const m = Math.max(2, Math.floor(pts.length / 3));
  const i = 1 + (k % Math.max(1, pts.length - m - 1));
  const run = pts.slice(i, i + m).reverse();
  pts.splice(i, m, ...run);
  return close(pts);
}

/** A spike of `lengthM` out of vertex k, away from `centre`, and straight back. */
export function addSpike(ring: Ring, k: number, centre: Position, lengthM: number): Ring {
  const pts = open(ring);
  const i = k % pts.length;
  const a = pts[i]!;
  const m = metresPerDegree(a[1]!);
  const dx = (a[0]! - centre[0]!) * m.x;
  const dy = (a[1]! - centre[1]!) * m.y;
  const len = Math.hypot(dx, dy) || 1;
  const tip = [a[0]! + ((dx / len) * lengthM) / m.x, a[1]! + ((dy / len) * lengthM) / m.y];
  pts.splice(i + 1, 0, tip, a);
  return close(pts);
}

/** Every `every`-th vertex written twice. */
export function repeatVertices(ring: Ring, every: number): Ring {
  return ring.flatMap((p, i) => (i > 0 && i < ring.length - 1 && i % every === 0 ? [p, p] : [p]));
}

/** The ring scaled about `centre` so its farthest vertex moves by `offsetM` (negative: inwards). */
export function scaleRing(ring: Ring, centre: Position, offsetM: number): Ring {
  const m = metresPerDegree(centre[1]!);
  const far = Math.max(...ring.map((p) => Math.hypot((p[0]! - centre[0]!) * m.x, (p[1]! - centre[1]!) * m.y)));
  const f = 1 + offsetM / Math.max(far, 1e-9);
  return ring.map((p) => [centre[0]! + (p[0]! - centre[0]!) * f, centre[1]! + (p[1]! - centre[1]!) * f]);
}

/** A counter-clockwise square of half-side `halfM` around `centre`. */
export function square(centre: Position, halfM: number): Ring {
  const m = metresPerDegree(centre[1]!);
  const hx = halfM / m.x;
  const hy = halfM / m.y;
  const [x, y] = [centre[0]!, centre[1]!];
  return [
    [x - hx, y - hy],
    [x + hx, y - hy],
    [x + hx, y + hy],
    [x - hx, y + hy],
    [x - hx, y - hy],
  ];
}
