/**
 * `GET /api/analytics/patrols/dead-corners?days=N&region=` ("no dead corners"): street
 * segments of at most 100 m with no patrol track within 30 m in the last N days (see
 * patrol-dead-corners.ts). When the days it reads are not worked out yet and would take long,
 * the answer is a 202 with a `patrols.dead-corners` job whose result is the 200 body.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { currentUser, resolveRegionFor } from '../auth/jurisdiction.js';
import { requirePermission } from '../auth/require-permission.js';
import { createRouter } from '../http/router.js';
import { createJob } from '../jobs/job.store.js';
import { JobAcceptedSchema } from '../jobs/jobs.schemas.js';
import { RegionQuerySchema } from '../layers/layer-schemas.js';
import { errorResponse } from '../http/error-response.js';
import { missingPatrolDays } from './patrol-coverage-job.js';
import { PATROL_DEAD_CORNERS_JOB, type DeadCornersJobParams } from './patrol-dead-corners-job.js';
import { deadCorners, deadCornersWindow, windowDays } from './patrol-dead-corners.js';
import { DeadCornersSchema } from './analytics.schemas.js';
import { jobAccepted } from '../jobs/job-http.js';

const Query = RegionQuerySchema.extend({
  days: z.coerce.number().int().min(1).max(3650).default(30).openapi({ description: 'N: not patrolled in the last N days (default 30)' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(50_000)
    .default(10_000)
    .openapi({ description: 'most segments returned, longest-unpatrolled first' }),
});

export const patrolsDeadCornersRoute = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/patrols/dead-corners',
    tags: ['analytics'],
    summary: 'Street segments (≤ 100 m) with no patrol track within 30 m in the last N days (patrols.read)',
    middleware: [requirePermission('patrols.read')],
    request: { query: Query },
    responses: {
      200: { description: 'the unpatrolled segments', content: { 'application/json': { schema: DeadCornersSchema } } },
      202: {
        description:
          'days of the window are not worked out yet and would take too long inside a request: a job (GET its href for progress; its result is the 200 body)',
        content: { 'application/json': { schema: JobAcceptedSchema } },
      },
      403: errorResponse('the region is outside your jurisdiction'),
    },
  }),
  async (c) => {
    const { region: code, days, limit } = c.req.valid('query');
    const region = await resolveRegionFor(c, code);
    const db = c.var.db;
    const user = currentUser(c);
    const window = await deadCornersWindow(db, region.districtCode, days);
    const [d0, d1] = windowDays(window);
    // Days not worked out yet: a few tracks are tested at once; more go to a job, as for coverage.
    const missing = await missingPatrolDays(db, region.districtCode, d0, d1);
    if (missing.reduce((n, m) => n + m.tracks, 0) > c.var.inlinePatrolTracks) {
      const params: DeadCornersJobParams = {
        districtCode: region.districtCode,
        regionCode: region.code,
        jurisdictions: [...user.jurisdictions],
        days,
        limit,
        dayEnd: window.dayEnd,
      };
      const job = await createJob(db, {
        kind: PATROL_DEAD_CORNERS_JOB,
        districtCode: region.districtCode,
        params: { ...params },
        createdBy: user.username,
      });
      return jobAccepted(c, job);
    }
    if (missing.length > 0) await db.query(`SELECT patrol_days_ensure($1::char(6), $2::date, $3::date)`, [region.districtCode, d0, d1]);
    const body = await deadCorners(
      db,
      { districtCode: region.districtCode, regionCode: region.code, jurisdictions: user.jurisdictions, days, limit },
      window,
    );
    return c.json(body, 200);
  },
);
