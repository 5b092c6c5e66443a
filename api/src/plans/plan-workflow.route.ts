/**
 * Plan transitions: `POST /api/plans/:id/submit|approve|return|archive` with `{ version, note? }`.
 * Submitting needs plans.submit, approving and returning plans.approve, archiving plans.edit;
 * all need the plan's whole region inside the caller's jurisdiction.
 */
import { createRoute } from '@hono/zod-openapi';
import { currentUser } from '../auth/jurisdiction.js';
import type { Permission } from '../auth/permissions.js';
import { requirePermission } from '../auth/require-permission.js';
import { createRouter } from '../http/router.js';
import { PlanIdParam, PlanTransitionResultSchema, VersionBody, gridProblemsResponse, planConflictResponse } from './plan-schemas.js';
import { errorResponse } from '../http/error-response.js';
import { transitionPlan, type Transition } from './plan-workflow.js';

const STEPS: { transition: Transition; permission: Permission; summary: string }[] = [
  {
    transition: 'submit',
    permission: 'plans.submit',
    summary: 'Submit a draft for approval; refused while it has hard problems (plans.submit)',
  },
  {
    transition: 'approve',
    permission: 'plans.approve',
    summary: 'Approve a submitted plan: it becomes current, new grids get final codes (plans.approve)',
  },
  { transition: 'return', permission: 'plans.approve', summary: 'Send a submitted plan back to draft, with a note (plans.approve)' },
  { transition: 'archive', permission: 'plans.edit', summary: 'Archive a draft or submitted plan (plans.edit)' },
];

let router = createRouter();
for (const step of STEPS) {
  router = router.openapi(
    createRoute({
      method: 'post',
      path: `/{id}/${step.transition}`,
      tags: ['plans'],
      summary: step.summary,
      middleware: [requirePermission(step.permission)],
      request: { params: PlanIdParam, body: { content: { 'application/json': { schema: VersionBody } }, required: true } },
      responses: {
        200: { description: 'the plan after the transition', content: { 'application/json': { schema: PlanTransitionResultSchema } } },
        403: errorResponse('the plan is outside your jurisdiction'),
        404: errorResponse('no such plan'),
        409: planConflictResponse(
          'the plan is not in a state this step starts from (details: status), it changed since `version` (details: currentVersion), or its codes were retired meanwhile (details: retired)',
        ),
        422: gridProblemsResponse('the plan has problems to fix first'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { version, note } = c.req.valid('json');
      const user = currentUser(c);
      const result = await transitionPlan(c.var.db, step.transition, {
        planId: id,
        version,
        note,
        jurisdictions: user.jurisdictions,
        username: user.username,
      });
      return c.json(result, 200);
    },
  );
}

export const planWorkflowRoute = router;
