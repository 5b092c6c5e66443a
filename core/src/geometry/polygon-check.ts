/**
 * Structural checks of an incoming polygon before anything else touches it: GeoJSON shape,
 * WGS84 coordinate ranges (degrees, `[lng, lat]`), closed rings, enough vertices, a vertex
 * limit, and no self-intersection. Each problem is a sentence a person can act on.
 */
import Flatbush from 'flatbush';

export interface PolygonCheckOptions {
  /** Most vertices accepted over all rings. */
  maxVertices?: number;
}

export interface PolygonCheck {
  valid: boolean;
  /** The first problem found, or null. */
  reason: string | null;
  /** Where the problem is, when it has a place: `[lng, lat]`. */
  at?: [number, number];
}

type Ring = [number, number][];

const DEFAULT_MAX_VERTICES = 5000;

function fail(reason: string, at?: [number, number]): PolygonCheck {
  return at ? { valid: false, reason, at } : { valid: false, reason };
}

function isPosition(p: unknown): p is [number, number] {
  return Array.isArray(p) && (p.length === 2 || p.length === 3) && p.every((x) => typeof x === 'number');
}

/** Checks `geometry` as a GeoJSON Polygon; MultiPolygons are refused (a grid is one piece). */
export function checkPolygon(geometry: unknown, options: PolygonCheckOptions = {}): PolygonCheck {
  const maxVertices = options.maxVertices ?? DEFAULT_MAX_VERTICES;
  if (typeof geometry !== 'object' || geometry === null) return fail('geometry must be a GeoJSON object');
  const g = geometry as { type?: unknown; coordinates?: unknown };
  if (g.type === 'MultiPolygon') return fail('a grid must be one polygon, not a MultiPolygon: split it into separate grids');
  if (g.type !== 'Polygon') return fail(`geometry type must be "Polygon", got ${JSON.stringify(g.type ?? null)}`);
  if (!Array.isArray(g.coordinates) || g.coordinates.length === 0) {
    return fail('Polygon coordinates must be a non-empty array of rings');
  }
  let vertices = 0;
  const rings: Ring[] = [];
  for (const [i, ring] of (g.coordinates as unknown[]).entries()) {
    const name = i === 0 ? 'the outer ring' : `hole ${i}`;
    if (!Array.isArray(ring)) return fail(`${name} must be an array of [lng, lat] positions`);
    for (const p of ring) {
      if (!isPosition(p)) return fail(`${name} has a position that is not [lng, lat] numbers`);
      const [lng, lat] = p;
      if (!Number.isFinite(lng) || !Number.isFinite(lat)) return fail(`${name} has a coordinate that is not a finite number`);
      if (lng < -180 || lng > 180 || lat < -90 || lat > 90) {
        return fail(
          `${name} has [${lng}, ${lat}] outside WGS84 ranges (longitude −180…180, latitude −90…90); coordinates are [lng, lat] in degrees`,
          [lng, lat],
        );
      }
    }
    if (ring.length < 4) return fail(`${name} needs at least 4 positions (a triangle plus the closing point), got ${ring.length}`);
    const first = ring[0] as [number, number];
    const last = ring[ring.length - 1] as [number, number];
    if (first[0] !== last[0] || first[1] !== last[1]) {
      return fail(`${name} is not closed: its last position must repeat the first`, first);
    }
    vertices += ring.length - 1;
    if (vertices > maxVertices) return fail(`the polygon has more than ${maxVertices} vertices: simplify it`);
    rings.push((ring as [number, number][]).map((p) => [p[0], p[1]]));
  }
  const crossing = findSelfIntersection(rings);
  if (crossing) return fail('the polygon crosses itself: move the vertices so no edges cross', crossing);
  return { valid: true, reason: null };
}

function orientation(a: [number, number], b: [number, number], c: [number, number]): number {
  const v = (b[1] - a[1]) * (c[0] - b[0]) - (b[0] - a[0]) * (c[1] - b[1]);
  return v === 0 ? 0 : v > 0 ? 1 : 2;
}

function onSegment(a: [number, number], b: [number, number], p: [number, number]): boolean {
  return Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1]);
}

function segmentsIntersect(p1: [number, number], q1: [number, number], p2: [number, number], q2: [number, number]): boolean {
  const o1 = orientation(p1, q1, p2);
  const o2 = orientation(p1, q1, q2);
  const o3 = orientation(p2, q2, p1);
  const o4 = orientation(p2, q2, q1);
  if (o1 !== o2 && o3 !== o4) return true;
  return (
    (o1 === 0 && onSegment(p1, q1, p2)) ||
    (o2 === 0 && onSegment(p1, q1, q2)) ||
    (o3 === 0 && onSegment(p2, q2, p1)) ||
    (o4 === 0 && onSegment(p2, q2, q1))
  );
}

/**
 * The first point where two edges that are not neighbours along a ring meet, over all
 * rings (a hole touching the shell counts). Edges are indexed with Flatbush, so this is
 * about O(n log n) rather than O(n²).
 */
function findSelfIntersection(rings: Ring[]): [number, number] | null {
  const edges: { ring: number; i: number; n: number; a: [number, number]; b: [number, number] }[] = [];
  for (const [r, ring] of rings.entries()) {
    const n = ring.length - 1;
    for (let i = 0; i < n; i++) edges.push({ ring: r, i, n, a: ring[i]!, b: ring[i + 1]! });
  }
  if (edges.length === 0) return null;
  const index = new Flatbush(edges.length);
  for (const e of edges) {
    index.add(Math.min(e.a[0], e.b[0]), Math.min(e.a[1], e.b[1]), Math.max(e.a[0], e.b[0]), Math.max(e.a[1], e.b[1]));
  }
  index.finish();
  for (const [k, e] of edges.entries()) {
    const hits = index.search(Math.min(e.a[0], e.b[0]), Math.min(e.a[1], e.b[1]), Math.max(e.a[0], e.b[0]), Math.max(e.a[1], e.b[1]));
    for (const h of hits) {
      if (h <= k) continue;
      const f = edges[h]!;
      if (f.ring === e.ring) {
        const gap = Math.abs(f.i - e.i);
        // Consecutive edges share a vertex by construction (and so do the first and last).
        if (gap === 1 || gap === e.n - 1) continue;
      }
      if (segmentsIntersect(e.a, e.b, f.a, f.b)) return e.a;
    }
  }
  return null;
}
