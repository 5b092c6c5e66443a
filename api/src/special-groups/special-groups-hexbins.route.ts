/**
 * `GET /api/analytics/special-groups/hexbins?bbox=w,s,e,n&zoom=Z&category=&region=`:
 * special-group people per hexagon (ST_HexagonGrid in Web Mercator, sized from the zoom,
 * never under 200 m) — never points. Hexagons are anchored to the projection's origin, so
 * the same hexagon holds the same people whatever the viewport, and each counts every
 * person in it (inside the jurisdiction), not only those inside the bbox. Each hexagon's row
 * of categories is suppressed on its own (small cells, then complementary against its total)
 * so no filter or viewport changes what can be subtracted. Each read is audited.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { lngLatToMercator } from '@gridatlas/core';
import { auditRequest } from '../audit/audit.store.js';
import { currentUser, insideJurisdiction, resolveRegionFor } from '../auth/jurisdiction.js';
import { requirePermission } from '../auth/require-permission.js';
import { HttpError } from '../http/http-error.js';
import { createRouter } from '../http/router.js';
import { RegionQuerySchema } from '../layers/layer-schemas.js';
import { errorResponse } from '../http/error-response.js';
import { suppressTable, type SuppressedCell } from './suppression.js';
import { readAnalyticsSettings } from '../analytics/settings.store.js';
import { CATEGORY_KEYS, categoryQuerySchema } from './special-groups-category.js';
import { SpecialGroupHexbinsSchema } from './special-groups.schemas.js';

/** Hexagon sizes (centre to corner, metres) to pick from; the smallest keeps people unfindable. */
const SIZES_M = [200, 300, 500, 800, 1200, 2000, 3000, 5000, 8000];
/** Hexagons in one answer at most: a larger viewport at that zoom is a 400. */
const MAX_HEXAGONS = 20_000;

/**
 * Hexagon size in metres for a map zoom: about 40 screen pixels across at the equator's
 * Web-Mercator scale, rounded up to a step of SIZES_M.
 *
 * @example hexSizeForZoom(14) // 300
 */
export function hexSizeForZoom(zoom: number): number {
  const metresPerPixel = 156_543.034 / 2 ** zoom;
  const want = 20 * metresPerPixel;
  return SIZES_M.find((s) => s >= want) ?? SIZES_M[SIZES_M.length - 1]!;
}

const bboxSchema = z
  .string()
  .max(200)
  .transform((v, ctx) => {
    const parts = v.split(',').map((p) => (/^\s*-?\d+(\.\d+)?\s*$/.test(p) ? Number(p) : NaN));
    const [w, s, e, n] = parts;
    if (
      parts.length !== 4 ||
      parts.some((p) => !Number.isFinite(p)) ||
      !(w! < e! && s! < n!) ||
      w! < -180 ||
      e! > 180 ||
      s! < -85 ||
      n! > 85
    ) {
      ctx.addIssue({ code: 'custom', message: 'expected west,south,east,north in degrees WGS84 with west < east and south < north' });
      return z.NEVER;
    }
    return [w!, s!, e!, n!] as const;
  })
  .openapi({
    type: 'string',
    example: '108.9,34.2,108.94,34.22',
    description: 'west,south,east,north, degrees WGS84; default: the region',
  });

const Query = RegionQuerySchema.extend({
  bbox: bboxSchema.optional(),
  zoom: z.coerce.number().min(0).max(24).default(14).openapi({ description: 'map zoom, chooses the hexagon size' }),
  category: categoryQuerySchema,
});

interface HexRow {
  i: number;
  j: number;
  category: string;
  n: number;
  geometry: { type: string; coordinates: unknown[] };
}

