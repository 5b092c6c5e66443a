/**
 * `GET /api/dashboard?region&period&asOf&top&idleDays` (dashboard.read): the leaders' dashboard
 * (驾驶舱) of a region — see `dashboard-figures.ts` and the README's "Dashboard" section.
 */
import { createRoute } from '@hono/zod-openapi';
import { currentUser } from '../auth/jurisdiction.js';
import { requirePermission } from '../auth/require-permission.js';
import { createRouter } from '../http/router.js';
import { errorResponse } from '../http/error-response.js';
import { DashboardQuerySchema, DashboardSchema } from './dashboard.schemas.js';
import { dashboardFigures } from './dashboard-figures.js';

export const dashboardApp = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['dashboard'],
    summary:
      'A region’s figures for a period, the period before and a year before: grids, staffing, incidents, patrols, special-group visits (dashboard.read)',
    middleware: [requirePermission('dashboard.read')],
    request: { query: DashboardQuerySchema },
    responses: {
      200: {
        description:
          'the figures; `patrols.status` is "pending" (with jobs to follow) while patrol days are being worked out; `specialGroups` only with special_groups.aggregate',
        content: { 'application/json': { schema: DashboardSchema } },
      },
      400: errorResponse('a malformed period or date, or a period starting after asOf'),
      403: errorResponse('the region is outside your jurisdiction'),
      404: errorResponse('no such region'),
    },
  }),
  async (c) => {
    const user = currentUser(c);
    const q = c.req.valid('query');
    const { body, jobs } = await dashboardFigures(c.var.db, {
      user,
      region: q.region,
      period: q.period,
      asOf: q.asOf,
      top: q.top,
      idleDays: q.idleDays,
      inlinePatrolTracks: c.var.inlinePatrolTracks,
    });
    if (jobs.length > 0) c.var.jobs.wake();
    return c.json(body, 200);
  },
);
