/**
 * Planar faces of a set of lines inside a boundary: the lines are noded (every crossing and
 * every end lying on another line becomes a shared vertex, vertices closer than a snap
 * tolerance are one), clipped to the boundary, stripped of dangling ends, and the faces of
 * the resulting planar graph are traced (half-edge walk, faces on the left). Sliver faces are
 * merged into their longest-shared neighbour, so the faces always tile the boundary.
 * Works in a local metric frame (metres); every vertex keeps a WGS84 `[lng, lat]` position.
 */
import Flatbush from 'flatbush';
import type { Position } from 'geojson';
import { insideRing, ringArea2, type XY } from './local-frame.js';

/** A polyline in the local frame, with the `[lng, lat]` of each vertex. */
export interface FrameLine {
  xy: XY[];
  lngLat: Position[];
}

export interface PlanarFace {
  /** Outer ring as vertex ids, counter-clockwise, not closed. */
  ring: number[];
  /** Holes as vertex ids, clockwise, not closed. */
  holes: number[][];
  /** m² (holes subtracted). */
  area: number;
}

export interface PlanarFaces {
  /** Vertex positions in the local frame (metres) and in degrees. */
  xy: XY[];
  lngLat: Position[];
  faces: PlanarFace[];
  /** Shared edge length between faces, metres: `adjacency[a]` maps b → length. */
  adjacency: Map<number, number>[];
}

export interface PlanarOptions {
  /** Vertices closer than this are one, metres. Default 0.5. */
  snapM?: number;
  /** Faces smaller than this are merged into a neighbour, m². Default 1. */
  sliverM2?: number;
  /** ...as are faces thinner than this on average (2·area/perimeter), metres. Default 0.5. */
  sliverWidthM?: number;
}

/** Vertices merged within the snap tolerance; earlier vertices win, so the boundary's come first. */
class VertexStore {
  readonly xy: XY[] = [];
  readonly lngLat: Position[] = [];
  private readonly cells = new Map<string, number[]>();
  constructor(private readonly tol: number) {}

  add(x: number, y: number, lngLat: () => Position): number {
    const cx = Math.floor(x / this.tol);
    const cy = Math.floor(y / this.tol);
    let best = -1;
    let bestD = this.tol;
    for (let i = cx - 1; i <= cx + 1; i++) {
      for (let j = cy - 1; j <= cy + 1; j++) {
        for (const v of this.cells.get(`${i},${j}`) ?? []) {
          const d = Math.hypot(this.xy[v]![0] - x, this.xy[v]![1] - y);
          if (d <= bestD) {
            bestD = d;
            best = v;
          }
        }
      }
    }
    if (best >= 0) return best;
    const id = this.xy.length;
    this.xy.push([x, y]);
    this.lngLat.push(lngLat());
    const key = `${cx},${cy}`;
    const list = this.cells.get(key);
    if (list) list.push(id);
    else this.cells.set(key, [id]);
    return id;
  }
}

interface Segment {
  a: XY;
  b: XY;
  la: Position;
  lb: Position;
  boundary: boolean;
  /** Split points: parameter along the segment and the point. */
  cuts: { t: number; p: XY }[];
}

/**
 * Faces of `lines` clipped to `boundary` (both in the local frame). The boundary is a
 * closed ring; its own vertices are kept exactly.
 */
