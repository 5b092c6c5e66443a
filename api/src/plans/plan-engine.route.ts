/**
 * `POST /api/plans/:id/delineate` and `POST /api/plans/:id/rebalance` with
 * `{ version, communityCode, seed? }` (delineate also `targetFill?`, `balance?`): run the engine on one community of a draft and save the
 * result as a new version of the draft (plans.edit). The reply is the save's reply plus the
 * engine's report and the indivisible exceptions it found.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { currentUser } from '../auth/jurisdiction.js';
import { requirePermission } from '../auth/require-permission.js';
import { createRouter } from '../http/router.js';
import { delineateDraft, rebalanceDraft } from './plan-engine.js';
import { GridProblemSchema, PlanIdParam, PlanProblemSchema, PlanSchema } from './plan-schemas.js';
import { errorResponse } from '../http/error-response.js';

const EngineBody = z
  .object({
    version: z.number().int().min(1).max(2 ** 31 - 1).openapi({ description: 'the draft version the run starts from' }),
    communityCode: z.string().regex(/^\d{12}$/, { error: 'expected a 12-digit community code' }),
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(1).openapi({ description: 'same seed, same result' }),
  })
  .openapi('EngineRun');

const DelineateBody = EngineBody.extend({
  targetFill: z
    .number()
    .gt(0, { error: 'targetFill must be above 0' })
    .max(1, { error: 'targetFill is a share of the caps, at most 1' })
    .default(1)
    .openapi({ description: 'plan grids to at most this share of the caps (e.g. 0.85), so they absorb growth without redrawing; compliance is still judged against the full caps' }),
  balance: z.enum(['none', 'households', 'persons']).default('none').openapi({ description: 'even out households or persons between the grids of the community' }),
}).openapi('DelineateRun');

const Spread = z.object({ by: z.enum(['households', 'persons']), min: z.number(), max: z.number(), mean: z.number(), cv: z.number() });
const DelineateReportSchema = z
  .object({
    grids: z.number(),
    lowerBound: z.number().openapi({ description: 'simple lower bound at the planned caps (target fill × caps)' }),
    l2Bound: z.number().openapi({ description: 'Martello–Toth L2 bound at the planned caps' }),
    ratio: z.number(),
    ratioL2: z.number(),
    targetFill: z.number(),
    exceptions: z.number(),
    compliant: z.boolean().openapi({ description: 'from the written grids: every grid within the rule or an exception, every building in exactly one grid, no overlap' }),
    contiguous: z.boolean(),
    coverage: z.number(),
    overlapM2: z.number(),
    unplaced: z.array(z.string()),
    doubled: z.array(z.string()),
    violations: z.array(z.number()),
    households: z.number(),
    persons: z.number(),
    balance: Spread,
    ms: z.number(),
  })
  .catchall(z.unknown())
  .openapi('DelineateReport');

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
      request: { params: PlanIdParam, body: { content: { 'application/json': { schema: DelineateBody } }, required: true } },
      responses: responses(DelineateReportSchema),
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
