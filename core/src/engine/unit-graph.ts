/**
 * Adjacency of polygon units drawn independently (census blocks, neighbourhoods): two units
 * are neighbours when their boundaries run together, within a tolerance, for some length.
 * Flatbush over boundary segments finds the candidates; the shared length is the overlap of
 * nearly collinear segments. Metres, in a local frame of the units' extent.
 */
import Flatbush from 'flatbush';
import type { Polygon } from 'geojson';
import { localFrame, type XY } from './local-frame.js';

/**
 * Shared boundary length between polygons, metres: `result[a]` maps b → length.
 * Pairs sharing less than `minSharedM` (a corner) are not neighbours.
 */
export function polygonAdjacency(polygons: readonly Polygon[], toleranceM = 1, minSharedM = 1): Map<number, number>[] {
  const result = polygons.map(() => new Map<number, number>());
  if (polygons.length < 2) return result;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of polygons) {
    for (const q of p.coordinates[0]!) {
      minX = Math.min(minX, q[0]!);
      maxX = Math.max(maxX, q[0]!);
      minY = Math.min(minY, q[1]!);
      maxY = Math.max(maxY, q[1]!);
    }
  }
  const frame = localFrame([minX, minY, maxX, maxY]);
  const segs: { a: XY; b: XY; owner: number }[] = [];
  polygons.forEach((p, owner) => {
    for (const ring of p.coordinates) {
      const xy = ring.map((q) => frame.toXY(q));
      for (let i = 1; i < xy.length; i++) segs.push({ a: xy[i - 1]!, b: xy[i]!, owner });
    }
  });
  const index = new Flatbush(segs.length);
  for (const s of segs) index.add(Math.min(s.a[0], s.b[0]), Math.min(s.a[1], s.b[1]), Math.max(s.a[0], s.b[0]), Math.max(s.a[1], s.b[1]));
  index.finish();
  const shared = new Map<string, number>();
  segs.forEach((s, i) => {
    const dx = s.b[0] - s.a[0];
    const dy = s.b[1] - s.a[1];
    const len = Math.hypot(dx, dy);
    if (len === 0) return;
    const ux = dx / len;
    const uy = dy / len;
    const t = toleranceM;
    for (const j of index.search(
      Math.min(s.a[0], s.b[0]) - t,
      Math.min(s.a[1], s.b[1]) - t,
      Math.max(s.a[0], s.b[0]) + t,
      Math.max(s.a[1], s.b[1]) + t,
    )) {
      const o = segs[j]!;
      if (j <= i || o.owner === s.owner) continue;
      // Both ends of the other segment near this segment's line, then overlap along it.
      const da = Math.abs((o.a[0] - s.a[0]) * uy - (o.a[1] - s.a[1]) * ux);
      const db = Math.abs((o.b[0] - s.a[0]) * uy - (o.b[1] - s.a[1]) * ux);
      if (da > t || db > t) continue;
      const pa = (o.a[0] - s.a[0]) * ux + (o.a[1] - s.a[1]) * uy;
      const pb = (o.b[0] - s.a[0]) * ux + (o.b[1] - s.a[1]) * uy;
      const overlap = Math.min(len, Math.max(pa, pb)) - Math.max(0, Math.min(pa, pb));
      if (overlap <= 0) continue;
      const a = Math.min(s.owner, o.owner);
      const b = Math.max(s.owner, o.owner);
      shared.set(`${a},${b}`, (shared.get(`${a},${b}`) ?? 0) + overlap);
    }
  });
  for (const [k, len] of shared) {
    if (len < minSharedM) continue;
    const [a, b] = k.split(',').map(Number) as [number, number];
    result[a]!.set(b, len);
    result[b]!.set(a, len);
  }
  return result;
}
