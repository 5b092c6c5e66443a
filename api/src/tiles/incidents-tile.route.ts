/**
 * `GET /api/tiles/incidents/{z}/{x}/{y}.mvt`: incidents as a Mapbox Vector Tile, layer
 * `incidents`, feature id = incident id, properties `category`, `channel`, `state`, `day`
 * (reported, `YYYY-MM-DD` in Asia/Shanghai; the exact time is the points route's — as epoch
 * seconds, nearly one value per feature, it took PostGIS a third of a tile's encoding);
 * extent 4096, buffer 64. `ST_AsMVT` where PostGIS has it; where it was built without
 * protobuf-c (the embedded database) the same rows are encoded by `encodePointTile()` into an
 * equivalent tile.
 *
 * One statement per tile, reading one covering index (migration 0026) without the table:
 * points come in tile-key order from the tile's key range and the ring around it
 * (`tileKeyRanges`), placed by shifting their stored grid cells (`tilePlacement`). Dense tiles
 * are thinned deterministically to about TILE_TARGET_FEATURES: level k keeps one incident in
 * 4^k (those with `thinning` ≥ k), k chosen from a count of the tile at level SAMPLE_THINNING
 * (1 in 256), or at level PRECISE_THINNING (1 in 16) where that sample is small; each feature's
 * property `w` = 4^k says how many incidents it stands for. Below MIN_POINTS_ZOOM tiles are
 * empty (the map shows hexbins there). Tiles are kept and served again while the data they
 * were computed from stands (`serveCached`, `incidentCacheScope`).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { requirePermission } from '../auth/require-permission.js';
import { baseDb, type Db } from '../db/db.types.js';
import { HttpError } from '../http/http-error.js';
import { createRouter } from '../http/router.js';
import { validationHook } from '../http/validation-hook.js';
import { errorResponse } from '../http/error-response.js';
import { TileParams } from './tiles.schemas.js';
import {
  IncidentFilterQuery,
  incidentCacheScope,
  incidentConditions,
  resolveIncidentFilter,
  type IncidentFilter,
} from '../analytics/incidents-filter.js';
import { serveCached } from '../analytics/response-cache.js';
import { encodePointTile, type TilePointFeature } from './mvt-encode.js';
import { TILE_EXTENT } from './tile-coords.js';
import { PIXEL_MAX, PIXEL_MIN, tileKeyRanges, tileKeySpan, tilePlacement } from './tile-key.js';

/**
 * At most this many features a tile: a bound that thinning keeps a tile far below (at level
 * MAX_THINNING it would take 3 billion incidents in one tile); were it reached, the first in
 * tile-key order would be kept.
 */
export const MAX_TILE_FEATURES = 50_000;
/**
 * About how many incidents a thinned tile keeps (a dense one keeps 750–3,000). The web draws
 * them from zoom 13 as dots of 2.2 px with a 0.8 px rim: 3,000 cover about a third of a
 * 512-px tile, twice as many two thirds, which reads as a blot, not as points; `w` keeps the
 * sums right.
 */
export const TILE_TARGET_FEATURES = 3_000;
/** The sparsest thinning level (1 in 4^8), as far as migration 0026's `thinning` counts. */
export const MAX_THINNING = 8;
/** The level a tile is first counted at (1 in 256) … */
const SAMPLE_THINNING = 4;
/** … and the level counted instead when that sample is small (1 in 16) … */
const PRECISE_THINNING = 2;
/** … that is, holds fewer incidents than this (its count is then too rough to choose k by). */
const SMALL_SAMPLE = 64;
export const MAX_TILE_ZOOM = 24;
export const TILE_LAYER = 'incidents';
export const MIN_POINTS_ZOOM = 10;

/** The incidents thinning level k keeps (alias `i`): `thinning` ≥ k, as literal levels for the index. */
export function thinningLevels(k: number, alias = 'i'): string {
  const levels = Array.from({ length: MAX_THINNING - k + 1 }, (_, j) => k + j);
  return `${alias}.thinning = ANY ('{${levels.join(',')}}'::smallint[])`;
}

