/**
 * Planar faces of a set of lines inside a boundary, built to cover the boundary whole from
 * real street data (streets crossing without shared nodes, stopping short, running past the
 * boundary, duplicated at tile edges):
 *
 * 1. near-misses: an end stopping short of another line by less than `gapM` is joined to it
 *    (near-miss.ts);
 * 2. noding: snap rounding to a grid of `gridM` (snap-round.ts) splits every crossing, merges
 *    collinear duplicates into one edge and makes the graph planar whatever the input;
 * 3. clipping: the boundary's rings (holes too) are edges; a line edge is kept when it lies
 *    inside the noded boundary (exact test), so everything past the boundary goes;
 * 4. faces: dangles and bridges are dropped (they bound no face), faces are traced by a
 *    half-edge walk (face-trace.ts) with the boundary's outer side marked, so the faces
 *    tile the noded boundary: their areas sum to its area, with no overlap;
 * 5. slivers: faces under `sliverM2` or thinner than `sliverWidthM` merge into the neighbour
 *    they share most edge with (never across the boundary or a fixed line).
 *
 * Why our own noder and tracer rather than JSTS (GeometryNoder + Polygonizer): measured in
 * one run of `pnpm bench blocks` (figures in BENCHMARKS.md), JSTS 2.12 made the same faces as
 * this code and as PostGIS on the Wuhan and Shanghai roads in several times the CPU time; its
 * snap rounder is the older MCIndexSnapRounder. The
 * engine builds faces in up to 17 rounds per community, in a browser worker. JSTS's
 * Polygonizer also returns bare polygons, while the engine needs the graph itself (which face
 * lies on each side of each edge) for adjacency, sliver merging and cutting blocks further.
 * The snap rounding here is the method of JTS's current SnapRoundingNoder.
 *
 * Works in a local metric frame (metres); every node keeps a WGS84 `[lng, lat]` position: the
 * input vertex's own where one rounds to it (boundary first, then fixed lines), a point of the
 * boundary's or a fixed line's own segment for a new node on it, else the frame's inverse.
 */
import type { Position } from 'geojson';
import type { LocalFrame, XY } from './local-frame.js';
import { nearMissConnectors } from './near-miss.js';
import { insideNodeRing, traceFaces, type GraphEdge, type Traced } from './face-trace.js';
import { snapRound, type SnapRounded } from './snap-round.js';

/** A polyline in the local frame, with the `[lng, lat]` of each vertex. */
export interface FrameLine {
  xy: XY[];
  lngLat: Position[];
  /** Never removed to merge a sliver (locked and dedicated grid outlines). */
  fixed?: boolean;
}

export interface PlanarFace {
  /** Outer ring as vertex ids, counter-clockwise, not closed. */
  ring: number[];
  /** Holes as vertex ids, clockwise, not closed. */
  holes: number[][];
  /** m² (holes subtracted). */
  area: number;
}

export interface PlanarStats {
  /** Near-misses joined (connector lines added). */
  joined: number;
  /** Nodes of the noded graph; its edges inside the boundary (before dangles went) and outside it (clipped). */
  nodes: number;
  edges: number;
  clipped: number;
  /** Edges dropped as dangles (dead ends, pieces hanging off the network) and bridges. */
  dangles: number;
  bridges: number;
  /** Faces merged away as slivers (faces before merging minus faces after). */
  slivers: number;
}

export interface PlanarFaces {
  /** Vertex positions in the local frame (metres, on the grid) and in degrees. */
  xy: XY[];
  lngLat: Position[];
  faces: PlanarFace[];
  /** Shared edge length between faces, metres: `adjacency[a]` maps b → length. */
  adjacency: Map<number, number>[];
  /** The grid the nodes lie on, metres. */
  gridM: number;
  /** The near-misses joined: from the street's end to the line it stopped short of, `[lng, lat]`. */
  joins: [Position, Position][];
  stats: PlanarStats;
}

export interface PlanarOptions {
  /** Grid of the snap rounding, metres: nodes closer than this are one. Default 0.01. */
  gridM?: number;
  /** A street end stopping short of another line by less than this is joined to it, metres. Default 3. */
  gapM?: number;
  /** Faces smaller than this are merged into a neighbour, m². Default 1. */
  sliverM2?: number;
  /** ...as are faces thinner than this on average (2·area/perimeter), metres. Default 0.5. */
  sliverWidthM?: number;
}

export const DEFAULT_GRID_M = 0.01;
/** Grid steps a cut is carried past its ends: more than the 0.71 step a node moves onto the grid. */
const CUT_OVERSHOOT = 3;
export const DEFAULT_GAP_M = 3;

