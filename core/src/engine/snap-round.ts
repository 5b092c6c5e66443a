/**
 * Snap rounding (Hobby 1999; Guibas & Marimont; the method of JTS's SnapRoundingNoder and
 * GEOS's noder under PostGIS's ST_Node with a grid): every vertex and every crossing of the
 * input polylines is rounded to a grid of `pixel` metres, and every segment is routed
 * through the centre of each such "hot" pixel it passes through. The result is a planar
 * graph — edges meet only at shared nodes — whatever the input: crossings without a shared
 * vertex, ends lying on other lines, collinear overlapping duplicates (they become the same
 * edges) and vertices closer than a pixel (they become one node). No node moves more than
 * half a pixel diagonal from where the input put it.
 *
 * Coordinates are integers in pixel units internally, so every predicate (orientation,
 * segment against pixel) is exact in doubles while |coordinate| < 2^24 pixels.
 */
import Flatbush from 'flatbush';
import type { XY } from './local-frame.js';

export interface SnapRounded {
  /** Node positions in pixel units (integers). */
  gx: Int32Array;
  gy: Int32Array;
  /** Each input polyline as the nodes it passes through, in its order (repeats removed). */
  paths: number[][];
  /** For each node of `paths`, the input segment (its first vertex's index) it lies on. */
  pathSegments: number[][];
  /** Unique undirected edges, `u < v`, with the polylines that run along them. */
  edges: SnapEdge[];
  /** Pixel size, metres. */
  pixel: number;
  /** The node a point (metres) rounds to, or -1 when that pixel is no node. */
  nodeAt(p: XY): number;
}

export interface SnapEdge {
  u: number;
  v: number;
  /** Indices of the input polylines along this edge; `forward[i]` says whether that one runs u→v. */
  lines: number[];
  forward: boolean[];
}

/** Largest |coordinate| in pixels for which products of differences stay exact in a double. */
const MAX_PIXELS = 2 ** 24;

const keyOf = (x: number, y: number): number => (x + MAX_PIXELS) * (2 * MAX_PIXELS) + (y + MAX_PIXELS);

const orient = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number => (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);

/** Whether segment a–b (pixel units) meets the closed pixel square centred on (px, py). */
function touchesPixel(ax: number, ay: number, bx: number, by: number, px: number, py: number): boolean {
  // Separating axes: x and y (box against the segment's box), then the segment's normal.
  if (Math.max(ax, bx) < px - 0.5 || Math.min(ax, bx) > px + 0.5) return false;
  if (Math.max(ay, by) < py - 0.5 || Math.min(ay, by) > py + 0.5) return false;
  // Doubled so the corners are integers and the orientation products exact.
  const [AX, AY, BX, BY, PX, PY] = [2 * ax, 2 * ay, 2 * bx, 2 * by, 2 * px, 2 * py];
  let pos = false;
  let neg = false;
  for (const [dx, dy] of [
    [-1, -1],
    [1, -1],
    [1, 1],
    [-1, 1],
  ] as const) {
    const o = orient(AX, AY, BX, BY, PX + dx, PY + dy);
    if (o >= 0) pos = true;
    if (o <= 0) neg = true;
  }
  return pos && neg;
}

/**
 * Snap-rounds `lines` (local frame, metres) to a grid of `pixel` metres.
 *
 * @example
 * const { edges, paths } = snapRound([[[0, 0], [10, 0]], [[5, -5], [5, 5]]], 0.01);
 * edges.length // 4: both lines split where they cross
 */
