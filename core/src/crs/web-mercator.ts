/**
 * Spherical Web Mercator (EPSG:3857), the projection of web map tiles, of vector-tile
 * envelopes (`ST_TileEnvelope`) and of the analytics' hexagon grids. One home for the formula
 * and its constants, so the API's SQL builders, its tile and hexbin code and the benchmarks
 * agree to the last digit. Degrees are WGS84 `[lng, lat]`; metres are Web Mercator metres
 * (true metres only at the equator: a metre on the ground is `1 / cos(lat)` of them).
 */

/** Radius of the Web Mercator sphere in metres: the WGS84 semi-major axis. */
export const WEB_MERCATOR_R = 6_378_137;

/** Half the world's width in Web Mercator metres (x at lng 180°, y at the latitude limit). */
export const WEB_MERCATOR_HALF_WORLD = Math.PI * WEB_MERCATOR_R;

/** The world's width in Web Mercator metres (the extent of tile 0/0/0). */
export const WEB_MERCATOR_WORLD = 2 * WEB_MERCATOR_HALF_WORLD;

/** Latitude limit in degrees where the map is square (y = ±half the world): 2·atan(e^π) − 90°. */
export const WEB_MERCATOR_MAX_LAT = 85.0511287798066;

/**
 * Degrees WGS84 → Web Mercator metres `[x, y]`, in the same order of operations as the SQL of
 * the API's `mercatorX`/`mercatorY` (`R · radians(λ)`, `R · ln tan(π/4 + radians(φ)/2)`), so a
 * point lands in the same cell in JS as in PostGIS.
 * @example lngLatToMercator(180, 0) // [20037508.342789244, 0]
 */
export function lngLatToMercator(lng: number, lat: number): [number, number] {
  const lambda = (lng * Math.PI) / 180;
  const phi = (lat * Math.PI) / 180;
  return [WEB_MERCATOR_R * lambda, WEB_MERCATOR_R * Math.log(Math.tan(Math.PI / 4 + phi / 2))];
}

/** Web Mercator metres → degrees WGS84 `[lng, lat]`. */
export function mercatorToLngLat(x: number, y: number): [number, number] {
  return [
    (x / WEB_MERCATOR_HALF_WORLD) * 180,
    ((2 * Math.atan(Math.exp((y / WEB_MERCATOR_HALF_WORLD) * Math.PI)) - Math.PI / 2) * 180) / Math.PI,
  ];
}