const area2Of = (xy: readonly XY[]): number => {
  let s = 0;
  for (let i = 0, j = xy.length - 1; i < xy.length; j = i++) s += xy[j]![0] * xy[i]![1] - xy[i]![0] * xy[j]![1];
  return s;
};

/** The ring turned to wind as asked (counter-clockwise for a shell, clockwise for a hole). */
function wound(ring: FrameLine, ccw: boolean): FrameLine {
  return area2Of(ring.xy) > 0 === ccw ? ring : { ...ring, xy: [...ring.xy].reverse(), lngLat: [...ring.lngLat].reverse() };
}

/** Drops edges with an end of degree one until none is left; returns how many went. */
function pruneDangles(edges: readonly GraphEdge[], alive: Uint8Array, nodes: number): number {
  const degree = new Int32Array(nodes);
  const start = new Int32Array(nodes + 1);
  edges.forEach((e, k) => {
    if (!alive[k]) return;
    degree[e.u]!++;
    degree[e.v]!++;
  });
  for (let v = 0; v < nodes; v++) start[v + 1] = start[v]! + degree[v]!;
  const incident = new Int32Array(start[nodes]!);
  const fill = start.slice(0, nodes);
  edges.forEach((e, k) => {
    if (!alive[k]) return;
    incident[fill[e.u]!++] = k;
    incident[fill[e.v]!++] = k;
  });
  const queue: number[] = [];
  for (let v = 0; v < nodes; v++) if (degree[v] === 1) queue.push(v);
  let dropped = 0;
  while (queue.length > 0) {
    const v = queue.pop()!;
    for (let i = start[v]!; i < start[v + 1]!; i++) {
      const k = incident[i]!;
      if (!alive[k]) continue;
      alive[k] = 0;
      dropped++;
      const e = edges[k]!;
      if (--degree[e.u]! === 1) queue.push(e.u);
      if (--degree[e.v]! === 1) queue.push(e.v);
    }
  }
  return dropped;
}

/** What a caller building faces in rounds passes again: lines needing no joins, and the joins already found. */
export interface PlanarMore {
  /**
   * Lines cut across a face from edge to edge (computed on the noded faces): no near-miss search
   * for them; each is carried a few grid steps past its ends so it crosses the input line it
   * ends on wherever the grid moved that line, and the overshoot goes as a dangle.
   */
  cuts?: readonly FrameLine[];
  /** `nearMissJoins(rings, lines, options)` computed before, when only `cuts` change between calls. */
  joins?: readonly (readonly [XY, XY])[];
}

/**
 * The near-misses of `lines` within `gapM` of another line or the boundary, as connectors
 * (local frame, metres).
 */
export function nearMissJoins(rings: readonly FrameLine[], lines: readonly FrameLine[], options: PlanarOptions = {}): [XY, XY][] {
  const open = lines.map((_, i) => rings.length + i);
  // Snap rounding joins an end to a line for certain only when the end lies on it (a line 3 mm
  // away may miss the end's pixel): every other end within the gap gets a join, however short.
  return nearMissConnectors(
    [...rings, ...lines].map((l) => l.xy),
    open,
    { gapM: options.gapM ?? DEFAULT_GAP_M, touchM: (options.gridM ?? DEFAULT_GRID_M) * 1e-4 },
  );
}

/**
 * Faces of `lines` inside the boundary given by `rings` (its outer ring first, then its holes;
 * any winding), all in `frame`.
 *
 * @example
 * const planar = planarFaces(frame, [outerRing], streetLines, { gapM: 3 });
 * planar.faces.reduce((s, f) => s + f.area, 0) // the boundary's area, m²
 */
