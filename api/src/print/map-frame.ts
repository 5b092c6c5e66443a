/**
 * Fitting geography to a page: WGS84 `[lng, lat]` degrees → Web Mercator metres (core's one
 * formula) → SVG user units in a `width` × `height` box, north up, uniform scale, centred,
 * with a padding in user units. Also the ground scale (metres per user unit) for the scale bar.
 */
import { lngLatToMercator } from '@gridatlas/core';

/** `[west, south, east, north]` in degrees. */
export type LngLatBBox = [number, number, number, number];

export interface MapFrame {
  width: number;
  height: number;
  /** `[lng, lat]` → `[x, y]` user units (y down). */
  project(lng: number, lat: number): [number, number];
  /** Metres on the ground per user unit at the frame's centre latitude. */
  metresPerUnit: number;
}

export function fitFrame(bbox: LngLatBBox, width: number, height: number, padding: number): MapFrame {
  const [w, s, e, n] = bbox;
  const [x0, y0] = lngLatToMercator(w, s);
  const [x1, y1] = lngLatToMercator(e, n);
  // A degenerate box (one point, a straight street) still gets a finite scale: 100 m across.
  const spanX = Math.max(x1 - x0, 100);
  const spanY = Math.max(y1 - y0, 100);
  const innerW = Math.max(width - 2 * padding, 1);
  const innerH = Math.max(height - 2 * padding, 1);
  const k = Math.min(innerW / spanX, innerH / spanY);
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const midLat = (((s + n) / 2) * Math.PI) / 180;
  return {
    width,
    height,
    project(lng, lat) {
      const [x, y] = lngLatToMercator(lng, lat);
      return [width / 2 + (x - cx) * k, height / 2 - (y - cy) * k];
    },
    metresPerUnit: Math.cos(midLat) / k,
  };
}

/** The bbox of GeoJSON coordinates (any nesting), or null when there are none. */
export function bboxOf(geometries: readonly GeoJSON.Geometry[]): LngLatBBox | null {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const visit = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number') {
      const [x, y] = c as number[];
      if (x! < w) w = x!;
      if (x! > e) e = x!;
      if (y! < s) s = y!;
      if (y! > n) n = y!;
      return;
    }
    for (const child of c) visit(child);
  };
  for (const g of geometries) {
    if (g.type === 'GeometryCollection') visit(g.geometries.map((x) => ('coordinates' in x ? x.coordinates : [])));
    else visit(g.coordinates);
  }
  return Number.isFinite(w) ? [w, s, e, n] : null;
}

/** `bbox` grown by `fraction` of its larger side on every side. */
export function padBBox(bbox: LngLatBBox, fraction: number): LngLatBBox {
  const d = Math.max(bbox[2] - bbox[0], bbox[3] - bbox[1]) * fraction;
  return [bbox[0] - d, bbox[1] - d, bbox[2] + d, bbox[3] + d];
}
