/**
 * Moves an area (a building's footprint, a compound's hull) from one grid to its neighbour,
 * so the boundary between them follows the building. Degrees `[lng, lat]`; distances metres.
 */
import { buffer, convex, difference, featureCollection, intersect, multiPoint, polygon as turfPolygon, union } from '@turf/turf';
import type { Polygon, Position } from 'geojson';
import { metresPerDegree } from '../geometry/geodesic.js';
import { singlePolygon } from './ring-tools.js';

/** Margin kept around a moved building, metres: the new boundary runs this far from its walls. */
export const TRANSFER_MARGIN_M = 3;

/**
 * `from` without `piece` and `to` with it. `piece` is clipped to `from` first. Refused when
 * `to` would become two pieces (the area does not touch it) or `from` would fall apart or vanish.
 *
 * @example
 * const piece = transferPieceFor(building.footprint, to);
 * const moved = transferPiece(from, to, piece);
 */
export function transferPiece(from: Polygon, to: Polygon, piece: Polygon): { from: Polygon; to: Polygon } | { error: string } {
  const clipped = intersect(featureCollection([turfPolygon(from.coordinates), turfPolygon(piece.coordinates)]));
  if (!clipped) return { error: 'The area to move is not inside the source grid.' };
  const nextTo = singlePolygon(union(featureCollection([turfPolygon(to.coordinates), clipped]))?.geometry);
  if (typeof nextTo === 'number') return { error: 'The target grid does not touch the area to move; pick a neighbouring grid.' };
  const rest = difference(featureCollection([turfPolygon(from.coordinates), clipped]));
  const nextFrom = singlePolygon(rest?.geometry);
  if (nextFrom === 0) return { error: 'Moving this area would leave the source grid empty; merge the grids instead.' };
  if (typeof nextFrom === 'number') return { error: `Moving this area would split the source grid into ${nextFrom} pieces.` };
  return { from: nextFrom, to: nextTo };
}

/**
 * The area to move for a building: its footprint grown by `marginM` metres and bridged to
 * the nearest stretch of the target grid's outline, so the moved area reaches its new grid.
 * Clip it with {@link transferPiece}.
 */
export function transferPieceFor(footprint: Position[][], to: Polygon, marginM = TRANSFER_MARGIN_M): Polygon {
  const grown = buffer(turfPolygon(footprint), marginM, { units: 'meters', steps: 2 });
  const outline = grown?.geometry.type === 'Polygon' ? grown.geometry.coordinates[0]! : footprint[0]!;
  const k = metresPerDegree(outline[0]![1]!);
  const near = outline.map((p) => nearestOnRing(p, to.coordinates[0]!, k));
  const closest = Math.min(...near.map((n) => n.d));
  // Only the side of the building facing the target: vertices within a few margins of the closest one.
  const bridge = near.filter((n) => n.d <= closest + marginM * 4).map((n) => n.p);
  const hull = convex(multiPoint([...outline, ...bridge]));
  return hull ? (hull.geometry as Polygon) : { type: 'Polygon', coordinates: [outline] };
}

function nearestOnRing(p: Position, ring: Position[], k: { x: number; y: number }): { p: Position; d: number } {
  let best: { p: Position; d: number } = { p: ring[0]!, d: Infinity };
  for (let i = 1; i < ring.length; i++) {
    const a = ring[i - 1]!;
    const b = ring[i]!;
    const ax = (a[0]! - p[0]!) * k.x;
    const ay = (a[1]! - p[1]!) * k.y;
    const bx = (b[0]! - p[0]!) * k.x;
    const by = (b[1]! - p[1]!) * k.y;
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
    const x = ax + t * dx;
    const y = ay + t * dy;
    const d = Math.hypot(x, y);
    if (d < best.d) best = { p: [p[0]! + x / k.x, p[1]! + y / k.y], d };
  }
  return best;
}
