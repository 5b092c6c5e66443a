/**
 * Converting positions between a source system and WGS84 degrees `[lng, lat]` (what
 * GridAtlas stores), through proj4 for datums and projections and through the published
 * formulas for GCJ-02 and BD-09. Converters are built once per definition and cached.
 */
import type { Geometry, Position } from 'geojson';
import proj4 from 'proj4';
import { bd09ToGcj02, gcj02ToBd09, gcj02ToWgs84, wgs84ToGcj02 } from './china-offsets.js';
import type { Crs } from './crs.types.js';

export type PositionConverter = (position: Position) => [number, number];

const WGS84_DEF = '+proj=longlat +datum=WGS84 +no_defs';
const cache = new Map<string, { forward: PositionConverter; inverse: PositionConverter }>();

/** A Crs whose numbers are WGS84 degrees as they stand (WGS84 itself, CGCS2000 taken as WGS84). */
function isIdentity(crs: Crs): boolean {
  return crs.kind === 'geographic' && (crs.datum === 'WGS84' || crs.datum === 'CGCS2000');
}

function finite(p: number[], from: string): [number, number] {
  const x = p[0]!;
  const y = p[1]!;
  if (!Number.isFinite(x) || !Number.isFinite(y)) throw new RangeError(`position cannot be converted (${from})`);
  return [x, y];
}

function proj4Pair(definition: string): { forward: PositionConverter; inverse: PositionConverter } {
  let pair = cache.get(definition);
  if (!pair) {
    const converter = proj4(definition, WGS84_DEF);
    pair = {
      forward: (p) => finite(converter.forward([p[0]!, p[1]!]), definition),
      inverse: (p) => finite(converter.inverse([p[0]!, p[1]!]), definition),
    };
    cache.set(definition, pair);
  }
  return pair;
}

/**
 * A function taking positions in `crs` to WGS84 `[lng, lat]` degrees. It throws a RangeError
 * for a position the projection cannot invert (far outside its area).
 *
 * @example converterToWgs84(epsgCrs(4527)!)([39_500_000, 3_380_000]) // ≈ [117, 30.54]
 */
export function converterToWgs84(crs: Crs): PositionConverter {
  if (crs.datum === 'GCJ-02') return (p) => gcj02ToWgs84(p);
  if (crs.datum === 'BD-09') return (p) => gcj02ToWgs84(bd09ToGcj02(p));
  if (isIdentity(crs) || crs.definition === null) return (p) => [p[0]!, p[1]!];
  return proj4Pair(crs.definition).forward;
}

/**
 * A function taking WGS84 `[lng, lat]` degrees to positions in `crs` (for exports back in the
 * office's own system).
 *
 * @example converterFromWgs84(epsgCrs(4527)!)([117, 30.54]) // ≈ [39_500_000, 3_380_000]
 */
export function converterFromWgs84(crs: Crs): PositionConverter {
  if (crs.datum === 'GCJ-02') return (p) => wgs84ToGcj02(p);
  if (crs.datum === 'BD-09') return (p) => gcj02ToBd09(wgs84ToGcj02(p));
  if (isIdentity(crs) || crs.definition === null) return (p) => [p[0]!, p[1]!];
  return proj4Pair(crs.definition).inverse;
}

/** One WGS84 position in `crs`. */
export function fromWgs84(position: Position, crs: Crs): [number, number] {
  return converterFromWgs84(crs)(position);
}

/** A copy of `geometry` with every position passed through `convert` (2D: a third ordinate is not kept). */
export function mapGeometry<G extends Geometry>(geometry: G, convert: PositionConverter): G {
  // Each position alone: Array.map's index would land in a converter's optional second
  // parameter (gcj02ToWgs84's tolerance) and convert the same vertex differently.
  const ring = (rs: Position[]): Position[] => rs.map((p) => convert(p));
  switch (geometry.type) {
    case 'Point':
      return { ...geometry, coordinates: convert(geometry.coordinates) };
    case 'MultiPoint':
    case 'LineString':
      return { ...geometry, coordinates: ring(geometry.coordinates) };
    case 'MultiLineString':
    case 'Polygon':
      return { ...geometry, coordinates: geometry.coordinates.map(ring) };
    case 'MultiPolygon':
      return { ...geometry, coordinates: geometry.coordinates.map((p) => p.map(ring)) };
    case 'GeometryCollection':
      return { ...geometry, geometries: geometry.geometries.map((g) => mapGeometry(g, convert)) };
  }
}
