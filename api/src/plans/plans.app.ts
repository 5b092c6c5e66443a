/**
 * `/api/plans`: the plan resource as one sub-app — records and drafts, workflow transitions,
 * diffs and the engine's proposals. Hono matches in the order routes are added, so the order here is kept.
 */
import { createRouter } from '../http/router.js';
import { planDiffRoute } from './plan-diff.route.js';
import { planEngineRoute } from './plan-engine.route.js';
import { planWorkflowRoute } from './plan-workflow.route.js';
import { plansRoute } from './plans.route.js';

export const plansApp = createRouter()
  .route('/', plansRoute)
  .route('/', planWorkflowRoute)
  .route('/', planDiffRoute)
  .route('/', planEngineRoute);
