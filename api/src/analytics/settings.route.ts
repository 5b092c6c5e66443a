/**
 * `GET /api/analytics/settings?region=` (analytics.read): the district's suppression
 * threshold and workload weights. `PUT` (profiles.edit) changes them for a district wholly
 * inside the caller's jurisdiction; fields left out keep their current values. The app's
 * write middleware audits every PUT.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { MIN_SUPPRESSION_THRESHOLD, SPECIAL_GROUP_CATEGORIES } from '@gridatlas/core';
import { currentUser, requireInsideJurisdiction, resolveRegionFor } from '../auth/jurisdiction.js';
import { requirePermission } from '../auth/require-permission.js';
import { createRouter } from '../http/router.js';
import { RegionQuerySchema } from '../layers/layer-schemas.js';
import { errorResponse } from '../http/error-response.js';
import { readAnalyticsSettings, writeAnalyticsSettings } from './settings.store.js';

const weight = z.number().min(0).max(1000);

const WeightsSchema = z
  .object({
    households: weight,
    persons: weight,
    incidents: weight,
    visits: weight,
    special: z.object(Object.fromEntries(SPECIAL_GROUP_CATEGORIES.map(({ key }) => [key, weight]))),
  })
  .openapi('WorkloadWeights', { description: 'workload per unit: one household, person, incident, required visit, special-group person by category' });

const SettingsSchema = z
  .object({
    districtCode: z.string(),
    suppressionThreshold: z.number().int().openapi({ description: `cells with fewer people show as "<N"; never below ${MIN_SUPPRESSION_THRESHOLD}` }),
    workloadWeights: WeightsSchema,
  })
  .openapi('AnalyticsSettings');

const SettingsUpdate = z
  .object({
    districtCode: z
      .string()
      .regex(/^\d{6}$/, { error: 'expected a 6-digit district code' })
      .optional()
      .openapi({ description: 'default: the loaded district' }),
    suppressionThreshold: z
      .number()
      .int()
      .min(MIN_SUPPRESSION_THRESHOLD, { error: `the suppression threshold is never below ${MIN_SUPPRESSION_THRESHOLD}` })
      .max(1000)
      .optional(),
    workloadWeights: z
      .object({
        households: weight.optional(),
        persons: weight.optional(),
        incidents: weight.optional(),
        visits: weight.optional(),
        special: z.strictObject(Object.fromEntries(SPECIAL_GROUP_CATEGORIES.map(({ key }) => [key, weight.optional()]))).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

const ok = { 200: { description: 'the settings in force', content: { 'application/json': { schema: SettingsSchema } } } };

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
      request: { body: { required: true, content: { 'application/json': { schema: SettingsUpdate } } } },
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
