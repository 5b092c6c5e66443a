/**
 * Hexagon size for a viewport: about 40 screen pixels across at the zoom (MapLibre's 512-px
 * tiles), grown when the viewport would need more than `maxCells` hexagons. Sizes are Web
 * Mercator (EPSG:3857) units — the `size` (edge length = circumradius) of PostGIS
 * `ST_HexagonGrid`/`ST_Hexagon` with the origin at 0,0 — so cells stay put while panning.
 */
import { lngLatToMercator, WEB_MERCATOR_WORLD } from '@gridatlas/core';
import type { Bbox } from './viewport-query.js';

export const HEX_ACROSS_PX = 40;
export const MAX_HEX_CELLS = 8000;

/**
 * Edge length in mercator metres for a viewport, and the same on the ground at the
 * viewport's centre latitude (metres).
 * @example hexSize([108.9, 34.2, 108.94, 34.22], 14) // { size: 47.8…, sizeM: 39.5… }
 */
export function hexSize(bbox: Bbox, zoom: number, maxCells = MAX_HEX_CELLS): { size: number; sizeM: number } {
  const pxPerUnit = (512 * 2 ** Math.floor(zoom)) / WEB_MERCATOR_WORLD;
  let size = HEX_ACROSS_PX / 2 / pxPerUnit;
  const [x0, y0] = lngLatToMercator(bbox[0], bbox[1]);
  const [x1, y1] = lngLatToMercator(bbox[2], bbox[3]);
  // A flat-topped hexagon of edge s covers a 1.5 s × √3 s cell of the grid.
  const cells = ((x1 - x0) * (y1 - y0)) / (1.5 * Math.sqrt(3) * size * size);
  if (cells > maxCells) size *= Math.sqrt(cells / maxCells);
  const lat = (bbox[1] + bbox[3]) / 2;
  return { size, sizeM: size * Math.cos((lat * Math.PI) / 180) };
}