export function planarFaces(boundary: FrameLine, lines: readonly FrameLine[], options: PlanarOptions = {}): PlanarFaces {
  const tol = options.snapM ?? 0.5;
  const sliverM2 = options.sliverM2 ?? 1;
  const sliverWidth = options.sliverWidthM ?? 0.5;
  const segments: Segment[] = [];
  const push = (line: FrameLine, isBoundary: boolean): void => {
    for (let i = 1; i < line.xy.length; i++) {
      const a = line.xy[i - 1]!;
      const b = line.xy[i]!;
      if (Math.hypot(b[0] - a[0], b[1] - a[1]) === 0) continue;
      segments.push({ a, b, la: line.lngLat[i - 1]!, lb: line.lngLat[i]!, boundary: isBoundary, cuts: [] });
    }
  };
  push(boundary, true);
  for (const l of lines) push(l, false);
  const ring = boundary.xy;

  nodeSegments(segments, tol);

  // Vertices: every original end first (boundary before streets), then the split points.
  const store = new VertexStore(tol);
  const ends = segments.map((s) => [store.add(s.a[0], s.a[1], () => s.la), store.add(s.b[0], s.b[1], () => s.lb)] as const);
  const edges = new Map<string, { u: number; v: number; boundary: boolean }>();
  segments.forEach((s, si) => {
    const ids = [ends[si]![0]];
    s.cuts.sort((p, q) => p.t - q.t);
    for (const c of s.cuts) {
      ids.push(
        store.add(c.p[0], c.p[1], () => [s.la[0]! + (s.lb[0]! - s.la[0]!) * c.t, s.la[1]! + (s.lb[1]! - s.la[1]!) * c.t]),
      );
    }
    ids.push(ends[si]![1]);
    for (let i = 1; i < ids.length; i++) {
      const u = ids[i - 1]!;
      const v = ids[i]!;
      if (u === v) continue;
      const key = u < v ? `${u},${v}` : `${v},${u}`;
      const old = edges.get(key);
      if (old) old.boundary ||= s.boundary;
      else edges.set(key, { u: Math.min(u, v), v: Math.max(u, v), boundary: s.boundary });
    }
  });
  const xy = store.xy;
  // Clip: a street edge is kept when its midpoint lies inside the boundary.
  let kept = [...edges.values()].filter((e) => {
    if (e.boundary) return true;
    const p = xy[e.u]!;
    const q = xy[e.v]!;
    return insideRing((p[0] + q[0]) / 2, (p[1] + q[1]) / 2, ring);
  });

  for (let round = 0; ; round++) {
    kept = pruneDangles(kept, xy.length);
    const traced = traceFaces(kept, xy);
    const slivers = traced.faces
      .map((f, i) => ({ f, i }))
      .filter(({ f }) => f.area < sliverM2 || (2 * f.area) / Math.max(faceLength(f, xy), 1e-9) < sliverWidth);
    if (slivers.length === 0 || round > 50) return { xy, lngLat: store.lngLat, faces: traced.faces, adjacency: traced.adjacency };
    // Remove, for each sliver, its longest edge shared with another face; then trace again.
    const drop = new Set<string>();
    for (const { i } of slivers) {
      let best: string | null = null;
      let bestLen = -1;
      for (const [key, sides] of traced.edgeFaces) {
        if (sides[0] < 0 || sides[1] < 0 || sides[0] === sides[1] || (sides[0] !== i && sides[1] !== i)) continue;
        const [u, v] = key.split(',').map(Number) as [number, number];
        const len = Math.hypot(xy[u]![0] - xy[v]![0], xy[u]![1] - xy[v]![1]);
        if (len > bestLen) {
          bestLen = len;
          best = key;
        }
      }
      if (best) drop.add(best);
    }
    if (drop.size === 0) return { xy, lngLat: store.lngLat, faces: traced.faces, adjacency: traced.adjacency };
    kept = kept.filter((e) => !drop.has(`${e.u},${e.v}`));
  }
}

function faceLength(f: PlanarFace, xy: readonly XY[]): number {
  let total = 0;
  for (const r of [f.ring, ...f.holes]) {
    for (let i = 0, j = r.length - 1; i < r.length; j = i++) total += Math.hypot(xy[r[i]!]![0] - xy[r[j]!]![0], xy[r[i]!]![1] - xy[r[j]!]![1]);
  }
  return total;
}

