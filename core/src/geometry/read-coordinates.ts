/**
 * The first look at a geometry's numbers: every position must be at least two finite numbers
 * in WGS84 degrees, `[lng, lat]`. Z and M values are dropped (reported once). Numbers that
 * cannot be degrees get a diagnosis a person can act on: metres of a projected system, or
 * latitude and longitude swapped.
 */
import type { GeometryRejection } from './normalise.types.js';

export type XY = [number, number];

/** What reading a list of positions found. */
export interface CoordinateTally {
  /** Some position had a third (or fourth) value. */
  hadZ: boolean;
  /** The first fatal problem, if any. */
  problem?: GeometryRejection;
}

const fmt = (x: number): string => (Math.abs(x) >= 1000 ? String(Math.round(x)) : String(Math.round(x * 1e6) / 1e6));

/** Why `[x, y]` (finite) is not a WGS84 degree position, or null when it is one. */
export function diagnoseRange(x: number, y: number): GeometryRejection | null {
  if (Math.abs(x) <= 180 && Math.abs(y) <= 90) return null;
  if (Math.abs(x) > 1000 || Math.abs(y) > 1000) {
    return {
      reason: 'projected_coordinates',
      detail: `coordinates look projected (x≈${fmt(x)}, y≈${fmt(y)}): these are metres or feet, not degrees — give the coordinate system (--crs) or reproject to WGS84 (EPSG:4326)`,
    };
  }
  if (Math.abs(x) <= 90 && Math.abs(y) <= 180) {
    return {
      reason: 'swapped_coordinates',
      detail: `coordinates look swapped ([${fmt(x)}, ${fmt(y)}] has a latitude beyond ±90°): GeoJSON wants [longitude, latitude]`,
    };
  }
  return {
    reason: 'out_of_range',
    detail: `[${fmt(x)}, ${fmt(y)}] is outside WGS84 ranges (longitude −180…180, latitude −90…90)`,
  };
}

/**
 * Reads positions into `[lng, lat]` pairs, or stops at the first position that is not one.
 * `tally` collects what was found across calls for one geometry.
 */
export function readPositions(raw: unknown, tally: CoordinateTally): XY[] | null {
  if (!Array.isArray(raw)) {
    tally.problem ??= { reason: 'bad_coordinates', detail: 'coordinates must be an array of [lng, lat] positions' };
    return null;
  }
  const out: XY[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const p = raw[i] as unknown;
    if (!Array.isArray(p) || p.length < 2) {
      tally.problem ??= { reason: 'bad_coordinates', detail: `position ${i + 1} is ${JSON.stringify(p)?.slice(0, 40)}, not [lng, lat]` };
      return null;
    }
    const x = p[0] as unknown;
    const y = p[1] as unknown;
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
      tally.problem ??= {
        reason: 'bad_coordinates',
        detail: `position ${i + 1} is [${String(x)}, ${String(y)}]: coordinates must be finite numbers`,
      };
      return null;
    }
    const off = diagnoseRange(x, y);
    if (off) {
      tally.problem ??= off;
      return null;
    }
    if (p.length > 2) tally.hadZ = true;
    out[i] = [x, y];
  }
  return out;
}
