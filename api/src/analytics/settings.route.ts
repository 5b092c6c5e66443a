/**
 * `GET /api/analytics/settings?region=` (analytics.read): the district's suppression
 * threshold and workload weights. `PUT` (profiles.edit) changes them for a district wholly
 * inside the caller's jurisdiction; fields left out keep their current values. The app's
 * write middleware audits every PUT.
 */
import { createRoute } from '@hono/zod-openapi';
import { currentUser, requireInsideJurisdiction, resolveRegionFor } from '../auth/jurisdiction.js';
import { requirePermission } from '../auth/require-permission.js';
import { createRouter } from '../http/router.js';
import { RegionQuerySchema } from '../layers/layer-schemas.js';
import { errorResponse } from '../http/error-response.js';
import { readAnalyticsSettings, writeAnalyticsSettings } from './settings.store.js';
import { AnalyticsSettingsSchema, AnalyticsSettingsUpdateBody } from './analytics.schemas.js';

const ok = { 200: { description: 'the settings in force', content: { 'application/json': { schema: AnalyticsSettingsSchema } } } };

export const analyticsSettingsRoute = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/settings',
      tags: ['analytics'],
      summary: "The district's suppression threshold and workload weights (analytics.read)",
      middleware: [requirePermission('analytics.read')],
      request: { query: RegionQuerySchema },
      responses: { ...ok, 403: errorResponse('the region is outside your jurisdiction'), 404: errorResponse('no such region') },
    }),
    async (c) => {
      const region = await resolveRegionFor(c, c.req.valid('query').region);
      const settings = await readAnalyticsSettings(c.var.db, region.districtCode);
      return c.json({ districtCode: region.districtCode, ...settings }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/settings',
      tags: ['analytics'],
      summary: "Change a district's suppression threshold and workload weights (profiles.edit)",
      middleware: [requirePermission('profiles.edit')],
      request: { body: { required: true, content: { 'application/json': { schema: AnalyticsSettingsUpdateBody } } } },
      responses: {
        ...ok,
        400: errorResponse('a threshold below 3, a negative weight or an unknown field'),
        403: errorResponse('the district is not wholly inside your jurisdiction'),
        404: errorResponse('no such district'),
      },
    }),
    async (c) => {
      const user = currentUser(c);
      const body = c.req.valid('json');
      const region = await resolveRegionFor(c, body.districtCode);
      const district = region.districtCode;
      requireInsideJurisdiction(user.jurisdictions, district, 'district');
      const db = c.var.db;
      const settings = await db.transaction(async (tx) => {
        // Serialise concurrent edits of one district so a partial update merges with the latest.
        await tx.query('SELECT 1 FROM districts WHERE district_code = $1 FOR UPDATE', [district]);
        const current = await readAnalyticsSettings(tx, district);
        const w = body.workloadWeights ?? {};
        const next = {
          suppressionThreshold: body.suppressionThreshold ?? current.suppressionThreshold,
          workloadWeights: {
            households: w.households ?? current.workloadWeights.households,
            persons: w.persons ?? current.workloadWeights.persons,
            incidents: w.incidents ?? current.workloadWeights.incidents,
            visits: w.visits ?? current.workloadWeights.visits,
            special: { ...current.workloadWeights.special, ...stripUndefined(w.special ?? {}) },
          },
        };
        await writeAnalyticsSettings(tx, district, next, user.username);
        return next;
      });
      return c.json({ districtCode: district, ...settings }, 200);
    },
  );

function stripUndefined(o: Record<string, number | undefined>): Record<string, number> {
  return Object.fromEntries(Object.entries(o).filter((e): e is [string, number] => e[1] !== undefined));
}
