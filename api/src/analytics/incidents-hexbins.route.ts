/**
 * `GET /api/analytics/incidents/hexbins?bbox=w,s,e,n&zoom=Z`: incidents in the viewport
 * binned into the hexagons of PostGIS's hexagon grid (`ST_HexagonGrid` / `ST_Hexagon`,
 * origin 0,0 in EPSG:3857, size from `hexSize()`); only hexagons with incidents are returned.
 * Each incident goes to the hexagon whose centre is nearest (its own hexagon; on an edge,
 * the lower column), computed arithmetically per point so no point is counted twice and the
 * database does no polygon tests. The database only counts; the outlines are drawn from
 * (size, i, j) by `hexagonOutline()`.
 */
import { lngLatToMercator, mercatorToLngLat } from '@gridatlas/core';
import { createRoute, type z } from '@hono/zod-openapi';
import { requirePermission } from '../auth/require-permission.js';
import { createRouter } from '../http/router.js';
import { errorResponse } from '../http/error-response.js';
import { hexSize } from './hexbin-size.js';
import { monthlyAllowed, periodSelects, splitPeriod } from './incident-aggregates.js';
import {
  IncidentFilterQuery,
  incidentCacheScope,
  incidentConditions,
  resolveIncidentFilter,
  type IncidentFilter,
} from './incidents-filter.js';
import { bboxSchema, zoomSchema, type Bbox } from './viewport-query.js';
import { serveCachedJson } from './response-cache.js';
import { mercatorX, mercatorY } from './mercator-sql.js';
import { hexagonOutline } from './hexagon-outline.js';
import { hexCellsSql } from './hex-cell-sql.js';
import type { Db } from '../db/db.types.js';
import { IncidentHexbinsSchema } from './analytics.schemas.js';

/** The fine cell of the pre-aggregates (migration 0016), mercator metres. */
export const CELL_M = 25;
/**
 * From this hexagon size (mercator units) on, hexbins are summed from the 25 m cells of the
 * pre-aggregates, each cell binned by its centre: an incident within a cell of a hexagon's
 * edge may be counted in the neighbouring hexagon (it moves at most one cell, ≤ 25·√2 m), and
 * a cell is in the viewport when its centre is. Smaller hexagons bin each incident exactly.
 */
export const AGGREGATE_MIN_SIZE = 8 * CELL_M;

/**
 * Whole zooms whose hexagons are counted per month in `incident_monthly_hex` (migrations
 * 0018, 0025). At these zooms, without a category, channel or state filter and without grown
 * hexagons, whole months come from there and the rest of the period from the incidents,
 * binned by the same arithmetic (`hexCellsSql()`): the counts are exact. Every hexagon that
 * meets the viewport is returned with all its incidents.
 */
export const HEX_LEVELS: readonly number[] = [11, 12, 13, 14, 15, 16];

export const HexbinQuery = IncidentFilterQuery.extend({ bbox: bboxSchema, zoom: zoomSchema });

export const incidentsHexbinsRoute = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/incidents/hexbins',
    tags: ['analytics'],
    summary: 'Incidents in the viewport binned into hexagons sized from the zoom (incidents.read)',
    middleware: [requirePermission('incidents.read')],
    request: { query: HexbinQuery },
    responses: {
      200: { description: 'hexagons with incidents', content: { 'application/json': { schema: IncidentHexbinsSchema } } },
      400: errorResponse('a malformed bbox, zoom or filter'),
      403: errorResponse('the region is outside your jurisdiction'),
      404: errorResponse('no such region'),
    },
  }),
  async (c) => {
    const query = c.req.valid('query');
    const f = await resolveIncidentFilter(c, query);
    const key = ['incident-hexbins', f, query.bbox, query.zoom];
    // A JSON body through the cache: typed by IncidentHexbinsSchema in hexbins().
    return (await serveCachedJson(c, incidentCacheScope(f), key, () => hexbins(c.var.db, f, query.bbox, query.zoom))) as never;
  },
);

