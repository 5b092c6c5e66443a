/**
 * Faces of a planar graph (edges meet only at shared nodes, as `snapRound` makes them) by a
 * half-edge walk: each face is traced with its inside on the left. Half-edges marked
 * `outside` have no community on their left (the outer side of the boundary), so cycles
 * through them are no faces. A cycle that touches itself at a node is split there (the
 * face's shell and a hole touching it at one point, as OGC wants them); cycles winding
 * clockwise are holes of the face around them (an island of streets, an enclave ring).
 * Edges with the same cycle on both sides (bridges) are reported for the caller to drop.
 * Coordinates are integers (pixels), so orientation and containment are exact.
 */

/** An undirected edge; half-edge 2k runs u→v, 2k+1 runs v→u. */
export interface GraphEdge {
  u: number;
  v: number;
}

export interface TracedFace {
  /** Node ids of the shell, counter-clockwise, not closed. */
  shell: number[];
  /** Node ids of each hole, clockwise, not closed. */
  holes: number[][];
  /** Twice the area, pixel² (holes subtracted). */
  area2: number;
}

export interface Traced {
  faces: TracedFace[];
  /** Face on the left of each half-edge, -1 where none (outside, or a dropped cycle). */
  faceOf: Int32Array;
  /** Edges with the same cycle on both sides. */
  bridges: number[];
}

/** Exact CCW order of integer directions, starting east. */
function compareDirections(ax: number, ay: number, bx: number, by: number): number {
  const ha = ay > 0 || (ay === 0 && ax > 0) ? 0 : 1;
  const hb = by > 0 || (by === 0 && bx > 0) ? 0 : 1;
  if (ha !== hb) return ha - hb;
  const cross = ax * by - ay * bx;
  return cross > 0 ? -1 : cross < 0 ? 1 : 0;
}

/** Twice the signed area of the ring through `nodes` (open), pixel². */
export function ringArea2Of(nodes: readonly number[], gx: ArrayLike<number>, gy: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0, j = nodes.length - 1; i < nodes.length; j = i++) s += gx[nodes[j]!]! * gy[nodes[i]!]! - gx[nodes[i]!]! * gy[nodes[j]!]!;
  return s;
}

/** Whether (x, y) lies inside the ring (even-odd, half-open so shared edges split points consistently). */
export function insideNodeRing(x: number, y: number, nodes: readonly number[], gx: ArrayLike<number>, gy: ArrayLike<number>): boolean {
  let inside = false;
  for (let i = 0, j = nodes.length - 1; i < nodes.length; j = i++) {
    let ax = gx[nodes[j]!]!;
    let ay = gy[nodes[j]!]!;
    let bx = gx[nodes[i]!]!;
    let by = gy[nodes[i]!]!;
    if (ay > by) [ax, ay, bx, by] = [bx, by, ax, ay];
    if (y < ay || y >= by) continue;
    // Left of the upward edge a→b, computed the same way whichever face the edge belongs to.
    if ((bx - ax) * (y - ay) - (by - ay) * (x - ax) > 0) inside = !inside;
  }
  return inside;
}

function boxOf(nodes: readonly number[], gx: ArrayLike<number>, gy: ArrayLike<number>): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const v of nodes) {
    b[0] = Math.min(b[0], gx[v]!);
    b[1] = Math.min(b[1], gy[v]!);
    b[2] = Math.max(b[2], gx[v]!);
    b[3] = Math.max(b[3], gy[v]!);
  }
  return b;
}

/** Splits a closed walk of half-edges into simple loops at repeated nodes. */
function simpleLoops(walk: readonly number[], from: (h: number) => number): number[][] {
  const loops: number[][] = [];
  const stack: number[] = [];
  const at = new Map<number, number>();
  for (const h of walk) {
    const v = from(h);
    const i = at.get(v);
    if (i !== undefined) {
      const loop = stack.splice(i);
      for (const g of loop) at.delete(from(g));
      loops.push(loop);
    }
    at.set(v, stack.length);
    stack.push(h);
  }
  if (stack.length > 0) loops.push(stack);
  return loops;
}

/**
 * Traces the faces of `edges` over nodes at integer positions (`gx`, `gy`).
 *
 * @example
 * const { faces, faceOf, bridges } = traceFaces(gx, gy, edges, outside);
 */
