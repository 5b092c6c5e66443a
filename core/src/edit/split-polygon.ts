/**
 * Splits a grid in two along a line drawn across it. The two parts share the cut edge
 * vertex for vertex, so they tile the original with no gap or overlap. Degrees `[lng, lat]`.
 */
import type { LineString, Polygon, Position } from 'geojson';
import { metresPerDegree } from '../geometry/geodesic.js';
import { pointInRing } from '../geometry/point-in-polygon.js';
import { cleanPolygon, roundPosition, signedArea2 } from './ring-tools.js';

/** How far the line's ends are pushed out, metres: a stroke ending on the boundary still cuts. */
export const SPLIT_EXTEND_M = 2;

interface Crossing {
  /** Position along the line: segment index + parameter. */
  lineAt: number;
  /** Position along the outer ring: segment index + parameter. */
  ringAt: number;
  point: Position;
}

/**
 * The two parts of `polygon` either side of `line`, or an error saying why not.
 * The line must enter and leave the polygon exactly once (after extending each end by
 * {@link SPLIT_EXTEND_M} metres) and must not touch a hole.
 *
 * @example
 * const parts = splitPolygonByLine(grid, { type: 'LineString', coordinates: [[x0, y], [x1, y]] });
 * if ('error' in parts) alert(parts.error);
 */
export function splitPolygonByLine(polygon: Polygon, line: LineString): [Polygon, Polygon] | { error: string } {
  const outer = polygon.coordinates[0];
  if (!outer || outer.length < 4) return { error: 'The grid has no outline to split.' };
  const path = extendLine(line.coordinates);
  if (path.length < 2) return { error: 'Draw a line with at least two points.' };
  for (const hole of polygon.coordinates.slice(1)) {
    if (crossings(path, hole).length > 0) return { error: 'The line crosses a hole in the grid; draw it around the hole.' };
  }
  const found = crossings(path, outer);
  if (found.length < 2) return { error: 'The line must cross the grid from one side to the other.' };
  if (found.length > 2)
    return { error: `The line crosses the grid boundary ${found.length} times; it must cut it into exactly two parts.` };
  const [a, b] = found.sort((p, q) => p.ringAt - q.ringAt) as [Crossing, Crossing];
  // Interior line vertices from a to b (in ring order of the crossings).
  const forward = a.lineAt < b.lineAt;
  const lo = Math.min(a.lineAt, b.lineAt);
  const hi = Math.max(a.lineAt, b.lineAt);
  const inner: Position[] = [];
  for (let i = Math.ceil(lo); i <= hi; i++) if (i > lo && i < hi) inner.push(path[i]!);
  const cutAB = forward ? inner : inner.slice().reverse();
  const ring = outer.slice(0, -1);
  const n = ring.length;
  const ia = Math.floor(a.ringAt);
  const ib = Math.floor(b.ringAt);
  // Part one: a → ring vertices after a up to b's segment → b → back along the cut to a.
  const one: Position[] = [a.point];
  for (let i = ia + 1; i <= ib; i++) one.push(ring[i % n]!);
  one.push(b.point, ...cutAB.slice().reverse(), a.point);
  // Part two: b → ring vertices after b round to a's segment → a → along the cut to b.
  const two: Position[] = [b.point];
  for (let i = ib + 1; i <= ia + n; i++) two.push(ring[i % n]!);
  two.push(a.point, ...cutAB, b.point);
  const holes = polygon.coordinates.slice(1);
  const p1 = cleanPolygon([one, ...holes.filter((h) => inside(h, one))]);
  const p2 = cleanPolygon([two, ...holes.filter((h) => !inside(h, one))]);
  // 1e-14 deg² ≈ 0.1 m²: a "part" smaller than that is a stroke grazing a corner, not a cut.
  if (!p1 || !p2 || Math.abs(signedArea2(p1.coordinates[0]!)) < 2e-14 || Math.abs(signedArea2(p2.coordinates[0]!)) < 2e-14) {
    return { error: 'The line runs along the boundary or grazes a corner and cuts nothing off.' };
  }
  return [p1, p2];
}

function inside(hole: Position[], ring: Position[]): boolean {
  const p = hole[0]!;
  return pointInRing(p[0]!, p[1]!, ring);
}

function extendLine(coords: Position[]): Position[] {
  const pts = coords.filter((p, i) => i === 0 || p[0] !== coords[i - 1]![0] || p[1] !== coords[i - 1]![1]);
  if (pts.length < 2) return pts;
  const k = metresPerDegree(pts[0]![1]!);
  const push = (from: Position, to: Position): Position => {
    const dx = (to[0]! - from[0]!) * k.x;
    const dy = (to[1]! - from[1]!) * k.y;
    const len = Math.hypot(dx, dy) || 1;
    return [to[0]! + ((dx / len) * SPLIT_EXTEND_M) / k.x, to[1]! + ((dy / len) * SPLIT_EXTEND_M) / k.y];
  };
  return [push(pts[1]!, pts[0]!), ...pts.slice(1, -1), push(pts[pts.length - 2]!, pts[pts.length - 1]!)];
}

/**
 * Proper crossings of the polyline with a closed ring. A crossing through a ring vertex is
 * counted once (ring parameter in [0, 1)); points are rounded so both parts share them.
 */
function crossings(path: Position[], ringClosed: Position[]): Crossing[] {
  const out: Crossing[] = [];
  const n = ringClosed.length - 1;
  for (let i = 0; i + 1 < path.length; i++) {
    const p = path[i]!;
    const p2 = path[i + 1]!;
    for (let j = 0; j < n; j++) {
      const q = ringClosed[j]!;
      const q2 = ringClosed[j + 1]!;
      const hit = segmentIntersection(p, p2, q, q2);
      if (!hit || hit.u >= 1) continue;
      const point = hit.u === 0 ? q : roundPosition([p[0]! + (p2[0]! - p[0]!) * hit.t, p[1]! + (p2[1]! - p[1]!) * hit.t]);
      if (out.some((c) => c.point[0] === point[0] && c.point[1] === point[1])) continue;
      out.push({ lineAt: i + hit.t, ringAt: j + hit.u, point });
    }
  }
  return out;
}

/** Parameters t (along p→p2) and u (along q→q2) of the intersection, or null if parallel or apart. */
function segmentIntersection(p: Position, p2: Position, q: Position, q2: Position): { t: number; u: number } | null {
  const rx = p2[0]! - p[0]!;
  const ry = p2[1]! - p[1]!;
  const sx = q2[0]! - q[0]!;
  const sy = q2[1]! - q[1]!;
  const denom = rx * sy - ry * sx;
  if (denom === 0) return null;
  const qpx = q[0]! - p[0]!;
  const qpy = q[1]! - p[1]!;
  const t = (qpx * sy - qpy * sx) / denom;
  let u = (qpx * ry - qpy * rx) / denom;
  if (t < 0 || t > 1) return null;
  // Snap a hit within ~1 mm of a ring vertex onto it, so a stroke through a corner cuts there once.
  const segLen = Math.hypot(sx, sy);
  if (Math.abs(u) * segLen < 1e-8) u = 0;
  else if (Math.abs(1 - u) * segLen < 1e-8) u = 1;
  if (u < 0 || u > 1) return null;
  return { t, u };
}
