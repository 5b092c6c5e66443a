/**
 * A community is a quadrilateral between four streets; positions inside it are addressed by
 * bilinear coordinates (u west→east, v north→south, both 0–1). Isoparametric lines of a
 * bilinear patch are straight, so blocks, compounds and grids cut along constant u or v are
 * exact polygons whose shared edges coincide.
 */
import type { XY } from './local-frame.js';

export interface Quad {
  nw: XY;
  ne: XY;
  se: XY;
  sw: XY;
}

export function quadPoint(q: Quad, u: number, v: number): XY {
  const a = (1 - u) * (1 - v);
  const b = u * (1 - v);
  const c = u * v;
  const d = (1 - u) * v;
  return [a * q.nw[0] + b * q.ne[0] + c * q.se[0] + d * q.sw[0], a * q.nw[1] + b * q.ne[1] + c * q.se[1] + d * q.sw[1]];
}

/** Width (west–east) and height (north–south) in metres, averaged over opposite sides. */
export function quadSize(q: Quad): { width: number; height: number } {
  const len = (a: XY, b: XY): number => Math.hypot(a[0] - b[0], a[1] - b[1]);
  return { width: (len(q.nw, q.ne) + len(q.sw, q.se)) / 2, height: (len(q.nw, q.sw) + len(q.ne, q.se)) / 2 };
}

export interface UvRect {
  u0: number;
  u1: number;
  v0: number;
  v1: number;
}

/**
 * The counter-clockwise ring of a uv rectangle, with extra vertices at `uCuts`/`vCuts` that
 * fall inside its edges, so neighbours cut at those values share vertices exactly.
 */
export function uvRing(q: Quad, r: UvRect, uCuts: readonly number[] = [], vCuts: readonly number[] = []): XY[] {
  const inner = (cuts: readonly number[], a: number, b: number): number[] =>
    cuts.filter((c) => c > Math.min(a, b) + 1e-9 && c < Math.max(a, b) - 1e-9).sort((x, y) => (a < b ? x - y : y - x));
  const ring: XY[] = [];
  // West edge north→south, south edge west→east, east edge south→north, north edge east→west.
  ring.push(quadPoint(q, r.u0, r.v0));
  for (const v of inner(vCuts, r.v0, r.v1)) ring.push(quadPoint(q, r.u0, v));
  ring.push(quadPoint(q, r.u0, r.v1));
  for (const u of inner(uCuts, r.u0, r.u1)) ring.push(quadPoint(q, u, r.v1));
  ring.push(quadPoint(q, r.u1, r.v1));
  for (const v of inner(vCuts, r.v1, r.v0)) ring.push(quadPoint(q, r.u1, v));
  ring.push(quadPoint(q, r.u1, r.v0));
  for (const u of inner(uCuts, r.u1, r.u0)) ring.push(quadPoint(q, u, r.v0));
  ring.push(quadPoint(q, r.u0, r.v0));
  return ring;
}
