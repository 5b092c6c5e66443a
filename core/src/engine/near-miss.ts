/**
 * Near-misses in a street network: a street that stops short of another line (a street, the
 * boundary) by less than a gap is joined to it, as surveyors and OSM mappers mean it to be.
 * The end is carried straight on along its last segment when that meets a line within the
 * gap (a T-junction drawn a little short); otherwise it is joined to the nearest point of
 * the nearest line. The joins are returned as short connector lines, so the input stays as
 * it was and the noder treats the joins like any other line. Local frame, metres.
 */
import Flatbush from 'flatbush';
import type { XY } from './local-frame.js';

export interface NearMissOptions {
  /** Ends stopping short by less than this are joined, metres. */
  gapM: number;
  /** Ends closer than this to a line already touch it, metres (the noder's pixel). */
  touchM: number;
}

/** Closest point of segment a–b to p, and its distance. */
function closest(p: XY, a: XY, b: XY): { q: XY; d: number } {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  const q: XY = [a[0] + t * dx, a[1] + t * dy];
  return { q, d: Math.hypot(p[0] - q[0], p[1] - q[1]) };
}

/** Distance along the ray p + t·d (d a unit vector) to segment a–b, or Infinity. */
function rayHit(p: XY, d: XY, a: XY, b: XY): number {
  const ex = b[0] - a[0];
  const ey = b[1] - a[1];
  const den = d[0] * ey - d[1] * ex;
  if (den === 0) return Infinity;
  const wx = a[0] - p[0];
  const wy = a[1] - p[1];
  const t = (wx * ey - wy * ex) / den;
  const s = (wx * d[1] - wy * d[0]) / den;
  return t > 0 && s >= 0 && s <= 1 ? t : Infinity;
}

/**
 * Connectors `[end, target]` for the free ends of the open lines among `lines` (those listed
 * in `open`) that stop short of any line by less than `gapM`.
 *
 * @example
 * nearMissConnectors([[[0, 0], [10, 0]], [[5, 1.2], [5, 9]]], [1], { gapM: 2, touchM: 0.01 })
 * // [[[5, 1.2], [5, 0]]]
 */
export function nearMissConnectors(lines: readonly (readonly XY[])[], open: readonly number[], options: NearMissOptions): [XY, XY][] {
  const { gapM, touchM } = options;
  if (gapM <= 0 || open.length === 0) return [];
  const segLine: number[] = [];
  const segAt: number[] = [];
  /** Distance along its line from the line's start to the segment's start, metres. */
  const segFrom: number[] = [];
  const lineLength: number[] = [];
  lines.forEach((line, li) => {
    let along = 0;
    for (let k = 1; k < line.length; k++) {
      segLine.push(li);
      segAt.push(k - 1);
      segFrom.push(along);
      along += Math.hypot(line[k]![0] - line[k - 1]![0], line[k]![1] - line[k - 1]![1]);
    }
    lineLength.push(along);
  });
  if (segLine.length === 0) return [];
  const index = new Flatbush(segLine.length);
  for (let s = 0; s < segLine.length; s++) {
    const a = lines[segLine[s]!]![segAt[s]!]!;
    const b = lines[segLine[s]!]![segAt[s]! + 1]!;
    index.add(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]));
  }
  index.finish();

  const connectors: [XY, XY][] = [];
  for (const li of open) {
    const line = lines[li]!;
    if (line.length < 2) continue;
    const closed = line[0]![0] === line[line.length - 1]![0] && line[0]![1] === line[line.length - 1]![1];
    if (closed) continue;
    for (const atStart of [true, false]) {
      const e = atStart ? line[0]! : line[line.length - 1]!;
      // The direction the street was heading: from the nearest vertex at least a little away.
      let k = atStart ? 1 : line.length - 2;
      while (k > 0 && k < line.length - 1 && Math.hypot(line[k]![0] - e[0], line[k]![1] - e[1]) < touchM) k += atStart ? 1 : -1;
      const back = line[k]!;
      const len = Math.hypot(e[0] - back[0], e[1] - back[1]);
      // The line's own segments near this end are no target: only parts at least 2 gaps away along it.
      const endAlong = atStart ? 0 : lineLength[li]!;
      const candidates = index.search(e[0] - gapM, e[1] - gapM, e[0] + gapM, e[1] + gapM).filter((s) => {
        if (segLine[s] !== li) return true;
        const a = lines[li]![segAt[s]!]!;
        const b = lines[li]![segAt[s]! + 1]!;
        const from = segFrom[s]!;
        const to = from + Math.hypot(b[0] - a[0], b[1] - a[1]);
        return atStart ? from > endAlong + 2 * gapM : to < endAlong - 2 * gapM;
      });
      let nearest: { q: XY; d: number } | null = null;
      for (const s of candidates) {
        const c = closest(e, lines[segLine[s]!]![segAt[s]!]!, lines[segLine[s]!]![segAt[s]! + 1]!);
        if (!nearest || c.d < nearest.d) nearest = c;
      }
      if (!nearest || nearest.d <= touchM || nearest.d >= gapM) continue;
      let target = nearest.q;
      if (len > 0) {
        const d: XY = [(e[0] - back[0]) / len, (e[1] - back[1]) / len];
        let best = Infinity;
        for (const s of candidates)
          best = Math.min(best, rayHit(e, d, lines[segLine[s]!]![segAt[s]!]!, lines[segLine[s]!]![segAt[s]! + 1]!));
        if (best < gapM) target = [e[0] + best * d[0], e[1] + best * d[1]];
      }
      connectors.push([e, target]);
    }
  }
  return connectors;
}
