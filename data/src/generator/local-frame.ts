/**
 * The generator works in a local metric frame (x east, y north, metres) around an origin in
 * Xi'an — core's `localFrameAt` — and converts to WGS84 degrees with it: over a district of
 * ~10 km the error is far below a metre. Coordinates are not rounded: a vertex interpolated on
 * a straight boundary stays on it, so grids cut along a community edge share it exactly.
 */
import { localFrameAt, type XY } from '@gridatlas/core';
import type { Position } from 'geojson';

export type { XY };

export const ORIGIN_LNG = 108.9;
export const ORIGIN_LAT = 34.25;

/**
 * Metres per degree of the demo district: WGS84's at the equator (110 574 m of latitude,
 * 111 320 m of longitude times cos φ), not the sphere's core uses by default. Every seed's
 * district was laid out with these; they are kept so a seed gives the same district, byte for byte.
 */
const DEMO_SCALE = { x: 111_320 * Math.cos((ORIGIN_LAT * Math.PI) / 180), y: 110_574 };

const frame = localFrameAt([ORIGIN_LNG, ORIGIN_LAT], DEMO_SCALE);

/** Local metres → `[lng, lat]` degrees. */
export function toLngLat([x, y]: XY): Position {
  return frame.toLngLat(x, y);
}

/** `[lng, lat]` degrees → local metres. */
export function toXY(p: Position): XY {
  return frame.toXY(p);
}

export function ringToLngLat(ring: XY[]): Position[] {
  const out = ring.map(toLngLat);
  const first = out[0]!;
  const last = out[out.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) out.push([first[0]!, first[1]!]);
  return out;
}

export function distance(a: XY, b: XY): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}
