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
 * As in JTS, the tests run on the input's own segments (in pixel units, not rounded): a street
 * ending exactly on another line lies in a hot pixel that line passes through, wherever the
 * rounding of that line's far vertices would have moved it. Nodes are integers in pixel units
 * (|coordinate| < 2^24), so everything built on them — faces, orientation — is exact.
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

const orient = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number =>
  (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);

/** Half the side of a hot pixel, a hair over 0.5 so a line through a corner exactly counts. */
const HALF = 0.5 + 1e-9;

/** Whether segment a–b (pixel units) meets the closed pixel square centred on (px, py). */
function touchesPixel(ax: number, ay: number, bx: number, by: number, px: number, py: number): boolean {
  // Separating axes: x and y (box against the segment's box), then the segment's normal.
  if (Math.max(ax, bx) < px - HALF || Math.min(ax, bx) > px + HALF) return false;
  if (Math.max(ay, by) < py - HALF || Math.min(ay, by) > py + HALF) return false;
  const dx = bx - ax;
  const dy = by - ay;
  const cx = px - ax;
  const cy = py - ay;
  const o1 = dx * (cy - HALF) - dy * (cx - HALF);
  const o2 = dx * (cy - HALF) - dy * (cx + HALF);
  const o3 = dx * (cy + HALF) - dy * (cx + HALF);
  const o4 = dx * (cy + HALF) - dy * (cx - HALF);
  return !((o1 > 0 && o2 > 0 && o3 > 0 && o4 > 0) || (o1 < 0 && o2 < 0 && o3 < 0 && o4 < 0));
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
        throw new RangeError(
          `snapRound: coordinate (${p[0]}, ${p[1]}) m is beyond ${MAX_PIXELS} pixels of ${pixel} m from the frame's centre`,
        );
      }
      const n = out.length;
      if (n >= 2 && out[n - 2] === x && out[n - 1] === y) continue;
      out.push(x, y);
      from.push(k);
    }
    return out;
  });
  // Segments: their line, their ends (pixels) and the input vertex they start from.
  let segments = 0;
  for (const r of rounded) segments += Math.max(0, r.length / 2 - 1);
  const segLine = new Int32Array(segments);
  const vertexOf = new Int32Array(segments);
  const sax = new Float64Array(segments);
  const say = new Float64Array(segments);
  const sbx = new Float64Array(segments);
  const sby = new Float64Array(segments);
  let ns = 0;
  rounded.forEach((r, li) => {
    for (let k = 0; k + 3 < r.length; k += 2, ns++) {
      // The input segment ending at the next kept vertex (those dropped before it share a pixel).
      const v = kept[li]![k / 2 + 1]! - 1;
      const a = lines[li]![v]!;
      const b = lines[li]![v + 1]!;
      segLine[ns] = li;
      vertexOf[ns] = v;
      sax[ns] = a[0] / pixel;
      say[ns] = a[1] / pixel;
      sbx[ns] = b[0] / pixel;
      sby[ns] = b[1] / pixel;
    }
  });

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

  const segIndex = new Flatbush(Math.max(1, segments));
  for (let s = 0; s < segments; s++)
    segIndex.add(Math.min(sax[s]!, sbx[s]!), Math.min(say[s]!, sby[s]!), Math.max(sax[s]!, sbx[s]!), Math.max(say[s]!, sby[s]!));
  if (segments === 0) segIndex.add(0, 0, 0, 0);
  segIndex.finish();
  for (let s = 0; s < segments; s++) {
    const ax = sax[s]!;
    const ay = say[s]!;
    const bx = sbx[s]!;
    const by = sby[s]!;
    for (const t of segIndex.search(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by))) {
      if (t <= s || t >= segments) continue;
      const cx = sax[t]!;
      const cy = say[t]!;
      const dx = sbx[t]!;
      const dy = sby[t]!;
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
  const at = new Float64Array(hx.length);
  for (let s = 0; s < segments; s++) {
    const ax = sax[s]!;
    const ay = say[s]!;
    const bx = sbx[s]!;
    const by = sby[s]!;
    const dx = bx - ax;
    const dy = by - ay;
    const hits = hotIndex.search(
      Math.min(ax, bx) - HALF,
      Math.min(ay, by) - HALF,
      Math.max(ax, bx) + HALF,
      Math.max(ay, by) + HALF,
      (h) => h < hx.length && touchesPixel(ax, ay, bx, by, hx[h]!, hy[h]!),
    );
    // Order along the segment (projection), ties by id so the order is the same every run.
    for (const h of hits) at[h] = (hx[h]! - ax) * dx + (hy[h]! - ay) * dy;
    if (hits.length > 2) hits.sort((p, q) => at[p]! - at[q]! || p - q);
    else if (hits.length === 2 && (at[hits[0]!]! > at[hits[1]!]! || (at[hits[0]!] === at[hits[1]!] && hits[0]! > hits[1]!))) hits.reverse();
    const path = paths[segLine[s]!]!;
    const along = pathSegments[segLine[s]!]!;
    for (const h of hits) {
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
