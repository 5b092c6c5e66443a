/**
 * `GET /api/visits/plans?region=` (visits.read): the district's visit plan, category →
 * cadence, with the defaults where the district has set none. `PUT` (visits.plan): set
 * cadences for a district wholly inside the caller's jurisdiction, in one transaction, audited
 * with what changed (before → after).
 */
import { createRoute } from '@hono/zod-openapi';
import { VISIT_CATEGORY_KEYS } from '@gridatlas/core';
import { auditRequest } from '../audit/audit.store.js';
import { currentUser, requireInsideJurisdiction, resolveRegionFor } from '../auth/jurisdiction.js';
import { requirePermission } from '../auth/require-permission.js';
import type { Db } from '../db/db.types.js';
import { errorResponse } from '../http/error-response.js';
import { HttpError } from '../http/http-error.js';
import { createRouter } from '../http/router.js';
import { RegionQuerySchema } from '../layers/layer-schemas.js';
import { VisitPlanSchema, VisitPlanUpdateBody } from './visits.schemas.js';

async function readPlan(db: Db, districtCode: string) {
  const r = await db.query<{
    category: string;
    cadence: 'monthly' | 'quarterly' | 'yearly';
    source: string;
    planned: boolean;
    updatedAt: string | null;
  }>(
    `SELECT category, cadence, source, planned, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "updatedAt"
     FROM district_visit_cadences WHERE district_code = $1`,
    [districtCode],
  );
  const order = (k: string): number => VISIT_CATEGORY_KEYS.indexOf(k);
  return r.rows.sort((a, b) => order(a.category) - order(b.category));
}

const ok = { 200: { description: 'the plan in force', content: { 'application/json': { schema: VisitPlanSchema } } } };

export const visitPlansRoute = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/plans',
      tags: ['visits'],
      summary: "The district's visit plan: cadence per household category (visits.read)",
      middleware: [requirePermission('visits.read')],
      request: { query: RegionQuerySchema },
      responses: { ...ok, 403: errorResponse('the region is outside your jurisdiction'), 404: errorResponse('no such region') },
    }),
    async (c) => {
      const region = await resolveRegionFor(c, c.req.valid('query').region);
      return c.json({ districtCode: region.districtCode, plans: await readPlan(c.var.db, region.districtCode) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/plans',
      tags: ['visits'],
      summary: "Set a district's visit cadences (visits.plan); categories left out keep theirs",
      middleware: [requirePermission('visits.plan')],
      request: { body: { required: true, content: { 'application/json': { schema: VisitPlanUpdateBody } } } },
      responses: {
        ...ok,
        400: errorResponse('an unknown category or cadence, or a category named twice'),
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
      const categories = body.plans.map((p) => p.category);
      if (new Set(categories).size !== categories.length) {
        throw new HttpError(400, 'bad_request', 'each category may appear once in a plan update');
      }
      const db = c.var.db;
      const { before, after } = await db.transaction(async (tx) => {
        await tx.query('SELECT 1 FROM districts WHERE district_code = $1 FOR UPDATE', [district]);
        const before = await readPlan(tx, district);
        for (const p of body.plans) {
          const current = before.find((b) => b.category === p.category)!;
          await tx.query(
            `INSERT INTO visit_plans (district_code, category, cadence, source, updated_by) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (district_code, category) DO UPDATE SET cadence = EXCLUDED.cadence, source = EXCLUDED.source,
               updated_by = EXCLUDED.updated_by, updated_at = now()`,
            [
              district,
              p.category,
              p.cadence,
              p.source ?? (current.planned ? current.source : `${user.displayName || user.username} 设定`),
              user.id,
            ],
          );
        }
        return { before, after: await readPlan(tx, district) };
      });
      const changes = after
        .map((a) => ({ category: a.category, from: before.find((b) => b.category === a.category)!.cadence, to: a.cadence }))
        .filter((ch) => ch.from !== ch.to);
      await auditRequest(c, 'visits.plan.update', district, { changes });
      return c.json({ districtCode: district, plans: after }, 200);
    },
  );
