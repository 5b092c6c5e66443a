/**
 * `POST /api/plans/:id/delineate` and `POST /api/plans/:id/rebalance` with
 * `{ version, communityCode, seed? }`: run the engine on one community of a draft and save the
 * result as a new version of the draft (plans.edit). The reply is the save's reply plus the
 * engine's report and the indivisible exceptions it found.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { currentUser } from '../auth/jurisdiction.js';
import { requirePermission } from '../auth/require-permission.js';
import { createRouter } from '../http/router.js';
import { delineateDraft, rebalanceDraft } from './plan-engine.js';
import { GridProblemSchema, PlanIdParam, PlanProblemSchema, PlanSchema, errorResponse } from './plan-schemas.js';

const EngineBody = z
  .object({
    version: z.number().int().min(1).max(2 ** 31 - 1).openapi({ description: 'the draft version the run starts from' }),
    communityCode: z.string().regex(/^\d{12}$/, { error: 'expected a 12-digit community code' }),
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(1).openapi({ description: 'same seed, same result' }),
  })
  .openapi('EngineRun');

const Exception = z.object({ unitId: z.string(), households: z.number(), persons: z.number(), buildings: z.array(z.string()).optional(), message: z.string() });
const Saved = {
  plan: PlanSchema,
  codes: z.array(z.string()),
  added: z.array(z.string()),
  removed: z.array(z.string()),
  problems: z.array(PlanProblemSchema),
  exceptions: z.array(Exception),
};

const responses = (report: z.ZodType) => ({
  200: { description: 'the draft saved with the result', content: { 'application/json': { schema: z.object({ ...Saved, report }) } } },
  403: errorResponse('the plan is outside your jurisdiction'),
  404: errorResponse('no such plan or community'),
  409: errorResponse('the plan is not a draft, or it was saved since `version`'),
  422: {
    description: 'the community is not in the plan, has nothing to rebalance, or the result failed the checks',
    content: { 'application/json': { schema: z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.object({ problems: z.array(GridProblemSchema) }).optional() }) }) } },
  },
});

export const planEngineRoute = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/delineate',
      tags: ['plans'],
      summary: 'Divide one community of a draft into grids automatically (plans.edit)',
      middleware: [requirePermission('plans.edit')],
      request: { params: PlanIdParam, body: { content: { 'application/json': { schema: EngineBody } }, required: true } },
      responses: responses(z.record(z.string(), z.union([z.number(), z.boolean()])).openapi({ description: 'grids, lowerBound, ratio, exceptions, compliant, contiguous, coverage, ms…' })),
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const user = currentUser(c);
      const run = await delineateDraft(c.var.db, { planId: id, ...body, jurisdictions: user.jurisdictions, username: user.username });
      return c.json({ ...run.save, report: { ...run.report }, exceptions: run.exceptions }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/rebalance',
      tags: ['plans'],
      summary: "Rebalance one community's grids in a draft, moving as few households as possible (plans.edit)",
      middleware: [requirePermission('plans.edit')],
      request: { params: PlanIdParam, body: { content: { 'application/json': { schema: EngineBody } }, required: true } },
      responses: responses(z.record(z.string(), z.unknown()).openapi({ description: 'violating, changedGrids, addedGrids, actions, householdsMoved, buildingsMoved, remaining, ms…' })),
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const user = currentUser(c);
      const run = await rebalanceDraft(c.var.db, { planId: id, ...body, jurisdictions: user.jurisdictions, username: user.username });
      return c.json({ ...run.save, report: { ...run.report }, exceptions: run.exceptions }, 200);
    },
  );
