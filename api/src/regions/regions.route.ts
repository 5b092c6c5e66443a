/**
 * `GET /api/regions`: the regions of the caller's jurisdiction, flat, with bbox and totals
 * (district, subdistricts, communities). Ancestors of the jurisdiction are listed for the
 * region picker, but their totals count only what lies inside the jurisdiction.
 *
 * Every page asks for it, so the answer is kept per jurisdiction under the region version
 * (migration 0033) and served again — or a 304 to its ETag — until a write moves it.
 */
import { createRoute } from '@hono/zod-openapi';
import { serveCachedJson } from '../analytics/response-cache.js';
import { currentUser } from '../auth/jurisdiction.js';
import { requirePermission } from '../auth/require-permission.js';
import { createRouter } from '../http/router.js';
import { listRegions, regionListVersion } from './region-list.sql.js';
import { RegionListSchema } from './regions.schemas.js';

export const regionsApp = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['regions'],
    summary: 'Regions of the jurisdiction, district first, then subdistricts, then communities, each by code (map.read)',
    description: 'Carries an ETag; If-None-Match with it gets a 304 while no region, building or grid in force of these districts changed.',
    middleware: [requirePermission('map.read')],
    responses: {
      200: { description: 'regions', content: { 'application/json': { schema: RegionListSchema } } },
      304: { description: 'unchanged since the ETag given in If-None-Match' },
    },
  }),
  async (c) => {
    const db = c.var.db;
    const jurisdictions = currentUser(c).jurisdictions;
    const version = await regionListVersion(db, jurisdictions);
    // `*`: the list spans every district of the jurisdictions; they are part of the key.
    const scope = { districtCode: '*', version: `r${version}` };
    return (await serveCachedJson(c, scope, { route: 'regions', jurisdictions }, async () => ({
      regions: await listRegions(db, jurisdictions),
    }))) as never;
  },
);
