/**
 * `GET /api/plans/:id/diff?against=ID`: what plan `id` changes against another plan or (by
 * default) the grids in force — grids added, removed, reshaped and the buildings, households
 * and persons that change grid — with the changed grids of both sides for the map (and the
 * unchanged ones, marked so, for context).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { createUnitIndex, diffPlans, type PlanGrid } from '@gridatlas/core';
import type { Polygon } from 'geojson';
import { currentUser } from '../auth/jurisdiction.js';
import { requirePermission } from '../auth/require-permission.js';
import type { Db } from '../db/db.types.js';
import { forbidden, HttpError, notFound } from '../http/http-error.js';
import { createRouter } from '../http/router.js';
import { findPlan, type PlanRecord } from './plan.store.js';
import { PlanDiffResultSchema, PlanIdParam } from './plan-schemas.js';
import { errorResponse } from '../http/error-response.js';
import { loadPlanContext, loadPlanGrids } from './plan-validation.js';

async function gridsInForce(db: Db, districtCode: string, regionCode: string): Promise<PlanGrid[]> {
  const r = await db.query<{ code: string; community: string; zone: string | null; type: 'comprehensive' | 'dedicated'; g: string }>(
    `SELECT code, community_code AS community, zone_code AS zone, type, ST_AsGeoJSON(geometry) AS g
     FROM current_grids WHERE district_code = $1 AND community_code LIKE $2 || '%' ORDER BY code`,
    [districtCode, regionCode],
  );
  return r.rows.map((g) => ({
    code: g.code,
    communityCode: g.community,
    zoneCode: g.zone,
    type: g.type,
    geometry: JSON.parse(g.g) as Polygon,
  }));
}

const collection = (grids: PlanGrid[], codes: Set<string>, status: (code: string) => string) => ({
  type: 'FeatureCollection' as const,
  features: grids
    .filter((g) => codes.has(g.code))
    .map((g) => ({
      type: 'Feature' as const,
      geometry: g.geometry,
      properties: { code: g.code, communityCode: g.communityCode, change: status(g.code) },
    })),
});

export const planDiffRoute = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/{id}/diff',
    tags: ['plans'],
    summary: 'Compare a plan with another plan or the grids in force (plans.read)',
    middleware: [requirePermission('plans.read')],
    request: {
      params: PlanIdParam,
      query: z.object({
        against: z
          .string()
          .regex(/^[1-9]\d{0,15}$/, { error: 'expected a plan id (a positive whole number)' })
          .optional()
          .openapi({ param: { name: 'against', in: 'query' }, description: "default: the grids in force in the plan's region" }),
      }),
    },
    responses: {
      200: {
        description: 'the differences, and the changed grids before and after',
        content: { 'application/json': { schema: PlanDiffResultSchema } },
      },
      403: errorResponse('a plan is outside your jurisdiction'),
      404: errorResponse('no such plan'),
      422: errorResponse('the plans belong to different districts'),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { against } = c.req.valid('query');
    const user = currentUser(c);
    const open = async (planId: string): Promise<PlanRecord> => {
      const found = await findPlan(c.var.db, planId, user.jurisdictions);
      if (!found) throw notFound(`no plan with id ${planId}`);
      if (!found.visible || !found.editable) throw forbidden(`plan ${planId} is not wholly inside your jurisdiction`);
      return found;
    };
    const plan = await open(id);
    const base = against === undefined ? null : await open(against);
    if (base && base.districtCode !== plan.districtCode)
      throw new HttpError(
        422,
        'unprocessable',
        `plan ${base.id} belongs to district ${base.districtCode}, plan ${plan.id} to ${plan.districtCode}`,
      );
    const inRegion = (g: PlanGrid) => g.communityCode.startsWith(plan.regionCode);
    const after = await loadPlanGrids(c.var.db, plan.districtCode, plan.id);
    const before = base
      ? (await loadPlanGrids(c.var.db, base.districtCode, base.id)).filter(inRegion)
      : await gridsInForce(c.var.db, plan.districtCode, plan.regionCode);
    const { units } = await loadPlanContext(c.var.db, plan.districtCode, plan.regionCode);
    const diff = diffPlans(before, after, createUnitIndex(units));
    const removed = new Set(diff.removed);
    const added = new Set(diff.added);
    const changed = new Set(diff.changed);
    return c.json(
      {
        base: base ? `plan ${base.id}` : 'grids in force',
        diff,
        before: collection(before, new Set([...removed, ...changed]), (code) => (removed.has(code) ? 'removed' : 'changed')),
        // Unchanged grids come along for context on the map.
        after: collection(after, new Set(after.map((g) => g.code)), (code) =>
          added.has(code) ? 'added' : changed.has(code) ? 'changed' : 'unchanged',
        ),
      },
      200,
    );
  },
);