/** Records on each segment where other segments cross it or end on it. */
function nodeSegments(segments: Segment[], tol: number): void {
  if (segments.length === 0) return;
  const index = new Flatbush(segments.length);
  for (const s of segments) {
    index.add(Math.min(s.a[0], s.b[0]) - tol, Math.min(s.a[1], s.b[1]) - tol, Math.max(s.a[0], s.b[0]) + tol, Math.max(s.a[1], s.b[1]) + tol);
  }
  index.finish();
  segments.forEach((s, i) => {
    const dx = s.b[0] - s.a[0];
    const dy = s.b[1] - s.a[1];
    const len2 = dx * dx + dy * dy;
    const len = Math.sqrt(len2);
    const box = [Math.min(s.a[0], s.b[0]), Math.min(s.a[1], s.b[1]), Math.max(s.a[0], s.b[0]), Math.max(s.a[1], s.b[1])] as const;
    for (const j of index.search(box[0] - tol, box[1] - tol, box[2] + tol, box[3] + tol)) {
      if (j === i) continue;
      const o = segments[j]!;
      // Ends of the other segment lying on this one (within the tolerance) split this one.
      for (const p of [o.a, o.b]) {
        const t = ((p[0] - s.a[0]) * dx + (p[1] - s.a[1]) * dy) / len2;
        if (t * len <= tol || (1 - t) * len <= tol) continue;
        const d = Math.abs((p[0] - s.a[0]) * dy - (p[1] - s.a[1]) * dx) / len;
        if (d <= tol) s.cuts.push({ t, p: [s.a[0] + t * dx, s.a[1] + t * dy] });
      }
      // Proper crossings: computed once (i < j) and given to both, so both get the same point.
      if (j < i) continue;
      const ex = o.b[0] - o.a[0];
      const ey = o.b[1] - o.a[1];
      const den = dx * ey - dy * ex;
      if (Math.abs(den) < 1e-12 * len2) continue;
      const t = ((o.a[0] - s.a[0]) * ey - (o.a[1] - s.a[1]) * ex) / den;
      const u = ((o.a[0] - s.a[0]) * dy - (o.a[1] - s.a[1]) * dx) / den;
      const olen = Math.sqrt(ex * ex + ey * ey);
      if (t * len <= tol || (1 - t) * len <= tol || u * olen <= tol || (1 - u) * olen <= tol) continue;
      if (t < 0 || t > 1 || u < 0 || u > 1) continue;
      const p: XY = [s.a[0] + t * dx, s.a[1] + t * dy];
      s.cuts.push({ t, p });
      o.cuts.push({ t: u, p });
    }
  });
}

function pruneDangles<E extends { u: number; v: number }>(edges: E[], n: number): E[] {
  const degree = new Int32Array(n);
  for (const e of edges) {
    degree[e.u]!++;
    degree[e.v]!++;
  }
  let alive = edges;
  for (;;) {
    const next = alive.filter((e) => degree[e.u]! > 1 && degree[e.v]! > 1);
    if (next.length === alive.length) return alive;
    for (const e of alive) {
      if (degree[e.u]! > 1 && degree[e.v]! > 1) continue;
      degree[e.u]!--;
      degree[e.v]!--;
    }
    alive = next;
  }
}

interface Traced {
  faces: PlanarFace[];
  adjacency: Map<number, number>[];
  /** Edge key "u,v" (u < v) → [face left of u→v, face left of v→u]; -1 for the outside. */
  edgeFaces: Map<string, [number, number]>;
}