/** The estimates past which a tile is thinned one level more: TILE_TARGET_FEATURES · 4^k for k < MAX_THINNING. */
const THINNING_THRESHOLDS = Array.from({ length: MAX_THINNING }, (_, k) => TILE_TARGET_FEATURES * 4 ** k);

/** The thinning level that brings an estimated `count` incidents down to about TILE_TARGET_FEATURES (what the statement computes). */
export function thinningLevel(count: number): number {
  return THINNING_THRESHOLDS.filter((t) => count > t).length;
}

/** thinningLevel() in SQL, of the estimate `n`. */
const THINNING_LEVEL_SQL = (n: string): string => THINNING_THRESHOLDS.map((t) => `(${n} > ${t})::int`).join(' + ');

const hasAsMvt = new WeakMap<Db, Promise<boolean>>();

/** Whether the database's PostGIS can encode vector tiles (asked once per database). */
export function supportsAsMvt(db: Db): Promise<boolean> {
  let known = hasAsMvt.get(baseDb(db));
  if (!known) {
    known = db.query(`SELECT ST_AsMVT(q, 'probe') AS t FROM (SELECT 1 AS a, ST_Point(0, 0) AS g) q`).then(
      () => true,
      () => false,
    );
    hasAsMvt.set(baseDb(db), known);
  }
  return known;
}

/**
 * The statement of a tile: its rows (id, category, channel, state, day, w, px, py), or with
 * `asMvt` the tile itself. In order: the count of the tile's own key range at the sample level
 * (and at the precise level only when that is small: a sub-select in a CASE runs only when
 * reached), the level k, then the rows at level k from every key range, placed and clipped.
 * The estimate is materialized: the level's sum names it eight times, and inlined it was
 * planned eight times (planning time in BENCHMARKS.md).
 */
function tileStatement(f: IncidentFilter, tile: { z: number; x: number; y: number }, asMvt: boolean): { sql: string; params: unknown[] } {
  const [first, end] = tileKeySpan(tile.z, tile.x, tile.y);
  const ranges = tileKeyRanges(tile.z, tile.x, tile.y);
  const at = tilePlacement(tile.z, tile.x, tile.y);
  const params: unknown[] = [
    String(first),
    String(end),
    ranges.map(([a]) => String(a)),
    ranges.map(([, b]) => String(b)),
    at.left,
    at.half,
    at.right,
    at.originX,
    at.originY,
    MAX_TILE_FEATURES,
  ];
  const where = incidentConditions(f, params);
  const count = (k: number) =>
    `SELECT count(*) AS n FROM incidents i WHERE ${thinningLevels(k)} AND i.tile_key >= $1::int8 AND i.tile_key < $2::int8 AND ${where}`;
  const pixel = (cell: string, origin: string) => `(((${cell}::int8 << $5::int) + $6::int8) >> $7::int) - ${origin}::int8`;
  const rows = (point: string) => `WITH estimate AS MATERIALIZED (
      SELECT CASE WHEN s.n >= ${SMALL_SAMPLE} THEN s.n * ${4 ** SAMPLE_THINNING}
                  ELSE (${count(PRECISE_THINNING)}) * ${4 ** PRECISE_THINNING} END AS n
      FROM (${count(SAMPLE_THINNING)}) s
    ), level AS (
      SELECT ${THINNING_LEVEL_SQL('n')} AS k FROM estimate
    )
    SELECT i.id, i.category, i.channel, i.state, i.reported_day AS day,
           (SELECT 1 << (2 * k) FROM level) AS w, ${point}
    FROM unnest($3::int8[], $4::int8[]) r(first, stop)
    CROSS JOIN LATERAL (
      SELECT i.id, i.category, i.channel, i.state, i.reported_day, i.tile_x, i.tile_y FROM incidents i
      WHERE i.thinning = ANY (ARRAY(SELECT generate_series((SELECT k FROM level), ${MAX_THINNING})::smallint))
        AND i.tile_key >= r.first AND i.tile_key < r.stop AND ${where}
      OFFSET 0
    ) i
    CROSS JOIN LATERAL (SELECT ${pixel('i.tile_x', '$8')} AS px, ${pixel('i.tile_y', '$9')} AS py) p
    WHERE p.px BETWEEN ${PIXEL_MIN} AND ${PIXEL_MAX} AND p.py BETWEEN ${PIXEL_MIN} AND ${PIXEL_MAX}
    LIMIT $10`;
  if (!asMvt) return { sql: rows('p.px, p.py'), params };
  return {
    sql: `SELECT ST_AsMVT(t, '${TILE_LAYER}', ${TILE_EXTENT}, 'geom', 'id') AS tile FROM (${rows('ST_MakePoint(p.px, p.py) AS geom')}) t`,
    params,
  };
}

