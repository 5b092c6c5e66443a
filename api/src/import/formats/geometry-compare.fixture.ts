/**
 * Compares two geometries vertex by vertex, in metres (haversine), whatever their rings'
 * winding and starting vertex: the round-trip check of the format tests ("every vertex
 * within 1 cm"). Structure that differs (a part or hole more or less, a vertex more or
 * less) gives Infinity.
 */
import { haversineM } from '@gridatlas/core';
import type { Geometry, Position } from 'geojson';

function signedArea2(ring: Position[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
  return s;
}

/** Open ring, counter-clockwise, starting at its lowest-then-leftmost vertex. */
function canonicalRing(ring: Position[]): Position[] {
  let r = ring.slice(
    0,
    ring.length > 1 && ring[0]![0] === ring[ring.length - 1]![0] && ring[0]![1] === ring[ring.length - 1]![1] ? -1 : undefined,
  );
  if (signedArea2(r) < 0) r = [...r].reverse();
  let start = 0;
  r.forEach((p, i) => {
    const s = r[start]!;
    if (p[1]! < s[1]! - 1e-9 || (Math.abs(p[1]! - s[1]!) <= 1e-9 && p[0]! < s[0]!)) start = i;
  });
  return [...r.slice(start), ...r.slice(0, start)];
}

/** Rings in a stable order: by first vertex (south, then west), then size, then their vertices' sum. */
function byRing(a: Position[], b: Position[]): number {
  const sum = (r: Position[]) => r.reduce((t, p) => t + p[0]! + p[1]!, 0);
  // Within ~1 cm (1e-7°) two first vertices count as level: a round trip moves them by less.
  const near = (x: number, y: number) => (Math.abs(x - y) < 1e-7 ? 0 : x - y);
  return near(a[0]![1]!, b[0]![1]!) || near(a[0]![0]!, b[0]![0]!) || a.length - b.length || near(sum(a), sum(b));
}

/** Polygons as lists of canonical rings, shells first, in a stable order. */
function polygonsOf(g: Geometry): Position[][][] {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
  return polys.map((p) => [canonicalRing(p[0]!), ...p.slice(1).map(canonicalRing).sort(byRing)]).sort((a, b) => byRing(a[0]!, b[0]!));
}

function pathsOf(g: Geometry): Position[][] {
  switch (g.type) {
    case 'Point':
      return [[g.coordinates]];
    case 'MultiPoint':
    case 'LineString':
      return [g.coordinates];
    case 'MultiLineString':
      return g.coordinates;
    case 'Polygon':
    case 'MultiPolygon':
      return polygonsOf(g).flat();
    default:
      return [];
  }
}

/**
 * Largest distance, metres, between corresponding vertices; Infinity when the structures
 * differ. `ringsOnly` compares the rings whatever polygon they belong to (for files whose
 * parts nest, which readers may assemble differently).
 */
export function maxVertexDistanceM(a: Geometry | null, b: Geometry | null, options: { ringsOnly?: boolean } = {}): number {
  if (!a || !b) return a === b ? 0 : Infinity;
  const polygonal = (g: Geometry) => g.type === 'Polygon' || g.type === 'MultiPolygon';
  if (polygonal(a) !== polygonal(b)) return Infinity;
  const flat = (g: Geometry) => (options.ringsOnly && polygonal(g) ? pathsOf(g).sort(byRing) : pathsOf(g));
  const pa = flat(a);
  const pb = flat(b);
  if (pa.length !== pb.length) return Infinity;
  const along = (x: Position[], y: Position[]) => x.reduce((w, p, k) => Math.max(w, haversineM(p, y[k]!)), 0);
  // A ring may pass its lowest vertex twice (a pinch) and a ring of no area has no reliable
  // winding: try every start at that vertex, both ways round, and keep the best match.
  const cyclic = (x: Position[], y: Position[]) => {
    let best = along(x, y);
    for (let k = 0; k < y.length; k++) {
      if (haversineM(y[k]!, x[0]!) > 0.01) continue;
      const forward = [...y.slice(k), ...y.slice(0, k)];
      best = Math.min(best, along(x, forward), along(x, [forward[0]!, ...forward.slice(1).reverse()]));
    }
    return best;
  };
  let worst = 0;
  for (let i = 0; i < pa.length; i++) {
    const [x, y] = [pa[i]!, pb[i]!];
    if (x.length !== y.length) return Infinity;
    worst = Math.max(worst, polygonal(a) ? cyclic(x, y) : along(x, y));
  }
  return worst;
}
