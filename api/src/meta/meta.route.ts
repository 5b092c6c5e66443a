/**
 * `GET /api/meta?region=`: a district (the region's; default the first one the caller may see),
 * its provenance, active rule profile and totals inside the caller's jurisdiction.
 */
import type { z } from '@hono/zod-openapi';
import { createRoute } from '@hono/zod-openapi';
import { createRouter } from '../http/router.js';
import { activeRuleProfile } from '../regions/active-rule-profile.js';
import { currentUser, insideJurisdiction, overlapsJurisdiction, resolveRegionFor } from '../auth/jurisdiction.js';
import { requirePermission } from '../auth/require-permission.js';
import { RegionQuerySchema } from '../layers/layer-schemas.js';
import { errorResponse } from '../http/error-response.js';
import { MetaSchema } from './meta.schemas.js';

type Counts = z.infer<typeof MetaSchema>['counts'];

export const metaApp = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['meta'],
    summary: "A district (the region's, default the first) and its totals inside the jurisdiction (map.read)",
    middleware: [requirePermission('map.read')],
    request: { query: RegionQuerySchema },
    responses: {
      200: { description: 'district metadata', content: { 'application/json': { schema: MetaSchema } } },
      403: errorResponse('the region is outside your jurisdiction'),
      404: errorResponse('no such region'),
      503: errorResponse('no district is loaded yet'),
    },
  }),
  async (c) => {
    const db = c.var.db;
    const jur = currentUser(c).jurisdictions;
    const region = c.req.valid('query').region;
    const scope = await resolveRegionFor(c, region?.slice(0, 6));
    const dc = scope.districtCode;
    const district = scope.level === 'district' ? scope : await resolveRegionFor(c, dc);
    const [info, counts, ruleProfile] = await Promise.all([
      db.query<{ synthetic: boolean; scale: string | null; referenceDate: string | null }>(
        `SELECT synthetic, scale, to_char(reference_date, 'YYYY-MM-DD') AS "referenceDate"
         FROM districts WHERE district_code = $1`,
        [dc],
      ),
      db.query<Counts>(
        `SELECT
           (SELECT count(*) FROM regions WHERE district_code = $1 AND level = 'subdistrict' AND ${overlapsJurisdiction('code', '$2')}) AS subdistricts,
           (SELECT count(*) FROM regions WHERE district_code = $1 AND level = 'community' AND ${insideJurisdiction('code', '$2')}) AS communities,
           (SELECT count(*) FROM compounds WHERE district_code = $1 AND ${insideJurisdiction('community_code', '$2')}) AS compounds,
           (SELECT count(*) FROM buildings WHERE district_code = $1 AND ${insideJurisdiction('community_code', '$2')}) AS buildings,
           (SELECT coalesce(sum(households), 0) FROM buildings WHERE district_code = $1 AND ${insideJurisdiction('community_code', '$2')}) AS households,
           (SELECT coalesce(sum(persons), 0) FROM buildings WHERE district_code = $1 AND ${insideJurisdiction('community_code', '$2')}) AS persons,
           (SELECT count(*) FROM current_grids WHERE district_code = $1 AND ${insideJurisdiction('community_code', '$2')}) AS grids`,
        [dc, jur],
      ),
      activeRuleProfile(db, dc),
    ]);
    const d = info.rows[0];
    return c.json(
      {
        district: { code: district.code, name: district.name },
        synthetic: d?.synthetic ?? false,
        scale: d?.scale ?? null,
        referenceDate: d?.referenceDate ?? null,
        ruleProfile,
        counts: counts.rows[0] as Counts,
      },
      200,
    );
  },
);