export function traceFaces(gx: ArrayLike<number>, gy: ArrayLike<number>, edges: readonly GraphEdge[], outside: Uint8Array): Traced {
  const halves = edges.length * 2;
  const from = (h: number): number => (h & 1 ? edges[h >> 1]!.v : edges[h >> 1]!.u);
  const to = (h: number): number => (h & 1 ? edges[h >> 1]!.u : edges[h >> 1]!.v);
  // Outgoing half-edges of each node, in counter-clockwise order (compressed rows).
  let nodes = 0;
  for (const e of edges) nodes = Math.max(nodes, e.u + 1, e.v + 1);
  const start = new Int32Array(nodes + 1);
  for (let h = 0; h < halves; h++) start[from(h) + 1]!++;
  for (let v = 0; v < nodes; v++) start[v + 1]! += start[v]!;
  const order = new Int32Array(halves);
  const fill = start.slice(0, nodes);
  for (let h = 0; h < halves; h++) order[fill[from(h)]!++] = h;
  const position = new Int32Array(halves);
  for (let v = 0; v < nodes; v++) {
    const a = start[v]!;
    const b = start[v + 1]!;
    if (b - a > 1) {
      const list = Array.from(order.subarray(a, b)).sort((p, q) =>
        compareDirections(gx[to(p)]! - gx[v]!, gy[to(p)]! - gy[v]!, gx[to(q)]! - gx[v]!, gy[to(q)]! - gy[v]!),
      );
      order.set(list, a);
    }
    for (let i = a; i < b; i++) position[order[i]!] = i - a;
  }
  // Next half-edge round the face on the left: at the head, the outgoing one just clockwise of the twin.
  const next = (h: number): number => {
    const v = to(h);
    const a = start[v]!;
    const degree = start[v + 1]! - a;
    return order[a + ((position[h ^ 1]! - 1 + degree) % degree)]!;
  };

  const cycleOf = new Int32Array(halves).fill(-1);
  const walks: { halfEdges: number[]; area2: number; outside: boolean }[] = [];
  for (let h0 = 0; h0 < halves; h0++) {
    if (cycleOf[h0] !== -1) continue;
    const halfEdges: number[] = [];
    let isOutside = false;
    let h = h0;
    do {
      cycleOf[h] = walks.length;
      halfEdges.push(h);
      if (outside[h]) isOutside = true;
      h = next(h);
    } while (h !== h0 && halfEdges.length <= halves);
    walks.push({ halfEdges, area2: ringArea2Of(halfEdges.map(from), gx, gy), outside: isOutside });
  }
  const bridges: number[] = [];
  for (let k = 0; k < edges.length; k++) if (cycleOf[2 * k] === cycleOf[2 * k + 1]) bridges.push(k);

  const faceOfWalk = new Int32Array(walks.length).fill(-1);
  const faces: TracedFace[] = [];
  walks.forEach((w, wi) => {
    if (w.outside || w.area2 <= 0) return;
    const loops = simpleLoops(w.halfEdges, from).map((l) => l.map(from));
    const areas = loops.map((l) => ringArea2Of(l, gx, gy));
    const shell = areas.indexOf(Math.max(...areas));
    faceOfWalk[wi] = faces.length;
    faces.push({ shell: loops[shell]!, holes: loops.filter((_, i) => i !== shell), area2: w.area2 });
  });
  // Clockwise walks inside the boundary are holes of the smallest face whose shell holds them.
  const holeWalks = walks.map((w, wi) => wi).filter((wi) => !walks[wi]!.outside && walks[wi]!.area2 <= 0);
  const shellArea2 = holeWalks.length > 0 ? faces.map((f) => ringArea2Of(f.shell, gx, gy)) : [];
  const shellBox = holeWalks.length > 0 ? faces.map((f) => boxOf(f.shell, gx, gy)) : [];
  holeWalks.forEach((wi) => {
    const w = walks[wi]!;
    const v = from(w.halfEdges[0]!);
    const x = gx[v]!;
    const y = gy[v]!;
    let holder = -1;
    faces.forEach((f, fi) => {
      const b = shellBox[fi]!;
      if (x < b[0] || y < b[1] || x > b[2] || y > b[3]) return;
      // The hole's own component (a face sharing its node) cannot hold it.
      if ((holder < 0 || shellArea2[fi]! < shellArea2[holder]!) && !f.shell.includes(v) && insideNodeRing(x, y, f.shell, gx, gy))
        holder = fi;
    });
    if (holder < 0) return;
    faceOfWalk[wi] = holder;
    for (const loop of simpleLoops(w.halfEdges, from)) faces[holder]!.holes.push(loop.map(from));
    faces[holder]!.area2 += w.area2;
  });
  const faceOf = new Int32Array(halves);
  for (let h = 0; h < halves; h++) faceOf[h] = faceOfWalk[cycleOf[h]!]!;
  return { faces, faceOf, bridges };
}
