/**
 * The generator works in a local metric frame (x east, y north, metres) around an origin in
 * Xi'an and converts to WGS84 degrees with an equirectangular projection: over a district of
 * ~10 km the error is far below a metre. Coordinates are not rounded: a vertex interpolated on
 * a straight boundary stays on it, so grids cut along a community edge share it exactly.
 */
import type { Position } from 'geojson';

export const ORIGIN_LNG = 108.9;
export const ORIGIN_LAT = 34.25;
const METRES_PER_DEG_LAT = 110_574;
const METRES_PER_DEG_LNG = 111_320 * Math.cos((ORIGIN_LAT * Math.PI) / 180);

export type XY = [number, number];

/** Local metres → `[lng, lat]` degrees. */
export function toLngLat([x, y]: XY): Position {
  return [ORIGIN_LNG + x / METRES_PER_DEG_LNG, ORIGIN_LAT + y / METRES_PER_DEG_LAT];
}

/** `[lng, lat]` degrees → local metres. */
export function toXY([lng, lat]: Position): XY {
  return [(lng! - ORIGIN_LNG) * METRES_PER_DEG_LNG, (lat! - ORIGIN_LAT) * METRES_PER_DEG_LAT];
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