export const specialGroupsHexbinsRoute = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/special-groups/hexbins',
    tags: ['analytics'],
    summary: 'Special-group people per hexagon, small counts suppressed, never points (special_groups.aggregate)',
    middleware: [requirePermission('special_groups.aggregate')],
    request: { query: Query },
    responses: {
      200: { description: 'hexagons holding people', content: { 'application/json': { schema: SpecialGroupHexbinsSchema } } },
      400: errorResponse('a malformed bbox, or too many hexagons: zoom in'),
      403: errorResponse('the region is outside your jurisdiction'),
      404: errorResponse('no such region'),
    },
  }),
  async (c) => {
    const { region: code, bbox, zoom, category } = c.req.valid('query');
    const region = await resolveRegionFor(c, code);
    const db = c.var.db;
    const settings = await readAnalyticsSettings(db, region.districtCode);
    const area = await db.query<{ w: number | null; s: number; e: number; n: number; lat: number | null }>(
      `SELECT ST_XMin(x) AS w, ST_YMin(x) AS s, ST_XMax(x) AS e, ST_YMax(x) AS n,
         (SELECT ST_Y(ST_Centroid(boundary)) FROM regions WHERE district_code = $1 AND level = 'district') AS lat FROM (
         SELECT ST_Extent(boundary)::geometry AS x FROM regions
         WHERE district_code = $1 AND level = 'community' AND code LIKE $2 || '%' AND ${insideJurisdiction('code', '$3')}) a`,
      [region.districtCode, region.code, currentUser(c).jurisdictions],
    );
    const a = area.rows[0];
    const sizeM = hexSizeForZoom(zoom);
    const empty = {
      type: 'FeatureCollection' as const,
      sizeM,
      threshold: settings.suppressionThreshold,
      category: category ?? null,
      features: [],
    };
    if (!a || a.w === null) return c.json(empty, 200);
    // The viewport clipped to the jurisdiction's extent: hexagons nobody in it could fill are not made.
    const [w, s, e, n] = bbox
      ? [Math.max(bbox[0], a.w), Math.max(bbox[1], a.s), Math.min(bbox[2], a.e), Math.min(bbox[3], a.n)]
      : [a.w, a.s, a.e, a.n];
    if (!(w < e && s < n)) {
      await auditRequest(c, 'special_groups.hexbins.read', region.code, { hexagons: 0, sizeM, category: category ?? null });
      return c.json(empty, 200);
    }
    // Web-Mercator units are metres / cos(latitude): hexagons are sizeM on the ground at the
    // district's centre. One scale per district keeps the tiling fixed across viewports.
    const scale = 1 / Math.cos((a.lat ?? (s + n) / 2) * (Math.PI / 180));
    const size = sizeM * scale;
    const [x0, y0] = lngLatToMercator(w, s);
    const [x1, y1] = lngLatToMercator(e, n);
    const estimate = (((x1 - x0 + 2 * size) * (y1 - y0 + 2 * size)) / (2.598 * size * size)) | 0;
    if (estimate > MAX_HEXAGONS)
      throw new HttpError(
        400,
        'bad_request',
        `about ${estimate} hexagons of ${sizeM} m in this viewport (at most ${MAX_HEXAGONS}): zoom in or give a smaller bbox`,
      );
    const r = await db.query<HexRow>(
      `WITH hex AS (SELECT i, j, geom FROM ST_HexagonGrid($4::float8, ST_MakeEnvelope($5, $6, $7, $8, 3857))),
       people AS (
         SELECT ST_Transform(ST_PointOnSurface(b.footprint), 3857) AS p, s.category, count(*) AS n
         FROM special_group_records s
         JOIN buildings b ON b.district_code = s.district_code AND b.id = s.building_id
         WHERE s.district_code = $1 AND b.community_code LIKE $2 || '%' AND ${insideJurisdiction('b.community_code', '$3')}
           AND ST_PointOnSurface(b.footprint) && ST_Transform(ST_Expand(ST_MakeEnvelope($5, $6, $7, $8, 3857), $4::float8 * 2), 4326)
         GROUP BY b.district_code, b.id, b.footprint, s.category
       )
       SELECT hex.i, hex.j, people.category, sum(people.n) AS n, ST_AsGeoJSON(ST_Transform(hex.geom, 4326), 6)::json AS geometry
       FROM hex JOIN people ON ST_Intersects(hex.geom, people.p)
       GROUP BY hex.i, hex.j, hex.geom, people.category`,
      [region.districtCode, region.code, currentUser(c).jurisdictions, size, x0, y0, x1, y1],
    );
    // One row of categories per hexagon, each suppressed alone.
    const hexes = new Map<string, { geometry: HexRow['geometry']; counts: number[] }>();
    for (const row of r.rows) {
      const key = `${row.i},${row.j}`;
      const hex = hexes.get(key) ?? { geometry: row.geometry, counts: CATEGORY_KEYS.map(() => 0) };
      const k = CATEGORY_KEYS.indexOf(row.category);
      if (k >= 0) hex.counts[k]! += Number(row.n);
      hexes.set(key, hex);
    }
    const j = category === undefined ? -1 : CATEGORY_KEYS.indexOf(category);
    const features: { type: 'Feature'; id: number; geometry: HexRow['geometry']; properties: SuppressedCell }[] = [];
    for (const hex of hexes.values()) {
      const t = suppressTable([hex.counts], CATEGORY_KEYS.length, settings.suppressionThreshold);
      const cell = j < 0 ? t.rowTotals[0]! : t.cells[0]![j]!;
      if ('count' in cell && cell.count === 0) continue;
      features.push({ type: 'Feature', id: features.length + 1, geometry: hex.geometry, properties: cell });
    }
    await auditRequest(c, 'special_groups.hexbins.read', region.code, { hexagons: features.length, sizeM, category: category ?? null });
    return c.json({ ...empty, features }, 200);
  },
);
