/**
 * Plans: `POST /api/plans` creates a draft (copying grids), `GET /api/plans/:id` reads a plan
 * with its grids, `PUT /api/plans/:id/grids` replaces a draft's grids in one transaction.
 * Jurisdiction: a plan whose region lies outside the caller's is a 403, like a region; its
 * grids are clipped to the jurisdiction in SQL. Writes are audited by the app's middleware.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { currentUser, overlaps, requireInsideJurisdiction } from '../auth/jurisdiction.js';
import { requirePermission } from '../auth/require-permission.js';
import { HttpError, forbidden, notFound } from '../http/http-error.js';
import { createRouter } from '../http/router.js';
import { regionCodeSchema, resolveRegion } from '../regions/region-scope.js';
import {
  CreatePlanBody,
  CreatedPlanSchema,
  MAX_GRIDS,
  MAX_TOTAL_VERTICES,
  PlanDetailSchema,
  PlanIdParam,
  PlansListSchema,
  SaveGridsBody,
  SaveGridsResultSchema,
  gridProblemsResponse,
  planConflictResponse,
  type PlanGridCollection,
  type PlanProblem,
} from './plan-schemas.js';
import { errorResponse } from '../http/error-response.js';
import { normaliseGridFeatures } from './grid-geometry-in.js';
import { createDraft, findPlan, listPlans, planGridsJson, storedProblems } from './plan.store.js';
import { saveGrids, unprocessable } from './save-grids.js';

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });

function countVertices(geometry: unknown): number {
  const coordinates = (geometry as { coordinates?: unknown } | null)?.coordinates;
  if (!Array.isArray(coordinates)) return 0;
  return coordinates.reduce((n: number, ring: unknown) => n + (Array.isArray(ring) ? ring.length : 0), 0);
}

export const plansRoute = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['plans'],
      summary: "Plans of a region: its own, its district's and those of regions inside it, newest first (plans.read)",
      middleware: [requirePermission('plans.read')],
      request: {
        query: z.object({ region: regionCodeSchema.openapi({ param: { name: 'region', in: 'query' }, example: '610199001001' }) }),
      },
      responses: {
        200: json(PlansListSchema, 'the plans (at most 200)'),
        403: errorResponse('the region is outside your jurisdiction'),
        404: errorResponse('no such region'),
      },
    }),
    async (c) => {
      const { region: code } = c.req.valid('query');
      const user = currentUser(c);
      if (!overlaps(user.jurisdictions, code)) throw forbidden(`region ${code} is outside your jurisdiction`);
      const region = await resolveRegion(c.var.db, code);
      return c.json({ plans: await listPlans(c.var.db, region.districtCode, region.code, user.jurisdictions) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags: ['plans'],
      summary: 'Create a draft for a community or district, copying grids (plans.edit)',
      middleware: [requirePermission('plans.edit')],
      request: { body: { content: { 'application/json': { schema: CreatePlanBody } }, required: true } },
      responses: {
        201: json(CreatedPlanSchema, 'the new draft and how many grids it copied'),
        403: errorResponse('the region or source plan is outside your jurisdiction'),
        404: errorResponse('no such region or source plan'),
        422: errorResponse('the region is a subdistrict, or the source plan is in another district'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const user = currentUser(c);
      requireInsideJurisdiction(user.jurisdictions, body.regionCode, 'region');
      const region = await resolveRegion(c.var.db, body.regionCode);
      if (region.level === 'subdistrict')
        throw new HttpError(422, 'unprocessable', 'a plan covers a community or a whole district, not a subdistrict');
      let fromPlanId: number | null = null;
      if (body.fromPlanId !== undefined) {
        const from = await findPlan(c.var.db, String(body.fromPlanId), user.jurisdictions);
        if (!from) throw notFound(`no plan with id ${body.fromPlanId}`);
        if (!from.visible) throw forbidden(`plan ${body.fromPlanId} is outside your jurisdiction`);
        if (from.districtCode !== region.districtCode)
          throw new HttpError(422, 'unprocessable', `plan ${from.id} belongs to district ${from.districtCode}`);
        fromPlanId = from.id;
      }
      const plan = await createDraft(c.var.db, {
        districtCode: region.districtCode,
        regionCode: region.code,
        name: body.name,
        author: user.username,
        fromPlanId,
      });
      return c.json(plan, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags: ['plans'],
      summary: 'A plan with its grids (inside your jurisdiction) as a FeatureCollection (plans.read)',
      middleware: [requirePermission('plans.read')],
      request: { params: PlanIdParam },
      responses: {
        200: json(PlanDetailSchema, 'the plan, its grids and the warnings stored with it'),
        403: errorResponse('the plan is outside your jurisdiction'),
        404: errorResponse('no such plan'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const user = currentUser(c);
      const found = await findPlan(c.var.db, id, user.jurisdictions);
      if (!found) throw notFound(`no plan with id ${id}`);
      if (!found.visible) throw forbidden(`plan ${id} is outside your jurisdiction`);
      const { visible: _v, editable: _e, ...plan } = found;
      const grids = await planGridsJson(c.var.db, plan, user.jurisdictions);
      const problems = (await storedProblems(c.var.db, plan)) as PlanProblem[];
      return c.json({ plan, grids: JSON.parse(grids) as PlanGridCollection, problems }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/{id}/grids',
      tags: ['plans'],
      summary: "Replace a draft's grids in one transaction, checked in PostGIS (plans.edit)",
      middleware: [requirePermission('plans.edit')],
      request: { params: PlanIdParam, body: { content: { 'application/json': { schema: SaveGridsBody } }, required: true } },
      responses: {
        200: json(
          SaveGridsResultSchema,
          'saved: the new version, the code of each feature in order (new grids get provisional codes), codes added and removed, the warnings stored, the repairs made to the geometry sent',
        ),
        403: errorResponse('the plan is outside your jurisdiction'),
        404: errorResponse('no such plan'),
        409: planConflictResponse(
          'the plan is not a draft (details: status), or it was saved since `version` (details: SaveDraftConflictDetail)',
        ),
        413: errorResponse(`more than ${MAX_GRIDS} grids or ${MAX_TOTAL_VERTICES} vertices`),
        422: gridProblemsResponse('the grids have problems, each listed with the grids involved'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { version, grids } = c.req.valid('json');
      const features = grids.features;
      if (features.length > MAX_GRIDS)
        throw new HttpError(413, 'payload_too_large', `${features.length} grids: at most ${MAX_GRIDS} per save`);
      const vertices = features.reduce((n, f) => n + countVertices(f.geometry), 0);
      if (vertices > MAX_TOTAL_VERTICES)
        throw new HttpError(413, 'payload_too_large', `${vertices} vertices: at most ${MAX_TOTAL_VERTICES} per save`);
      const normalised = normaliseGridFeatures(features);
      if (normalised.problems.length > 0)
        throw unprocessable(`${normalised.problems.length} grid(s) have invalid geometry`, normalised.problems);
      const user = currentUser(c);
      const result = await saveGrids(c.var.db, {
        planId: id,
        version,
        features: normalised.features,
        jurisdictions: user.jurisdictions,
        username: user.username,
      });
      return c.json({ ...result, repairs: normalised.repairs }, 200);
    },
  );
