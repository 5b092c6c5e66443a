/**
 * Source coordinate systems an import may name by a short word, and the conversion of a
 * position in any system to WGS84 degrees `[lng, lat]` (what the database stores).
 */
import type { Position } from 'geojson';
import { bd09ToGcj02, gcj02ToWgs84 } from './china-offsets.js';
import type { Crs } from './crs.types.js';
import { converterToWgs84 } from './reproject.js';

/** `cgcs2000` is taken as WGS84: the two differ by well under a metre. */
export const SOURCE_CRS = ['wgs84', 'cgcs2000', 'gcj02', 'bd09'] as const;
export type SourceCrs = (typeof SOURCE_CRS)[number];

export function isSourceCrs(value: string): value is SourceCrs {
  return (SOURCE_CRS as readonly string[]).includes(value);
}

/**
 * A position in `crs` (a short name or any parsed system) → WGS84 degrees.
 *
 * @example toWgs84([116.40337, 39.917924], 'gcj02') // ≈ [116.397128, 39.916527]
 */
export function toWgs84(position: Position, crs: SourceCrs | Crs): [number, number] {
  if (typeof crs !== 'string') return converterToWgs84(crs)(position);
  switch (crs) {
    case 'wgs84':
    case 'cgcs2000':
      return [position[0]!, position[1]!];
    case 'gcj02':
      return gcj02ToWgs84(position);
    case 'bd09':
      return gcj02ToWgs84(bd09ToGcj02(position));
  }
}