export function snapRound(lines: readonly (readonly XY[])[], pixel: number): SnapRounded {
  // Rounded polylines, consecutive repeats dropped; `kept` maps their vertices back to the input's.
  const kept: number[][] = [];
  const rounded: number[][] = lines.map((line) => {
    const out: number[] = [];
    const from: number[] = [];
    kept.push(from);
    for (const [k, p] of line.entries()) {
      const x = Math.round(p[0] / pixel);
      const y = Math.round(p[1] / pixel);
      if (!(Math.abs(x) < MAX_PIXELS && Math.abs(y) < MAX_PIXELS)) {
        throw new RangeError(`snapRound: coordinate (${p[0]}, ${p[1]}) m is beyond ${MAX_PIXELS} pixels of ${pixel} m from the frame's centre`);
      }
      const n = out.length;
      if (n >= 2 && out[n - 2] === x && out[n - 1] === y) continue;
      out.push(x, y);
      from.push(k);
    }
    return out;
  });
  // Segments: line index and the position of their first vertex in it.
  const segLine: number[] = [];
  const segAt: number[] = [];
  const vertexOf: number[] = [];
  rounded.forEach((r, li) => {
    for (let k = 0; k + 3 < r.length; k += 2) {
      segLine.push(li);
      segAt.push(k);
      // The input segment ending at the next kept vertex (those dropped before it share a pixel).
      vertexOf.push(kept[li]![k / 2 + 1]! - 1);
    }
  });
  const seg = (s: number): [number, number, number, number] => {
    const r = rounded[segLine[s]!]!;
    const k = segAt[s]!;
    return [r[k]!, r[k + 1]!, r[k + 2]!, r[k + 3]!];
  };

  // Hot pixels: every vertex, and every proper crossing rounded.
  const hot = new Map<number, number>();
  const hx: number[] = [];
  const hy: number[] = [];
  const hotId = (x: number, y: number): number => {
    const key = keyOf(x, y);
    let id = hot.get(key);
    if (id === undefined) {
      id = hx.length;
      hot.set(key, id);
      hx.push(x);
      hy.push(y);
    }
    return id;
  };
  for (const r of rounded) for (let k = 0; k < r.length; k += 2) hotId(r[k]!, r[k + 1]!);

  const segIndex = new Flatbush(Math.max(1, segLine.length));
  for (let s = 0; s < segLine.length; s++) {
    const [ax, ay, bx, by] = seg(s);
    segIndex.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
  }
  if (segLine.length === 0) segIndex.add(0, 0, 0, 0);
  segIndex.finish();
  for (let s = 0; s < segLine.length; s++) {
    const [ax, ay, bx, by] = seg(s);
    for (const t of segIndex.search(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by))) {
      if (t <= s || t >= segLine.length) continue;
      const [cx, cy, dx, dy] = seg(t);
      const o1 = orient(ax, ay, bx, by, cx, cy);
      const o2 = orient(ax, ay, bx, by, dx, dy);
      if (o1 === 0 || o2 === 0 || o1 > 0 === o2 > 0) continue;
      const o3 = orient(cx, cy, dx, dy, ax, ay);
      const o4 = orient(cx, cy, dx, dy, bx, by);
      if (o3 === 0 || o4 === 0 || o3 > 0 === o4 > 0) continue;
      // Touching and collinear contacts happen at vertices, which are hot already.
      const f = o3 / (o3 - o4);
      hotId(Math.round(ax + f * (bx - ax)), Math.round(ay + f * (by - ay)));
    }
  }

  // Route every segment through the hot pixels it touches, in order along it.
  const hotIndex = new Flatbush(Math.max(1, hx.length));
  for (let h = 0; h < hx.length; h++) hotIndex.add(hx[h]!, hy[h]!, hx[h]!, hy[h]!);
  if (hx.length === 0) hotIndex.add(0, 0, 0, 0);
  hotIndex.finish();
  const paths: number[][] = rounded.map(() => []);
  const pathSegments: number[][] = rounded.map(() => []);
  for (let s = 0; s < segLine.length; s++) {
    const [ax, ay, bx, by] = seg(s);
    const dx = bx - ax;
    const dy = by - ay;
    const hits: { t: number; h: number }[] = [];
    for (const h of hotIndex.search(Math.min(ax, bx) - 0.5, Math.min(ay, by) - 0.5, Math.max(ax, bx) + 0.5, Math.max(ay, by) + 0.5)) {
      if (h >= hx.length || !touchesPixel(ax, ay, bx, by, hx[h]!, hy[h]!)) continue;
      hits.push({ t: ((hx[h]! - ax) * dx + (hy[h]! - ay) * dy) / (dx * dx + dy * dy), h });
    }
    hits.sort((p, q) => p.t - q.t || p.h - q.h);
    const path = paths[segLine[s]!]!;
    const along = pathSegments[segLine[s]!]!;
    for (const { h } of hits) {
      if (path[path.length - 1] === h) continue;
      path.push(h);
      along.push(vertexOf[s]!);
    }
  }
  // A line of one vertex (or all in one pixel) is that one node.
  rounded.forEach((r, li) => {
    if (paths[li]!.length > 0 || r.length < 2) return;
    paths[li]!.push(hotId(r[0]!, r[1]!));
    pathSegments[li]!.push(0);
  });

  const edgeOf = new Map<number, SnapEdge>();
  const n = hx.length;
  paths.forEach((path, li) => {
    for (let k = 1; k < path.length; k++) {
      const a = path[k - 1]!;
      const b = path[k]!;
      const u = Math.min(a, b);
      const v = Math.max(a, b);
      const key = u * n + v;
      let e = edgeOf.get(key);
      if (!e) {
        e = { u, v, lines: [], forward: [] };
        edgeOf.set(key, e);
      }
      e.lines.push(li);
      e.forward.push(a === u);
    }
  });
  return {
    gx: Int32Array.from(hx),
    gy: Int32Array.from(hy),
    paths,
    pathSegments,
    edges: [...edgeOf.values()],
    pixel,
    nodeAt: (p) => {
      const x = Math.round(p[0] / pixel);
      const y = Math.round(p[1] / pixel);
      return Math.abs(x) < MAX_PIXELS && Math.abs(y) < MAX_PIXELS ? (hot.get(keyOf(x, y)) ?? -1) : -1;
    },
  };
}