export async function incidentTile(
  db: Db,
  f: IncidentFilter,
  tile: { z: number; x: number; y: number },
  encoder: 'postgis' | 'js',
): Promise<Uint8Array> {
  if (tile.z < MIN_POINTS_ZOOM) return new Uint8Array(0);
  if (encoder === 'postgis') {
    const { sql, params } = tileStatement(f, tile, true);
    const r = await db.query<{ tile: Uint8Array | null }>(sql, params, { prepared: true });
    return new Uint8Array(r.rows[0]?.tile ?? new Uint8Array(0));
  }
  const { sql, params } = tileStatement(f, tile, false);
  const rows = await db.query<{
    id: number;
    category: string;
    channel: string;
    state: string;
    day: string;
    w: number;
    px: number;
    py: number;
  }>(sql, params);
  const features: TilePointFeature[] = rows.rows.map((r) => ({
    id: Number(r.id),
    x: Number(r.px),
    y: Number(r.py),
    properties: { category: r.category, channel: r.channel, state: r.state, day: r.day, w: Number(r.w) },
  }));
  return encodePointTile(TILE_LAYER, features, TILE_EXTENT);
}

const tileRoute = createRoute({
  method: 'get',
  path: '/incidents/{z}/{x}/{y}.mvt',
  tags: ['tiles'],
  summary: 'Incidents as a Mapbox Vector Tile, layer "incidents" (incidents.read)',
  request: { params: TileParams, query: IncidentFilterQuery },
  responses: {
    200: {
      description: 'the tile (empty body: no incidents)',
      content: { 'application/vnd.mapbox-vector-tile': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    400: errorResponse('a malformed tile address or filter'),
    403: errorResponse('the region is outside your jurisdiction'),
    404: errorResponse('no such region'),
  },
});

/**
 * Hono cannot route a parameter followed by a suffix (`{y}.mvt` would become a parameter
 * named "y.mvt"), so the route is described for OpenAPI and routed by hand with a pattern.
 */
export const incidentsTileRoute = createRouter();
incidentsTileRoute.openAPIRegistry.registerPath(tileRoute);
incidentsTileRoute.get('/incidents/:z/:x/:y{[0-9]+\\.mvt}', requirePermission('incidents.read'), async (c) => {
  const params = TileParams.safeParse({ z: c.req.param('z'), x: c.req.param('x'), y: c.req.param('y').slice(0, -4) });
  if (!params.success) return validationHook({ target: 'param', success: false, error: params.error }, c)!;
  const query = IncidentFilterQuery.safeParse(c.req.query());
  if (!query.success) return validationHook({ target: 'query', success: false, error: query.error }, c)!;
  const tile = params.data;
  if (tile.z > MAX_TILE_ZOOM)
    throw new HttpError(400, 'bad_request', `path parameter "z": expected a zoom from 0 to ${MAX_TILE_ZOOM} (got ${tile.z})`);
  const n = 2 ** tile.z;
  if (tile.x >= n || tile.y >= n)
    throw new HttpError(
      400,
      'bad_request',
      `path parameters "x", "y": at zoom ${tile.z} they must be below ${n} (got ${tile.x}, ${tile.y})`,
    );
  const f = await resolveIncidentFilter(c, query.data);
  const db = c.var.db;
  return serveCached(
    c,
    incidentCacheScope(f),
    ['incident-tile', f, tile],
    'application/vnd.mapbox-vector-tile',
    'private, max-age=60',
    async () => incidentTile(db, f, tile, (await supportsAsMvt(db)) ? 'postgis' : 'js'),
  );
});