export function planarFaces(
  frame: LocalFrame,
  rings: readonly FrameLine[],
  lines: readonly FrameLine[],
  options: PlanarOptions = {},
  more: PlanarMore = {},
): PlanarFaces {
  const gridM = options.gridM ?? DEFAULT_GRID_M;
  const sliverM2 = options.sliverM2 ?? 1;
  const sliverWidth = options.sliverWidthM ?? 0.5;

  const boundary = rings.map((r, i) => wound(r, i === 0));
  const connectors = more.joins ?? nearMissJoins(rings, lines, options);
  const joins = connectors.map(([a, b]): [Position, Position] => [frame.toLngLat(a[0], a[1]), frame.toLngLat(b[0], b[1])]);
  const cuts = (more.cuts ?? []).map((c) => overshoot(c, frame, CUT_OVERSHOOT * gridM));
  const all: FrameLine[] = [...boundary, ...lines, ...connectors.map((c, i) => ({ xy: [...c], lngLat: joins[i]! })), ...cuts];
  const sr = snapRound(
    all.map((l) => l.xy),
    gridM,
  );
  const n = sr.gx.length;
  const xy: XY[] = Array.from({ length: n }, (_, v) => [sr.gx[v]! * gridM, sr.gy[v]! * gridM]);
  const lngLat = nodePositions(all, boundary.length, sr, xy);
  for (let v = 0; v < n; v++) lngLat[v] ??= frame.toLngLat(xy[v]![0], xy[v]![1]);

  // Clip: boundary edges stay; a line edge stays when its midpoint is inside the noded boundary.
  const ringNodes = sr.paths.slice(0, boundary.length);
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const v of ringNodes[0] ?? []) {
    box[0] = Math.min(box[0]!, sr.gx[v]!);
    box[1] = Math.min(box[1]!, sr.gy[v]!);
    box[2] = Math.max(box[2]!, sr.gx[v]!);
    box[3] = Math.max(box[3]!, sr.gy[v]!);
  }
  const edges: GraphEdge[] = [];
  let clipped = 0;
  const outsideHalf: number[] = [];
  const fixed: boolean[] = [];
  for (const e of sr.edges) {
    const onBoundary = e.lines.some((li) => li < boundary.length);
    if (!onBoundary) {
      const mx = (sr.gx[e.u]! + sr.gx[e.v]!) / 2;
      const my = (sr.gy[e.u]! + sr.gy[e.v]!) / 2;
      let inside = false;
      if (mx >= box[0]! && my >= box[1]! && mx <= box[2]! && my <= box[3]!)
        for (const r of ringNodes) if (insideNodeRing(mx, my, r, sr.gx, sr.gy)) inside = !inside;
      if (!inside) {
        clipped++;
        continue;
      }
    }
    // A boundary ring runs with the community on its left: its reverse half-edge is outside.
    let flags = 0;
    e.lines.forEach((li, i) => {
      if (li < boundary.length) flags |= e.forward[i] ? 2 : 1;
    });
    outsideHalf.push(flags);
    fixed.push(e.lines.some((li) => li < boundary.length || all[li]!.fixed === true));
    edges.push({ u: e.u, v: e.v });
  }

  const stats: PlanarStats = { joined: connectors.length, nodes: n, edges: edges.length, clipped, dangles: 0, bridges: 0, slivers: 0 };
  const alive = new Uint8Array(edges.length).fill(1);
  const lengthOf = (k: number): number => Math.hypot(xy[edges[k]!.u]![0] - xy[edges[k]!.v]![0], xy[edges[k]!.u]![1] - xy[edges[k]!.v]![1]);
  let firstFaces = -1;
  for (let round = 0; ; round++) {
    stats.dangles += pruneDangles(edges, alive, n);
    const live = [...alive.keys()].filter((k) => alive[k]);
    const outside = new Uint8Array(live.length * 2);
    live.forEach((k, i) => {
      if (outsideHalf[k]! & 1) outside[2 * i] = 1;
      if (outsideHalf[k]! & 2) outside[2 * i + 1] = 1;
    });
    const traced = traceFaces(
      sr.gx,
      sr.gy,
      live.map((k) => edges[k]!),
      outside,
    );
    if (traced.bridges.length > 0) {
      for (const i of traced.bridges) alive[live[i]!] = 0;
      stats.bridges += traced.bridges.length;
      continue;
    }
    if (firstFaces < 0) firstFaces = traced.faces.length;
    const perimeter = new Float64Array(traced.faces.length);
    live.forEach((k, i) => {
      const a = traced.faceOf[2 * i]!;
      const b = traced.faceOf[2 * i + 1]!;
      if (a >= 0) perimeter[a]! += lengthOf(k);
      if (b >= 0) perimeter[b]! += lengthOf(k);
    });
    const area = traced.faces.map((f) => (f.area2 / 2) * gridM * gridM);
    const slivers = area.flatMap((a, f) => (a < sliverM2 || (2 * a) / Math.max(perimeter[f]!, 1e-9) < sliverWidth ? [f] : []));
    const drop = round < 64 ? sliverEdges(slivers, traced, live, fixed, lengthOf) : [];
    if (drop.length === 0) {
      stats.slivers = firstFaces - traced.faces.length;
      return {
        xy,
        lngLat: lngLat as Position[],
        faces: facesOf(traced, area),
        adjacency: adjacencyOf(traced, live, lengthOf),
        gridM,
        joins,
        stats,
      };
    }
    for (const k of drop) alive[k] = 0;
  }
}

