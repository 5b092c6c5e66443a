/**
 * Web Mercator tile geometry for vector tiles, computed as PostGIS does it (`ST_TileEnvelope`),
 * and the extent and buffer the tiles are made with.
 */

import { WEB_MERCATOR_HALF_WORLD as HALF_WORLD } from '@gridatlas/core';

export const TILE_EXTENT = 4096;
export const TILE_BUFFER = 64;

export interface MercatorBox {
  xmin: number;
  ymin: number;
  xmax: number;
  ymax: number;
}

/** `ST_TileEnvelope(z, x, y)` in EPSG:3857 metres (same arithmetic as PostGIS). */
export function tileEnvelope(z: number, x: number, y: number): MercatorBox {
  const size = (2 * HALF_WORLD) / 2 ** z;
  return {
    xmin: -HALF_WORLD + size * x,
    xmax: -HALF_WORLD + size * (x + 1),
    ymin: HALF_WORLD - size * (y + 1),
    ymax: HALF_WORLD - size * y,
  };
}
