/**
 * Cleaning one ring before any topology: repeated vertices removed, the ring closed, spikes
 * (an edge that runs out and straight back) cut off. Vertices on a straight edge are kept on
 * purpose: they are where a neighbour's corner meets this edge (a T-junction), and grids and
 * blocks are joined by their shared vertices. Degrees `[lng, lat]`.
 */
import type { XY } from './read-coordinates.js';

export interface CleanRing {
  /** The closed ring (first position repeated last), or null when fewer than 3 distinct vertices are left. */
  ring: XY[] | null;
  /** Repeated consecutive vertices removed. */
  duplicates: number;
  /** The ring's last position did not repeat its first. */
  closed: boolean;
  /** Spike vertices removed, and where the first was. */
  spikes: number;
  spikeAt?: XY;
  /**
   * The closed ring with repeats removed but its spikes still on it (null when fewer than 2
   * distinct vertices): the linework an invalid polygon is rebuilt from, as PostGIS's
   * ST_MakeValid sees it — a spike's edges can close a face with the rest of the ring.
   */
  drawn: XY[] | null;
}

const same = (a: XY, b: XY): boolean => a[0] === b[0] && a[1] === b[1];

/** Whether b is the tip of a spike a → b → c: c lies back on the line a–b, not beyond b. */
function isSpike(a: XY, b: XY, c: XY): boolean {
  if (same(a, c)) return true;
  const ux = b[0] - a[0];
  const uy = b[1] - a[1];
  const vx = c[0] - b[0];
  const vy = c[1] - b[1];
  const cross = ux * vy - uy * vx;
  const dot = ux * vx + uy * vy;
  // Exactly back along the same line (to rounding of the inputs' own digits).
  return dot < 0 && Math.abs(cross) <= 1e-12 * Math.hypot(ux, uy) * Math.hypot(vx, vy);
}

/** Twice the signed planar area of a closed ring in degree space: > 0 counter-clockwise. */
export function signedArea2(ring: readonly XY[]): number {
  let s = 0;
  for (let i = 1; i < ring.length; i++) s += ring[i - 1]![0] * ring[i]![1] - ring[i]![0] * ring[i - 1]![1];
  return s;
}

/** Whether every vertex lies on one straight line (the ring encloses nothing). */
function collinear(pts: readonly XY[]): boolean {
  const o = pts[0]!;
  let far = o;
  let best = 0;
  for (const p of pts) {
    const d = Math.hypot(p[0] - o[0], p[1] - o[1]);
    if (d > best) [far, best] = [p, d];
  }
  const ux = far[0] - o[0];
  const uy = far[1] - o[1];
  return pts.every((p) => Math.abs(ux * (p[1] - o[1]) - uy * (p[0] - o[0])) <= 1e-12 * best * best);
}

/** Cleans a ring of `[lng, lat]` positions (closed or not). */
export function cleanRing(input: readonly XY[]): CleanRing {
  const result: CleanRing = { ring: null, duplicates: 0, closed: false, spikes: 0, drawn: null };
  if (input.length === 0) return result;
  const closedInput = input.length > 1 && same(input[0]!, input[input.length - 1]!);
  if (!closedInput) result.closed = true;
  const open = closedInput ? input.slice(0, -1) : input.slice();
  let pts: XY[] = [];
  for (const p of open) {
    if (pts.length > 0 && same(pts[pts.length - 1]!, p)) result.duplicates++;
    else pts.push(p);
  }
  while (pts.length > 1 && same(pts[0]!, pts[pts.length - 1]!)) {
    pts.pop();
    result.duplicates++;
  }
  if (pts.length >= 2) result.drawn = [...pts, pts[0]!];
  // Spikes, cyclically, until none is left (cutting one can expose the next).
  let changed = true;
  while (changed && pts.length >= 3) {
    changed = false;
    for (let i = 0; i < pts.length && pts.length >= 3; i++) {
      const a = pts[(i + pts.length - 1) % pts.length]!;
      const b = pts[i]!;
      const c = pts[(i + 1) % pts.length]!;
      if (!isSpike(a, b, c)) continue;
      result.spikes++;
      result.spikeAt ??= b;
      pts.splice(i, 1);
      // A spike back to the same vertex leaves a repeated vertex behind.
      pts = pts.filter((p, k) => k === 0 || !same(p, pts[k - 1]!));
      while (pts.length > 1 && same(pts[0]!, pts[pts.length - 1]!)) pts.pop();
      changed = true;
      i = Math.max(-1, i - 2);
    }
  }
  if (pts.length < 3 || collinear(pts)) return result;
  result.ring = [...pts, pts[0]!];
  return result;
}
