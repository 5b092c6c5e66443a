/**
 * Snapping for the planner's pointer: to the nearest vertex, else the nearest point on a
 * segment (streets, the community boundary, neighbouring grid edges). Degrees `[lng, lat]`
 * in, tolerance in metres (local equirectangular frame).
 */
import type { Position } from 'geojson';
import { metresPerDegree } from '../geometry/geodesic.js';
import type { LngLat } from '../plan/plan.types.js';

export interface SnapTargets {
  vertices: readonly Position[];
  segments: readonly (readonly [Position, Position])[];
}

export interface Snapped {
  position: LngLat;
  kind: 'vertex' | 'segment';
  /** Distance moved, metres. */
  distanceM: number;
}

/**
 * The snapped position for `p`, or null when nothing lies within `toleranceM` metres.
 * A vertex wins over a segment whenever one is within tolerance.
 *
 * @example
 * snapPosition([120.1, 30.2], { vertices, segments }, 3)?.position ?? [120.1, 30.2]
 */
export function snapPosition(p: Position, targets: SnapTargets, toleranceM: number): Snapped | null {
  const k = metresPerDegree(p[1]!);
  const px = p[0]!;
  const py = p[1]!;
  let vertex: Snapped | null = null;
  for (const v of targets.vertices) {
    const d = Math.hypot((v[0]! - px) * k.x, (v[1]! - py) * k.y);
    if (d <= toleranceM && (!vertex || d < vertex.distanceM)) vertex = { position: [v[0]!, v[1]!], kind: 'vertex', distanceM: d };
  }
  if (vertex) return vertex;
  let best: Snapped | null = null;
  for (const [a, b] of targets.segments) {
    const ax = (a[0]! - px) * k.x;
    const ay = (a[1]! - py) * k.y;
    const dx = (b[0]! - a[0]!) * k.x;
    const dy = (b[1]! - a[1]!) * k.y;
    const len2 = dx * dx + dy * dy;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
    const x = ax + t * dx;
    const y = ay + t * dy;
    const d = Math.hypot(x, y);
    if (d <= toleranceM && (!best || d < best.distanceM)) {
      best = { position: [Math.round((px + x / k.x) * 1e7) / 1e7, Math.round((py + y / k.y) * 1e7) / 1e7], kind: 'segment', distanceM: d };
    }
  }
  return best;
}

/** Vertices and segments of polygon rings and lines, for {@link snapPosition}. */
export function snapTargetsOf(lines: readonly (readonly Position[])[]): SnapTargets {
  const vertices: Position[] = [];
  const segments: [Position, Position][] = [];
  for (const line of lines) {
    for (let i = 0; i < line.length; i++) {
      vertices.push(line[i]!);
      if (i > 0) segments.push([line[i - 1]!, line[i]!]);
    }
  }
  return { vertices, segments };
}
