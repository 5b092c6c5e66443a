/**
 * `GET /api/tiles/incidents/{z}/{x}/{y}.mvt`: incidents as a Mapbox Vector Tile, layer
 * `incidents`, feature id = incident id, properties `category`, `channel`, `state`, `day`
 * (reported, `YYYY-MM-DD` in Asia/Shanghai; the exact time is the points route's — as epoch
 * seconds, nearly one value per feature, it took PostGIS a third of a tile's encoding);
 * extent 4096, buffer 64. `ST_AsMVT` where PostGIS has it; where it was built without
 * protobuf-c (the embedded database) the same rows are placed in tile space by
 * `toTilePoint()` and encoded by `encodePointTile()` into an equivalent tile. A tile holds at
 * most MAX_TILE_FEATURES incidents, the newest.
 *
 * Dense tiles are thinned deterministically to about TILE_TARGET_FEATURES: an incident is
 * kept when the low 2k bits of `hashint8(id)` are zero (1 in 4^k), k chosen per tile from a
 * count at the sparsest level (1 in 256, read from its own partial GiST index of migration
 * 0016); each feature's property `w` = 4^k says how many incidents it stands for. Below
 * MIN_POINTS_ZOOM tiles are empty (the map shows hexbins there). Tiles are kept and served
 * again while the district's analytics version stands (`serveCached`).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { requirePermission } from '../auth/require-permission.js';
import type { Db } from '../db/db.types.js';
import { HttpError } from '../http/http-error.js';
import { createRouter } from '../http/router.js';
import { validationHook } from '../http/validation-hook.js';
import { errorResponse } from '../plans/plan-schemas.js';
import { IncidentFilterQuery, incidentConditions, resolveIncidentFilter, type IncidentFilter } from '../analytics/incidents-filter.js';
import { serveCached } from '../analytics/response-cache.js';
import { mercatorX, mercatorY } from '../analytics/mercator-sql.js';
import { encodePointTile, type TilePointFeature } from './mvt-encode.js';
import { TILE_BUFFER, TILE_EXTENT, bufferedTileBbox, toTilePoint } from './tile-coords.js';

export const MAX_TILE_FEATURES = 50_000;
/**
 * About how many incidents a thinned tile keeps (a dense one keeps 750–3,000). The web draws
 * them from zoom 13 as dots of 2.2 px with a 0.8 px rim: 3,000 cover about a third of a
 * 512-px tile, twice as many two thirds, which reads as a blot, not as points; `w` keeps the
 * sums right.
 */
export const TILE_TARGET_FEATURES = 3_000;
/** The thinning levels with a partial index (1 in 4^k). */
export const MAX_THINNING = 4;
/** The level counted when the sparsest level's sample is small … */
const PRECISE_THINNING = 2;
/** … that is, holds fewer incidents than this (its count is then too rough to choose k by). */
const SMALL_SAMPLE = 64;
export const MAX_TILE_ZOOM = 24;
export const TILE_LAYER = 'incidents';
export const MIN_POINTS_ZOOM = 10;

/** The thinning condition of level k (a literal mask, to match the partial indexes), or null for none. */
export function thinning(k: number, alias = 'i'): string | null {
  if (k <= 0) return null;
  return `(hashint8(${alias}.id) & ${4 ** k - 1}) = 0`;
}

/** The thinning level that brings an estimated `count` incidents down to about TILE_TARGET_FEATURES. */
export function thinningLevel(count: number): number {
  if (count <= TILE_TARGET_FEATURES) return 0;
  return Math.min(MAX_THINNING, Math.ceil(Math.log(count / TILE_TARGET_FEATURES) / Math.log(4)));
}

const hasAsMvt = new WeakMap<Db, Promise<boolean>>();

/** Whether the database's PostGIS can encode vector tiles (asked once per database). */
export function supportsAsMvt(db: Db): Promise<boolean> {
  let known = hasAsMvt.get(db);
  if (!known) {
    known = db.query(`SELECT ST_AsMVT(q, 'probe') AS t FROM (SELECT 1 AS a, ST_Point(0, 0) AS g) q`).then(
      () => true,
      () => false,
    );
    hasAsMvt.set(db, known);
  }
  return known;
}

const tileIndex = (name: string) =>
  z
    .string()
    .regex(/^\d{1,8}$/, { error: `expected a tile ${name} (a whole number)` })
    .transform(Number)
    .openapi({ param: { name, in: 'path' }, type: 'string', example: name === 'z' ? '14' : '0' });

const TileParams = z.object({ z: tileIndex('z'), x: tileIndex('x'), y: tileIndex('y') });

/**
 * The tile's thinning level, from a count at the sparsest level (1 in 4^MAX_THINNING, its own
 * partial index); where that sample is small, from a count at level 2 (1 in 16), which
 * reads at most a few hundred rows more and keeps a tile from passing the target by chance.
 */
