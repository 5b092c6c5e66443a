/**
 * `GET /api/regions`: the regions of the caller's jurisdiction, flat, with bbox and totals
 * (district, subdistricts, communities). Ancestors of the jurisdiction are listed for the
 * region picker, but their totals count only what lies inside the jurisdiction.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { currentUser, insideJurisdiction, overlapsJurisdiction } from '../auth/jurisdiction.js';
import { requirePermission } from '../auth/require-permission.js';
import { createRouter } from '../http/router.js';

const RegionSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    level: z.enum(['district', 'subdistrict', 'community']),
    parentCode: z.string().nullable(),
    bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).openapi({ description: '[west, south, east, north], degrees WGS84' }),
    households: z.number(),
    persons: z.number(),
    buildings: z.number(),
    grids: z.number(),
  })
  .openapi('Region');

type RegionRow = Omit<z.infer<typeof RegionSchema>, 'bbox'> & { w: number; s: number; e: number; n: number };

export const regionsRoute = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['regions'],
    summary: 'Regions of the jurisdiction, district first, then subdistricts, then communities, each by code (map.read)',
    middleware: [requirePermission('map.read')],
    responses: {
      200: { description: 'regions', content: { 'application/json': { schema: z.object({ regions: z.array(RegionSchema) }) } } },
    },
  }),
  async (c) => {
    // Totals per community first, then rolled up by code prefix (codes nest).
    const r = await c.var.db.query<RegionRow>(
      `WITH b AS (
         SELECT district_code, community_code, count(*) AS buildings, sum(households) AS households, sum(persons) AS persons
         FROM buildings WHERE ${insideJurisdiction('community_code', '$1')} GROUP BY district_code, community_code
       ), g AS (
         SELECT district_code, community_code, count(*) AS grids FROM current_grids WHERE ${insideJurisdiction('community_code', '$1')} GROUP BY district_code, community_code
       )
       SELECT r.code, r.name, r.level, r.parent_code AS "parentCode",
         round(ST_XMin(r.boundary)::numeric, 6) AS w, round(ST_YMin(r.boundary)::numeric, 6) AS s,
         round(ST_XMax(r.boundary)::numeric, 6) AS e, round(ST_YMax(r.boundary)::numeric, 6) AS n,
         coalesce(bt.households, 0) AS households, coalesce(bt.persons, 0) AS persons,
         coalesce(bt.buildings, 0) AS buildings, coalesce(gt.grids, 0) AS grids
       FROM regions r
       LEFT JOIN LATERAL (
         SELECT sum(households) AS households, sum(persons) AS persons, sum(buildings) AS buildings
         FROM b WHERE b.district_code = r.district_code AND b.community_code LIKE r.code || '%'
       ) bt ON true
       LEFT JOIN LATERAL (
         SELECT sum(grids) AS grids FROM g WHERE g.district_code = r.district_code AND g.community_code LIKE r.code || '%'
       ) gt ON true
       WHERE ${overlapsJurisdiction('r.code', '$1')}
       ORDER BY length(r.code), r.code`,
      [currentUser(c).jurisdictions],
    );
    const regions = r.rows.map(({ w, s, e, n, ...rest }) => ({ ...rest, bbox: [w, s, e, n] as [number, number, number, number] }));
    return c.json({ regions }, 200);
  },
);
