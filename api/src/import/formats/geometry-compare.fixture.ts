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
  return -s;
}

/** Open ring, counter-clockwise, starting at its lowest-then-leftmost vertex. */
function canonicalRing(ring: Position[]): Position[] {
  let r = ring.slice(0, ring.length > 1 && ring[0]![0] === ring[ring.length - 1]![0] && ring[0]![1] === ring[ring.length - 1]![1] ? -1 : undefined);
  if (signedArea2(r) < 0) r = [...r].reverse();
  let start = 0;
  r.forEach((p, i) => {
    const s = r[start]!;
    if (p[1]! < s[1]! - 1e-9 || (Math.abs(p[1]! - s[1]!) <= 1e-9 && p[0]! < s[0]!)) start = i;
  });
  return [...r.slice(start), ...r.slice(0, start)];
}

/** Polygons as lists of canonical rings, shells first, sorted by their first vertex. */
function polygonsOf(g: Geometry): Position[][][] {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
  const key = (r: Position[]) => r[0]![1]! * 1e3 + r[0]![0]!;
  return polys
    .map((p) => [canonicalRing(p[0]!), ...p.slice(1).map(canonicalRing).sort((a, b) => key(a) - key(b))])
    .sort((a, b) => key(a[0]!) - key(b[0]!));
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
  const key = (r: Position[]) => r[0]![1]! * 1e3 + r[0]![0]!;
  const flat = (g: Geometry) => (options.ringsOnly && polygonal(g) ? pathsOf(g).sort((x, y) => key(x) - key(y)) : pathsOf(g));
  const pa = flat(a);
  const pb = flat(b);
  if (pa.length !== pb.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < pa.length; i++) {
    if (pa[i]!.length !== pb[i]!.length) return Infinity;
    for (let k = 0; k < pa[i]!.length; k++) worst = Math.max(worst, haversineM(pa[i]![k]!, pb[i]![k]!));
  }
  return worst;
}