/** The viewport's hexbins for the filter at the zoom. */
async function hexbins(db: Db, f: IncidentFilter, bbox: Bbox, zoom: number): Promise<z.infer<typeof IncidentHexbinsSchema>> {
  const { size, sizeM } = hexSize(bbox, zoom);
  const level = Math.floor(zoom);
  const grown = size !== hexSize(bbox, zoom, Infinity).size;
  if (HEX_LEVELS.includes(level) && !grown && monthlyAllowed(f)) {
    const features = await monthlyHexbins(db, f, bbox, level);
    return { type: 'FeatureCollection' as const, sizeM: Math.round(sizeM * 100) / 100, features };
  }
  const fine = size >= AGGREGATE_MIN_SIZE;
  const params: unknown[] = [size, ...bbox];
  let pts: string;
  if (!fine) {
    const where = incidentConditions(f, params);
    pts = `SELECT x, y, 1 AS n
           FROM (SELECT ${mercatorX('i.location')} AS x, ${mercatorY('i.location')} AS y
                 FROM incidents i
                 WHERE ${where} AND i.location && ST_MakeEnvelope($2::float8, $3::float8, $4::float8, $5::float8, 4326)
                   AND ST_X(i.location) BETWEEN $2::float8 AND $4::float8 AND ST_Y(i.location) BETWEEN $3::float8 AND $5::float8) q`;
  } else {
    // Cells of 25 m whose centre lies in the viewport, each binned by its centre.
    const [x0, y0] = lngLatToMercator(bbox[0], bbox[1]);
    const [x1, y1] = lngLatToMercator(bbox[2], bbox[3]);
    const range = [
      Math.ceil(x0 / CELL_M - 0.5),
      Math.floor(x1 / CELL_M - 0.5),
      Math.ceil(y0 / CELL_M - 0.5),
      Math.floor(y1 / CELL_M - 0.5),
    ];
    params.push(...range);
    const [cx0, cx1, cy0, cy1] = [6, 7, 8, 9].map((k) => `$${k}::int`);
    const cellX = `floor(${mercatorX('i.location')} / ${CELL_M})::int`;
    const cellY = `floor(${mercatorY('i.location')} / ${CELL_M})::int`;
    const selects = periodSelects(
      f,
      params,
      { day: 'incident_daily_cell', month: 'incident_monthly_cell' },
      (a, source) => (source === 'raw' ? `${cellX} AS cx, ${cellY} AS cy` : `${a}.cx, ${a}.cy`),
      (a, source) =>
        source === 'raw'
          ? `i.location && ST_MakeEnvelope($2::float8, $3::float8, $4::float8, $5::float8, 4326) AND ${cellX} BETWEEN ${cx0} AND ${cx1} AND ${cellY} BETWEEN ${cy0} AND ${cy1}`
          : `${a}.cx BETWEEN ${cx0} AND ${cx1} AND ${a}.cy BETWEEN ${cy0} AND ${cy1}`,
    );
    pts = `SELECT (cx + 0.5) * ${CELL_M}.0 AS x, (cy + 0.5) * ${CELL_M}.0 AS y, sum(n) AS n FROM (${selects.join(' UNION ALL ')}) c
           WHERE $2::float8 < $4::float8 AND $3::float8 < $5::float8 GROUP BY cx, cy`; // (types the bbox parameters when no raw piece uses them)
  }
  const r = await db.query<{ i: number; j: number; n: number }>(
    `SELECT i, j, sum(n) AS n FROM (${hexCellsSql(pts, '$1::float8')}) h GROUP BY i, j HAVING sum(n) > 0 ORDER BY i, j`,
    params,
  );
  return { type: 'FeatureCollection' as const, sizeM: Math.round(sizeM * 100) / 100, features: hexFeatures(size, r.rows) };
}

/** The counted hexagons as features, outlines drawn from (size, i, j). */
function hexFeatures(size: number, rows: { i: number; j: number; n: number }[]) {
  return rows.map((row, k) => ({
    type: 'Feature' as const,
    id: k + 1,
    geometry: hexagonOutline(size, row.i, row.j),
    properties: { count: Number(row.n), i: row.i, j: row.j },
  }));
}

