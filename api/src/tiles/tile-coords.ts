/**
 * Web Mercator tile geometry for vector tiles, computed as PostGIS does it
 * (`ST_TileEnvelope`, `ST_AsMVTGeom(geom, envelope, 4096, 64, true)`).
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

/** C's `rint()` in the default rounding mode: halves go to the even neighbour. */
export function rint(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * A mercator point in tile space as `ST_AsMVTGeom(…, extent, buffer, clip := true)` puts it
 * (the tile route places points from their tile keys instead; its tests check those against this):
 * the same affine transform (`x·fx − xmin·fx`, y flipped), snapped with `rint`, and null when
 * it falls outside the tile plus buffer.
 */
export function toTilePoint(env: MercatorBox, mx: number, my: number, extent = TILE_EXTENT, buffer = TILE_BUFFER): [number, number] | null {
  const fx = extent / (env.xmax - env.xmin);
  const fy = -(extent / (env.ymax - env.ymin));
  const tx = rint(fx * mx + -env.xmin * fx);
  const ty = rint(fy * my + -env.ymax * fy);
  if (tx < -buffer || tx > extent + buffer || ty < -buffer || ty > extent + buffer) return null;
  return [tx, ty];
}
