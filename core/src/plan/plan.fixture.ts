/**
 * A small community laid out in metres for the plan tests: a 400 m × 200 m rectangle near
 * Xi'an, helpers to make rectangles and units in it, converted to `[lng, lat]` degrees.
 */
import type { Polygon } from 'geojson';
import type { GridGeometry, PlanGrid, PlanUnit } from './plan.types.js';

const ORIGIN = { lng: 108.9, lat: 34.25 };
const M_PER_DEG_LAT = 111_195;
const M_PER_DEG_LNG = M_PER_DEG_LAT * Math.cos((ORIGIN.lat * Math.PI) / 180);

export const COMMUNITY = '610199001001';

/** `[lng, lat]` of a point `x` m east and `y` m north of the origin. */
export function at(x: number, y: number): [number, number] {
  return [ORIGIN.lng + x / M_PER_DEG_LNG, ORIGIN.lat + y / M_PER_DEG_LAT];
}

/** A rectangle from (x0, y0) to (x1, y1), metres. */
export function rect(x0: number, y0: number, x1: number, y1: number): Polygon {
  return { type: 'Polygon', coordinates: [[at(x0, y0), at(x1, y0), at(x1, y1), at(x0, y1), at(x0, y0)]] };
}

export const boundary = rect(0, 0, 400, 200);

export function grid(code: string, geometry: GridGeometry, extra: Partial<PlanGrid> = {}): PlanGrid {
  return { code: `${COMMUNITY}${code}`, geometry, communityCode: COMMUNITY, ...extra };
}

/** A 10 m square building centred at (x, y). */
export function building(id: string, x: number, y: number, households: number, persons = households * 3): PlanUnit {
  return { id, point: at(x, y), households, persons, footprint: rect(x - 5, y - 5, x + 5, y + 5).coordinates };
}
