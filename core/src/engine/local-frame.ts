/**
 * A local metric frame: equirectangular metres about an origin (under 0.1% error within a few
 * kilometres). The engine computes in it (x east, y north, metres) and writes results back in
 * WGS84 `[lng, lat]` degrees; the demo district generator (`@gridatlas/data`) lays its district
 * out in one about Xi'an.
 */
import type { Position } from 'geojson';
import { metresPerDegree } from '../geometry/geodesic.js';

export type XY = [number, number];

export interface LocalFrame {
  toXY(p: Position): XY;
  toLngLat(x: number, y: number): [number, number];
}

/**
 * Frame about `origin` (`[lng, lat]` degrees) with `scale` metres per degree of longitude (x)
 * and latitude (y); by default those of the sphere `metresPerDegree` uses, at the origin's latitude.
 * @example localFrameAt([108.9, 34.25]).toXY([108.91, 34.25]) // [919.1…, 0]
 */
export function localFrameAt(origin: readonly [number, number], scale: { x: number; y: number } = metresPerDegree(origin[1])): LocalFrame {
  const [lng0, lat0] = origin;
  return {
    toXY: (p) => [(p[0]! - lng0) * scale.x, (p[1]! - lat0) * scale.y],
    toLngLat: (x, y) => [lng0 + x / scale.x, lat0 + y / scale.y],
  };
}

/** Frame centred on the bbox `[minLng, minLat, maxLng, maxLat]` (degrees). */
export function localFrame(bbox: readonly [number, number, number, number]): LocalFrame {
  return localFrameAt([(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2]);
}

/** Twice the signed area of a ring of XY points (open or closed), m²; positive = counter-clockwise. */
export function ringArea2(ring: readonly XY[]): number {
  let s = 0;
  const n = ring.length;
  for (let i = 0, j = n - 1; i < n; j = i++) s += ring[j]![0] * ring[i]![1] - ring[i]![0] * ring[j]![1];
  return s;
}

/** Whether `(x, y)` is inside an open or closed ring of XY points (ray casting). */
export function insideRing(x: number, y: number, ring: readonly XY[]): boolean {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = ring[i]![0];
    const yi = ring[i]![1];
    const xj = ring[j]![0];
    const yj = ring[j]![1];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
