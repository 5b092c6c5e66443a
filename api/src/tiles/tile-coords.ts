/**
 * Web Mercator tile geometry for vector tiles, computed as PostGIS does it (`ST_TileEnvelope`),
 * and the extent and buffer the tiles are made with.
 */

export const TILE_EXTENT = 4096;
export const TILE_BUFFER = 64;
const HALF_WORLD = 20_037_508.342789244;

export interface MercatorBox {
  xmin: number;
  ymin: number;
  xmax: number;
  ymax: number;
}

/** `ST_TileEnvelope(z, x, y)` in EPSG:3857 metres (same arithmetic as PostGIS). */
export function tileEnvelope(z: number, x: number, y: number): MercatorBox {
  const size = (2 * HALF_WORLD) / 2 ** z;
  return { xmin: -HALF_WORLD + size * x, xmax: -HALF_WORLD + size * (x + 1), ymin: HALF_WORLD - size * (y + 1), ymax: HALF_WORLD - size * y };
}

/** Mercator metres → degrees WGS84 `[lng, lat]`. */
export function fromMercator(x: number, y: number): [number, number] {
  return [(x / HALF_WORLD) * 180, ((2 * Math.atan(Math.exp((y / HALF_WORLD) * Math.PI)) - Math.PI / 2) * 180) / Math.PI];
}
