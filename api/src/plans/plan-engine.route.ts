/**
 * `POST /api/plans/:id/delineate` and `POST /api/plans/:id/rebalance` with
 * `{ version, communityCode, seed? }` (delineate also `targetFill?`, `balance?`): run the engine on one community of a draft and save the
 * result as a new version of the draft (plans.edit). The reply is the save's reply plus the
 * engine's report and the indivisible exceptions it found.
 */
import { createRoute, type z } from '@hono/zod-openapi';
import { currentUser } from '../auth/jurisdiction.js';
import { requirePermission } from '../auth/require-permission.js';
import { createRouter } from '../http/router.js';
import { delineateDraft, rebalanceDraft } from './plan-engine.js';
import {
  DelineateBody,
  DelineateReportSchema,
  EngineBody,
  EngineRunResultSchema,
  PlanIdParam,
  RebalanceReportSchema,
  gridProblemsResponse,
  planConflictResponse,
} from './plan-schemas.js';
import { errorResponse } from '../http/error-response.js';

const responses = (report: z.ZodType) => ({
  200: { description: 'the draft saved with the result', content: { 'application/json': { schema: EngineRunResultSchema(report) } } },
  403: errorResponse('the plan is outside your jurisdiction'),
  404: errorResponse('no such plan or community'),
  409: planConflictResponse('the plan is not a draft (details: status), or it was saved since `version` (details: currentVersion)'),
  422: gridProblemsResponse(
    'the community is not in the plan, has nothing to rebalance (no details), or the result failed the checks (details: problems)',
  ),
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
      responses: responses(RebalanceReportSchema),
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const user = currentUser(c);
      const run = await rebalanceDraft(c.var.db, { planId: id, ...body, jurisdictions: user.jurisdictions, username: user.username });
      return c.json({ ...run.save, report: { ...run.report }, exceptions: run.exceptions }, 200);
    },
  );