/** `line` carried `by` metres further at both ends, straight on. */
function overshoot(line: FrameLine, frame: LocalFrame, by: number): FrameLine {
  const xy = line.xy;
  if (xy.length < 2) return line;
  const out = (end: XY, from: XY): XY => {
    const len = Math.hypot(end[0] - from[0], end[1] - from[1]);
    return len === 0 ? end : [end[0] + ((end[0] - from[0]) / len) * by, end[1] + ((end[1] - from[1]) / len) * by];
  };
  const a = out(xy[0]!, xy[1]!);
  const b = out(xy[xy.length - 1]!, xy[xy.length - 2]!);
  return {
    ...line,
    xy: [a, ...xy.slice(1, -1), b],
    lngLat: [frame.toLngLat(a[0], a[1]), ...line.lngLat.slice(1, -1), frame.toLngLat(b[0], b[1])],
  };
}

/** The point of segment a–b nearest p, in degrees (the frame is linear in degrees, so interpolation is exact). */
function onSegment(p: XY, a: XY, b: XY, la: Position, lb: Position): Position {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return [la[0]! + t * (lb[0]! - la[0]!), la[1]! + t * (lb[1]! - la[1]!)];
}

/**
 * Degrees of the nodes the input gives: a node takes the position of an input vertex rounding
 * to it — the boundary's first, then fixed lines' — and a new node on the boundary or a fixed
 * line lies on that line's own segment in degrees (the frame is linear in degrees), so the
 * faces' union is the boundary itself and grids fit locked outlines without slivers. Nodes
 * left unset are new nodes inside, for the frame's inverse.
 */
function nodePositions(all: readonly FrameLine[], rings: number, sr: SnapRounded, xy: readonly XY[]): (Position | undefined)[] {
  const lngLat: (Position | undefined)[] = new Array(sr.gx.length);
  const fromVertices = (li: number): void => {
    const line = all[li]!;
    line.xy.forEach((p, k) => {
      const v = sr.nodeAt(p);
      if (v >= 0 && lngLat[v] === undefined) lngLat[v] = line.lngLat[k];
    });
  };
  const held = [...all.keys()].filter((li) => li < rings || all[li]!.fixed === true);
  for (const li of held) fromVertices(li);
  for (const li of held) {
    const line = all[li]!;
    sr.paths[li]!.forEach((v, i) => {
      if (lngLat[v] !== undefined) return;
      const k = sr.pathSegments[li]![i]!;
      lngLat[v] = onSegment(xy[v]!, line.xy[k]!, line.xy[k + 1]!, line.lngLat[k]!, line.lngLat[k + 1]!);
    });
  }
  for (const li of all.keys()) if (!(li < rings || all[li]!.fixed === true)) fromVertices(li);
  return lngLat;
}

/** For each sliver, the removable edges it shares with the neighbour it shares most with. */
function sliverEdges(
  slivers: readonly number[],
  traced: Traced,
  live: readonly number[],
  fixed: readonly boolean[],
  lengthOf: (k: number) => number,
): number[] {
  if (slivers.length === 0) return [];
  const isSliver = new Set(slivers);
  const shared = new Map<number, Map<number, number[]>>();
  live.forEach((k, i) => {
    if (fixed[k]) return;
    const a = traced.faceOf[2 * i]!;
    const b = traced.faceOf[2 * i + 1]!;
    if (a < 0 || b < 0 || a === b) return;
    for (const [f, g] of [
      [a, b],
      [b, a],
    ] as const) {
      if (!isSliver.has(f)) continue;
      let byNeighbour = shared.get(f);
      if (!byNeighbour) shared.set(f, (byNeighbour = new Map()));
      const list = byNeighbour.get(g);
      if (list) list.push(k);
      else byNeighbour.set(g, [k]);
    }
  });
  const drop = new Set<number>();
  for (const byNeighbour of shared.values()) {
    let best: number[] = [];
    let bestLength = -1;
    for (const [, list] of [...byNeighbour].sort((p, q) => p[0] - q[0])) {
      const length = list.reduce((s, k) => s + lengthOf(k), 0);
      if (length > bestLength) {
        bestLength = length;
        best = list;
      }
    }
    for (const k of best) drop.add(k);
  }
  return [...drop];
}

function facesOf(traced: Traced, area: readonly number[]): PlanarFace[] {
  return traced.faces.map((f, i) => ({ ring: f.shell, holes: f.holes, area: area[i]! }));
}

function adjacencyOf(traced: Traced, live: readonly number[], lengthOf: (k: number) => number): Map<number, number>[] {
  const adjacency = traced.faces.map(() => new Map<number, number>());
  live.forEach((k, i) => {
    const a = traced.faceOf[2 * i]!;
    const b = traced.faceOf[2 * i + 1]!;
    if (a < 0 || b < 0 || a === b) return;
    const len = lengthOf(k);
    adjacency[a]!.set(b, (adjacency[a]!.get(b) ?? 0) + len);
    adjacency[b]!.set(a, (adjacency[b]!.get(a) ?? 0) + len);
  });
  return adjacency;
}