/**
 * Hexbins at a whole zoom of HEX_LEVELS: whole months from `incident_monthly_hex`, the other
 * pieces of the period (partial months, open ends) from the incidents, binned by `hexCellsSql()`;
 * every hexagon whose centre lies within one edge length of the viewport (so every hexagon
 * meeting it), with all its incidents.
 */
async function monthlyHexbins(db: Db, f: IncidentFilter, bbox: Bbox, level: number) {
  const params: unknown[] = [level];
  const p = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const s = 'hex_size($1::int)';
  const [x0, y0] = lngLatToMercator(bbox[0], bbox[1]);
  const [x1, y1] = lngLatToMercator(bbox[2], bbox[3]);
  // Centres within one edge of the viewport; their incidents within two.
  const edge = hexSize(bbox, level, Infinity).size;
  const [w, south] = mercatorToLngLat(x0 - 2 * edge, y0 - 2 * edge);
  const [e, north] = mercatorToLngLat(x1 + 2 * edge, y1 + 2 * edge);
  const [cx0, cy0, cx1, cy1] = [p(x0 - edge), p(y0 - edge), p(x1 + edge), p(y1 + edge)];
  // Only where used: a parameter no statement uses has no type.
  const env = (): string => `ST_MakeEnvelope(${p(w)}::float8, ${p(south)}::float8, ${p(e)}::float8, ${p(north)}::float8, 4326)`;
  // The same window as whole columns and rows of the hexagon grid (one more each side), for the index.
  const columns = [Math.floor((x0 - edge) / (1.5 * edge)) - 1, Math.ceil((x1 + edge) / (1.5 * edge)) + 1];
  const rows = [Math.floor((y0 - edge) / (Math.sqrt(3) * edge)) - 1, Math.ceil((y1 + edge) / (Math.sqrt(3) * edge)) + 1];
  const selects = splitPeriod(f.from, f.to, true).map((piece) => {
    if (piece.source === 'month') {
      const where = [
        incidentConditions({ ...f, from: null, to: null }, params, 'a'),
        `a.level = $1::int`,
        `a.i BETWEEN ${p(columns[0])}::int AND ${p(columns[1])}::int`,
        `a.j BETWEEN ${p(rows[0])}::int AND ${p(rows[1])}::int`,
      ];
      if (piece.from !== null) where.push(`a.month >= ${p(piece.from)}::date`);
      if (piece.to !== null) where.push(`a.month < ${p(piece.to)}::date`);
      return `SELECT a.i, a.j, a.n FROM incident_monthly_hex a WHERE ${where.join(' AND ')}`;
    }
    const instant = (v: string | null): string | null => (v === null || piece.source === 'raw' ? v : `${v}T00:00:00+08:00`);
    const where = incidentConditions({ ...f, from: instant(piece.from), to: instant(piece.to) }, params, 'i');
    const points = `SELECT ${mercatorX('i.location')} AS x, ${mercatorY('i.location')} AS y, ${piece.sign} AS n FROM incidents i WHERE ${where} AND i.location && ${env()}`;
    return `SELECT i, j, n FROM (${hexCellsSql(points, s)}) r`;
  });
  const r = await db.query<{ i: number; j: number; n: number }>(
    `SELECT i, j, n FROM (
       SELECT i, j, sum(n) AS n FROM (${selects.join(' UNION ALL ')}) u
       WHERE 1.5 * ${s} * i BETWEEN ${cx0}::float8 AND ${cx1}::float8
         AND sqrt(3) * ${s} * (j + (abs(i) % 2) / 2.0) BETWEEN ${cy0}::float8 AND ${cy1}::float8
       GROUP BY i, j HAVING sum(n) > 0
     ) h ORDER BY i, j`,
    params,
  );
  return hexFeatures(edge, r.rows);
}