function traceFaces(edges: readonly { u: number; v: number }[], xy: readonly XY[]): Traced {
  // Half-edges 2k: u→v, 2k+1: v→u. Outgoing half-edges of each vertex sorted by angle.
  const from = (h: number): number => (h & 1 ? edges[h >> 1]!.v : edges[h >> 1]!.u);
  const to = (h: number): number => (h & 1 ? edges[h >> 1]!.u : edges[h >> 1]!.v);
  const out = new Map<number, number[]>();
  for (let h = 0; h < edges.length * 2; h++) {
    const list = out.get(from(h));
    if (list) list.push(h);
    else out.set(from(h), [h]);
  }
  const angle = new Float64Array(edges.length * 2);
  for (let h = 0; h < edges.length * 2; h++) {
    const a = xy[from(h)]!;
    const b = xy[to(h)]!;
    angle[h] = Math.atan2(b[1] - a[1], b[0] - a[0]);
  }
  const position = new Int32Array(edges.length * 2);
  for (const list of out.values()) {
    list.sort((p, q) => angle[p]! - angle[q]!);
    list.forEach((h, i) => (position[h] = i));
  }
  // Next half-edge round the face on the left: at the head, the outgoing edge just clockwise of the twin.
  const next = (h: number): number => {
    const twin = h ^ 1;
    const list = out.get(to(h))!;
    return list[(position[twin]! - 1 + list.length) % list.length]!;
  };
  const cycleOf = new Int32Array(edges.length * 2).fill(-1);
  const cycles: { ring: number[]; area2: number; halfEdges: number[] }[] = [];
  for (let h0 = 0; h0 < edges.length * 2; h0++) {
    if (cycleOf[h0] !== -1) continue;
    const ring: number[] = [];
    const halfEdges: number[] = [];
    let h = h0;
    do {
      cycleOf[h] = cycles.length;
      ring.push(from(h));
      halfEdges.push(h);
      h = next(h);
    } while (h !== h0 && halfEdges.length <= edges.length * 2);
    cycles.push({ ring, area2: ringArea2(ring.map((v) => xy[v]!)), halfEdges });
  }
  // Positive cycles are faces; negative ones are the outside or holes in a face.
  const faceOfCycle = new Int32Array(cycles.length).fill(-1);
  const faces: PlanarFace[] = [];
  cycles.forEach((c, ci) => {
    if (c.area2 > 0) {
      faceOfCycle[ci] = faces.length;
      faces.push({ ring: c.ring, holes: [], area: c.area2 / 2 });
    }
  });
  const faceRings = faces.map((f) => f.ring.map((v) => xy[v]!));
  cycles.forEach((c, ci) => {
    if (c.area2 > 0) return;
    // A point just left of the cycle's first edge lies in the face that holds it, if any.
    const h = c.halfEdges[0]!;
    const a = xy[from(h)]!;
    const b = xy[to(h)]!;
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
    const px = (a[0] + b[0]) / 2 - ((b[1] - a[1]) / len) * 1e-3;
    const py = (a[1] + b[1]) / 2 + ((b[0] - a[0]) / len) * 1e-3;
    let holder = -1;
    faceRings.forEach((r, fi) => {
      if (insideRing(px, py, r) && (holder < 0 || faces[fi]!.area < faces[holder]!.area)) holder = fi;
    });
    if (holder < 0) return;
    faceOfCycle[ci] = holder;
    faces[holder]!.holes.push(c.ring);
    faces[holder]!.area += c.area2 / 2;
  });
  const adjacency = faces.map(() => new Map<number, number>());
  const edgeFaces = new Map<string, [number, number]>();
  edges.forEach((e, k) => {
    const left = faceOfCycle[cycleOf[2 * k]!]!;
    const right = faceOfCycle[cycleOf[2 * k + 1]!]!;
    edgeFaces.set(`${e.u},${e.v}`, [left, right]);
    if (left < 0 || right < 0 || left === right) return;
    const len = Math.hypot(xy[e.u]![0] - xy[e.v]![0], xy[e.u]![1] - xy[e.v]![1]);
    adjacency[left]!.set(right, (adjacency[left]!.get(right) ?? 0) + len);
    adjacency[right]!.set(left, (adjacency[right]!.get(left) ?? 0) + len);
  });
  return { faces, adjacency, edgeFaces };
}
