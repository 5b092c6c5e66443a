/**
 * The outline of hexagon (i, j) of PostGIS's hexagon grid (`ST_Hexagon(size, i, j)`, origin
 * 0,0 in EPSG:3857) as a GeoJSON polygon in WGS84, rounded to 7 decimals: what
 * `ST_AsGeoJSON(ST_Transform(ST_Hexagon(…), 4326), 7)` gives, worked out here by arithmetic
 * so the database only counts (drawing a few hundred hexagons there took longer than counting
 * their incidents).
 */
import type { Polygon } from 'geojson';
import { mercatorToLngLat } from '@gridatlas/core';

/** Flat-topped, edge `size` (= circumradius): column i at x = 1.5 size i; odd columns half a row (√3 size / 2) up. */
export function hexagonOutline(size: number, i: number, j: number): Polygon {
  const h = (Math.sqrt(3) * size) / 2;
  const cx = 1.5 * size * i;
  const cy = Math.sqrt(3) * size * (j + Math.abs(i % 2) / 2);
  // The vertices in ST_Hexagon's order: west, then counter-clockwise, closed.
  const ring: [number, number][] = [
    [cx - size, cy],
    [cx - size / 2, cy - h],
    [cx + size / 2, cy - h],
    [cx + size, cy],
    [cx + size / 2, cy + h],
    [cx - size / 2, cy + h],
    [cx - size, cy],
  ];
  return { type: 'Polygon', coordinates: [ring.map(([x, y]) => mercatorToLngLat(x, y).map(round7) as [number, number])] };
}

const round7 = (v: number): number => Math.round(v * 1e7) / 1e7;
