/**
 * Makes independently drawn polygons (census blocks, neighbourhoods exported from a desktop
 * GIS, often simplified one by one) share their common boundaries vertex for vertex, so that
 * a grid's outline is the exact union of its units and neighbouring grids meet without
 * slivers. Two steps within a tolerance (metres, in a local frame): a vertex near another
 * polygon's vertex takes that vertex's coordinates; then every vertex lying near another
 * polygon's edge is inserted into that edge. Boundaries that ran within the tolerance of
 * each other then consist of the same points, and the union of the two cancels them
 * exactly. Coordinates stay WGS84 `[lng, lat]`; only points already in the input are used.
 */
import Flatbush from 'flatbush';
import type { Polygon, Position } from 'geojson';
import { localFrame } from './local-frame.js';

export interface CoverageSnap {
  polygons: Polygon[];
  /** Vertices moved onto another polygon's vertex. */
  movedVertices: number;
  /** Vertices of other polygons inserted into an edge. */
  insertedVertices: number;
  /** Indices of the polygons that changed. */
  changed: number[];
}

interface Vertex {
  owner: number;
  ring: number;
  index: number;
  p: Position;
  x: number;
  y: number;
}

/**
 * @example
 * const { polygons } = snapCoverage(units.map((u) => u.geometry), 1);
 */
export function snapCoverage(input: readonly Polygon[], toleranceM = 1): CoverageSnap {
  const rings = input.map((p) => p.coordinates.map((r) => r.slice(0, isClosed(r) ? -1 : undefined)));
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const poly of rings)
    for (const q of poly[0] ?? [])
      [minX, minY, maxX, maxY] = [Math.min(minX, q[0]!), Math.min(minY, q[1]!), Math.max(maxX, q[0]!), Math.max(maxY, q[1]!)];
  if (!Number.isFinite(minX) || input.length < 2) return { polygons: input.slice(), movedVertices: 0, insertedVertices: 0, changed: [] };
  const frame = localFrame([minX, minY, maxX, maxY]);
  const t = toleranceM;
  const changed = new Set<number>();

  // 1. Vertex to vertex: each vertex takes the coordinates of the nearest earlier vertex of another polygon within the tolerance.
  const vertices: Vertex[] = [];
  rings.forEach((poly, owner) =>
    poly.forEach((ring, ri) =>
      ring.forEach((p, index) => {
        const [x, y] = frame.toXY(p);
        vertices.push({ owner, ring: ri, index, p, x, y });
      }),
    ),
  );
  const vIndex = new Flatbush(Math.max(1, vertices.length));
  for (const v of vertices) vIndex.add(v.x, v.y, v.x, v.y);
  if (vertices.length === 0) vIndex.add(0, 0, 0, 0);
  vIndex.finish();
  let movedVertices = 0;
  const settled = new Uint8Array(vertices.length);
  // A vertex of another polygon joins this one only when no other vertex of this polygon is
  // nearer to it: Denver neighbourhoods 5 and 76 share a corner with a second corner of 5 just
  // 0.2 m north of it; pulling 76's corner onto that one broke their common edge and left a
  // self-intersecting outline. (Moved vertices are up to the tolerance from where the index
  // has them, hence the wider search.)
  const nearerOwnVertex = (w: Vertex, owner: number, self: number, d: number): boolean => {
    for (const k of vIndex.search(w.x - d - t, w.y - d - t, w.x + d + t, w.y + d + t)) {
      const u = vertices[k]!;
      if (k !== self && u.owner === owner && Math.hypot(u.x - w.x, u.y - w.y) < d) return true;
    }
    return false;
  };
  vertices.forEach((v, i) => {
    if (settled[i]) return;
    settled[i] = 1;
    // The nearest vertex of each other polygon within the tolerance joins this one.
    const nearest = new Map<number, { j: number; d: number }>();
    for (const j of vIndex.search(v.x - t, v.y - t, v.x + t, v.y + t)) {
      const w = vertices[j]!;
      if (w.owner === v.owner || settled[j]) continue;
      const d = Math.hypot(w.x - v.x, w.y - v.y);
      if (d > t || nearerOwnVertex(w, v.owner, i, d)) continue;
      const best = nearest.get(w.owner);
      if (!best || d < best.d) nearest.set(w.owner, { j, d });
    }
    for (const { j, d } of nearest.values()) {
      const w = vertices[j]!;
      settled[j] = 1;
      if (d === 0 && w.p[0] === v.p[0] && w.p[1] === v.p[1]) continue;
      rings[w.owner]![w.ring]![w.index] = v.p;
      w.p = v.p;
      w.x = v.x;
      w.y = v.y;
      movedVertices++;
      changed.add(w.owner);
    }
  });

  // 2. Vertex into edge: a vertex of another polygon near an edge (not at its ends) is inserted into it.
  const pIndex = new Flatbush(Math.max(1, vertices.length));
  for (const v of vertices) pIndex.add(v.x, v.y, v.x, v.y);
  if (vertices.length === 0) pIndex.add(0, 0, 0, 0);
  pIndex.finish();
  let insertedVertices = 0;
  const out: Position[][][] = rings.map((poly, owner) =>
    poly.map((ring) => {
      const result: Position[] = [];
      const n = ring.length;
      for (let i = 0; i < n; i++) {
        const a = ring[i]!;
        const b = ring[(i + 1) % n]!;
        result.push(a);
        const [ax, ay] = frame.toXY(a);
        const [bx, by] = frame.toXY(b);
        const dx = bx - ax;
        const dy = by - ay;
        const len2 = dx * dx + dy * dy;
        if (len2 === 0) continue;
        const len = Math.sqrt(len2);
        const along: { s: number; p: Position }[] = [];
        for (const j of pIndex.search(Math.min(ax, bx) - t, Math.min(ay, by) - t, Math.max(ax, bx) + t, Math.max(ay, by) + t)) {
          const w = vertices[j]!;
          if (w.owner === owner || w.p === a || w.p === b || (w.p[0] === a[0] && w.p[1] === a[1]) || (w.p[0] === b[0] && w.p[1] === b[1]))
            continue;
          const s = ((w.x - ax) * dx + (w.y - ay) * dy) / len2;
          // Strictly inside the edge, beyond the tolerance from its ends (those were snapped in step 1).
          if (s * len <= t || (1 - s) * len <= t) continue;
          const off = Math.abs((w.x - ax) * dy - (w.y - ay) * dx) / len;
          if (off > t) continue;
          if (!along.some((x) => x.p[0] === w.p[0] && x.p[1] === w.p[1])) along.push({ s, p: w.p });
        }
        if (along.length === 0) continue;
        along.sort((p, q) => p.s - q.s);
        for (const x of along) result.push(x.p);
        insertedVertices += along.length;
        changed.add(owner);
      }
      const closed = dedupe(result);
      closed.push(closed[0]!);
      return closed;
    }),
  );
  return {
    polygons: out.map((coordinates, i) => (changed.has(i) ? { type: 'Polygon', coordinates } : input[i]!)),
    movedVertices,
    insertedVertices,
    changed: [...changed].sort((a, b) => a - b),
  };
}

function isClosed(ring: readonly Position[]): boolean {
  const a = ring[0];
  const b = ring[ring.length - 1];
  return ring.length > 1 && a![0] === b![0] && a![1] === b![1];
}

/** Drops repeated consecutive points (a snapped vertex may land on its neighbour). */
function dedupe(ring: readonly Position[]): Position[] {
  const out: Position[] = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  while (out.length > 1 && out[0]![0] === out[out.length - 1]![0] && out[0]![1] === out[out.length - 1]![1]) out.pop();
  return out;
}