async function tileThinning(db: Db, f: IncidentFilter, tile: { z: number; x: number; y: number }): Promise<number> {
  const count = async (k: number): Promise<number> => {
    const params: unknown[] = [...bufferedTileBbox(tile.z, tile.x, tile.y)];
    const where = incidentConditions(f, params);
    const r = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM incidents i
       WHERE i.location && ST_MakeEnvelope($1::float8, $2::float8, $3::float8, $4::float8, 4326) AND ${thinning(k)} AND ${where}`,
      params,
    );
    return Number(r.rows[0]?.n ?? 0) * 4 ** k;
  };
  const sparse = await count(MAX_THINNING);
  const precise = sparse < SMALL_SAMPLE * 4 ** MAX_THINNING ? await count(PRECISE_THINNING) : sparse;
  return thinningLevel(precise);
}

const MERC_X = mercatorX('i.location');
const MERC_Y = mercatorY('i.location');

/** The SQL both encodings share: the tile's candidate rows at thinning level k, newest first, capped. */
function tileRowsSql(f: IncidentFilter, tile: { z: number; x: number; y: number }, k: number, geomColumns: string, join = ''): { sql: string; params: unknown[] } {
  const params: unknown[] = [tile.z, tile.x, tile.y, ...bufferedTileBbox(tile.z, tile.x, tile.y), MAX_TILE_FEATURES];
  const where = incidentConditions(f, params);
  const thin = thinning(k);
  return {
    sql: `SELECT i.id, i.category, i.channel, i.state, to_char(i.reported_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day, ${4 ** k}::int AS w, ${geomColumns}
          FROM incidents i ${join}
          WHERE i.location && ST_MakeEnvelope($4::float8, $5::float8, $6::float8, $7::float8, 4326)${thin ? ` AND ${thin}` : ''} AND ${where}
          ORDER BY i.reported_at DESC, i.id DESC LIMIT $8`,
    params,
  };
}

export async function incidentTile(db: Db, f: IncidentFilter, tile: { z: number; x: number; y: number }, encoder: 'postgis' | 'js'): Promise<Uint8Array> {
  if (tile.z < MIN_POINTS_ZOOM) return new Uint8Array(0);
  const k = await tileThinning(db, f, tile);
  if (encoder === 'postgis') {
    const { sql, params } = tileRowsSql(f, tile, k, `ST_AsMVTGeom(ST_SetSRID(ST_MakePoint(${MERC_X}, ${MERC_Y}), 3857), ST_TileEnvelope($1::int, $2::int, $3::int), ${TILE_EXTENT}, ${TILE_BUFFER}, true) AS geom`);
    const r = await db.query<{ tile: Uint8Array | null }>(`SELECT ST_AsMVT(rows, '${TILE_LAYER}', ${TILE_EXTENT}, 'geom', 'id') AS tile FROM (${sql}) rows WHERE geom IS NOT NULL`, params);
    return new Uint8Array(r.rows[0]?.tile ?? new Uint8Array(0));
  }
  const { sql, params } = tileRowsSql(
    f,
    tile,
    k,
    `${MERC_X} AS mx, ${MERC_Y} AS my,
     ST_XMin(e.env) AS xmin, ST_YMin(e.env) AS ymin, ST_XMax(e.env) AS xmax, ST_YMax(e.env) AS ymax`,
    `CROSS JOIN (SELECT ST_TileEnvelope($1::int, $2::int, $3::int) AS env) e`,
  );
  const rows = await db.query<{ id: number; category: string; channel: string; state: string; day: string; mx: number; my: number; xmin: number; ymin: number; xmax: number; ymax: number }>(sql, params);
  const features: TilePointFeature[] = [];
  for (const r of rows.rows) {
    const p = toTilePoint(r, Number(r.mx), Number(r.my));
    if (p) features.push({ id: Number(r.id), x: p[0], y: p[1], properties: { category: r.category, channel: r.channel, state: r.state, day: r.day, w: 4 ** k } });
  }
  return encodePointTile(TILE_LAYER, features, TILE_EXTENT);
}

const tileRoute = createRoute({
  method: 'get',
  path: '/incidents/{z}/{x}/{y}.mvt',
  tags: ['tiles'],
  summary: 'Incidents as a Mapbox Vector Tile, layer "incidents" (incidents.read)',
  middleware: [requirePermission('incidents.read')],
  request: { params: TileParams, query: IncidentFilterQuery },
  responses: {
    200: { description: 'the tile (empty body: no incidents)', content: { 'application/vnd.mapbox-vector-tile': { schema: z.string().openapi({ format: 'binary' }) } } },
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
  if (tile.z > MAX_TILE_ZOOM) throw new HttpError(400, 'bad_request', `path parameter "z": expected a zoom from 0 to ${MAX_TILE_ZOOM} (got ${tile.z})`);
  const n = 2 ** tile.z;
  if (tile.x >= n || tile.y >= n) throw new HttpError(400, 'bad_request', `path parameters "x", "y": at zoom ${tile.z} they must be below ${n} (got ${tile.x}, ${tile.y})`);
  const f = await resolveIncidentFilter(c, query.data);
  const db = c.var.db;
  return serveCached(c, f.region, ['incident-tile', f, tile], 'application/vnd.mapbox-vector-tile', 'private, max-age=60', async () =>
    incidentTile(db, f, tile, (await supportsAsMvt(db)) ? 'postgis' : 'js'),
  );
});
