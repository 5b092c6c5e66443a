/**
 * Where to cut a street block that holds too many households: between two clusters of its
 * buildings, across the block, so the cut runs in a gap between footprints when there is
 * one. Local frame, metres.
 */
import type { XY } from './local-frame.js';

export interface CutBuilding {
  /** Footprint (or just the representative point) in the local frame. */
  xy: XY[];
  households: number;
}

/** The cut as pieces of segment inside the face (a concave face may give more than one). */
export function faceCut(ring: readonly XY[], buildings: readonly CutBuilding[]): [XY, XY][] {
  if (buildings.length < 2) return [];
  const total = buildings.reduce((s, b) => s + b.households, 0);
  // Axes: along the face's longest edge and across it (blocks are street-aligned).
  let longest = 0;
  let theta = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const dx = ring[i]![0] - ring[j]![0];
    const dy = ring[i]![1] - ring[j]![1];
    const len = Math.hypot(dx, dy);
    if (len > longest) {
      longest = len;
      theta = Math.atan2(dy, dx);
    }
  }
  let best: { score: number; d: XY; c: number } | null = null;
  const extents: number[] = [];
  const axes: XY[] = [
    [Math.cos(theta), Math.sin(theta)],
    [-Math.sin(theta), Math.cos(theta)],
  ];
  for (const d of axes) {
    const proj = ring.map((p) => p[0] * d[0] + p[1] * d[1]);
    extents.push(Math.max(...proj) - Math.min(...proj));
  }
  const maxExtent = Math.max(...extents, 1e-9);
  axes.forEach((d, ai) => {
    const spans = buildings
      .map((b) => {
        const proj = b.xy.map((p) => p[0] * d[0] + p[1] * d[1]);
        const lo = Math.min(...proj);
        const hi = Math.max(...proj);
        return { lo, hi, mid: (lo + hi) / 2, households: b.households };
      })
      .sort((p, q) => p.mid - q.mid);
    let left = 0;
    let leftHi = -Infinity;
    for (let k = 0; k + 1 < spans.length; k++) {
      left += spans[k]!.households;
      leftHi = Math.max(leftHi, spans[k]!.hi);
      const rightLo = Math.min(...spans.slice(k + 1).map((s) => s.lo));
      const clean = rightLo > leftHi;
      const c = clean ? (leftHi + rightLo) / 2 : (spans[k]!.mid + spans[k + 1]!.mid) / 2;
      if (spans[k + 1]!.mid - spans[k]!.mid < 1e-6) continue;
      const score = Math.abs(2 * left - total) / Math.max(total, 1) + (clean ? 0 : 0.5) + 0.15 * (1 - extents[ai]! / maxExtent);
      if (!best || score < best.score) best = { score, d, c };
    }
  });
  if (!best) return [];
  return clipLine(ring, (best as { d: XY }).d, (best as { c: number }).c);
}

/** Pieces inside `ring` of the line {p : p·d = c}. */
function clipLine(ring: readonly XY[], d: XY, c0: number): [XY, XY][] {
  const n: XY = [-d[1], d[0]];
  let c = c0;
  // Nudge the line off any vertex so every crossing is a proper one.
  for (let tries = 0; tries < 5 && ring.some((p) => Math.abs(p[0] * d[0] + p[1] * d[1] - c) < 1e-6); tries++) c += 1e-3;
  const hits: number[] = [];
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j]!;
    const b = ring[i]!;
    const pa = a[0] * d[0] + a[1] * d[1] - c;
    const pb = b[0] * d[0] + b[1] * d[1] - c;
    if (pa > 0 === pb > 0) continue;
    const t = pa / (pa - pb);
    const x = a[0] + t * (b[0] - a[0]);
    const y = a[1] + t * (b[1] - a[1]);
    hits.push(x * n[0] + y * n[1]);
  }
  hits.sort((p, q) => p - q);
  const at = (s: number): XY => [c * d[0] + s * n[0], c * d[1] + s * n[1]];
  const pieces: [XY, XY][] = [];
  for (let k = 0; k + 1 < hits.length; k += 2) pieces.push([at(hits[k]!), at(hits[k + 1]!)]);
  return pieces;
}
