/**
 * `GET /api/analytics/patrols/coverage?from&to&region=`: per grid in force, the grid's street
 * length (metres: the 5 m stretches whose midpoint the grid holds), the share of it within 30 m of a patrol track
 * recorded in the period (tracks cut to the period by their M = epoch seconds; distances in
 * true metres — on the sphere for a period's partial days, on a local plane that agrees with
 * it for the kept days of migration 0020 — judged every SAMPLE_M metres), days since the last patrol that touched
 * the grid (as of the period's end) and the minutes patrolled for the grid in the period
 * (tracks recorded for that grid, clipped to the period).
 */
import { createRoute } from '@hono/zod-openapi';
import { currentUser, resolveRegionFor } from '../auth/jurisdiction.js';
import { requirePermission } from '../auth/require-permission.js';
import { createRouter } from '../http/router.js';
import { RegionQuerySchema } from '../layers/layer-schemas.js';
import { errorResponse } from '../http/error-response.js';
import { PeriodQuerySchema, resolvePeriod } from './patrols-period.js';
import { createJob } from '../jobs/job.store.js';
import { JobAcceptedSchema } from '../jobs/jobs.schemas.js';
import { missingPatrolDays, PATROL_COVERAGE_JOB, type PatrolCoverageJobParams } from './patrol-coverage-job.js';
import { PATROL_REACH_M, patrolCoverage, wholeDaysOf } from './patrol-coverage.js';
import { PatrolCoverageSchema } from './analytics.schemas.js';
import { jobAccepted } from '../jobs/job-http.js';

export const patrolsCoverageRoute = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/patrols/coverage',
    tags: ['analytics'],
    summary: 'Patrol coverage per grid in force: street length within 30 m of a track, days since the last patrol, minutes (patrols.read)',
    middleware: [requirePermission('patrols.read')],
    request: { query: RegionQuerySchema.extend(PeriodQuerySchema.shape) },
    responses: {
      200: { description: 'one row per grid', content: { 'application/json': { schema: PatrolCoverageSchema } } },
      202: {
        description:
          'days of the period are not worked out yet and would take too long inside a request: a job (GET its href for progress; its result is the 200 body)',
        content: { 'application/json': { schema: JobAcceptedSchema } },
      },
      400: errorResponse('a malformed date or `to` not after `from`'),
      403: errorResponse('the region is outside your jurisdiction'),
    },
  }),
  async (c) => {
    const query = c.req.valid('query');
    const region = await resolveRegionFor(c, query.region);
    const period = await resolvePeriod(c.var.db, region.districtCode, query);
    const user = currentUser(c);
    const days = wholeDaysOf(period);
    if (days) {
      // Days not worked out yet: a few tracks are tested at once; more go to a job (see patrol-coverage-job.ts).
      const missing = await missingPatrolDays(c.var.db, region.districtCode, days[0], days[1]);
      if (missing.reduce((n, m) => n + m.tracks, 0) > c.var.inlinePatrolTracks) {
        const params: PatrolCoverageJobParams = {
          districtCode: region.districtCode,
          regionCode: region.code,
          jurisdictions: [...user.jurisdictions],
          from: period.from,
          to: period.to,
          days,
        };
        const job = await createJob(c.var.db, {
          kind: PATROL_COVERAGE_JOB,
          districtCode: region.districtCode,
          params: { ...params },
          createdBy: user.username,
        });
        return jobAccepted(c, job);
      }
    }
    const rows = await patrolCoverage(c.var.db, region.districtCode, region.code, user.jurisdictions, period);
    return c.json({ from: new Date(period.from).toISOString(), to: new Date(period.to).toISOString(), reachM: PATROL_REACH_M, rows }, 200);
  },
);
