/**
 * `/api/reports/notice-boards` (reports.export): grid notice boards as a job.
 *   POST /api/reports/notice-boards                  a community's or a grid's boards → 202 job
 *   GET  /api/reports/notice-boards/{jobId}/file     the PDF the job wrote
 * The region must lie inside the caller's jurisdiction. The QR codes open the GridAtlas that
 * answered the request (`$GRIDATLAS_PUBLIC_URL` when set, for deployments behind a proxy that
 * rewrites the host). Poll or cancel the job at `/api/jobs/{id}`.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { currentUser, isInsideJurisdiction, requireInsideJurisdiction } from '../auth/jurisdiction.js';
import { requirePermission } from '../auth/require-permission.js';
import type { AppEnv } from '../http/app-env.js';
import { errorResponse } from '../http/error-response.js';
import { notFound } from '../http/http-error.js';
import { createRouter } from '../http/router.js';
import { createJob, getJob, type Job } from '../jobs/job.store.js';
import { jobAccepted, jobFileResponse } from '../jobs/job-http.js';
import { NOTICE_BOARDS_JOB_KIND, type NoticeBoardsJobParams } from './notice-boards.job.js';
import { JobAcceptedSchema, NoticeBoardsBodySchema, NoticeBoardsJobIdParam } from './notice-boards.schemas.js';

function publicBaseUrl(c: Context<AppEnv>): string {
  return process.env.GRIDATLAS_PUBLIC_URL || new URL(c.req.url).origin;
}

/** The maker of the job, or anyone allowed to export reports of its region. */
function mayRead(c: Context<AppEnv>, job: Job): boolean {
  const user = currentUser(c);
  if (job.createdBy === user.username) return true;
  const region = String((job.params as Partial<NoticeBoardsJobParams>).region ?? '');
  return region !== '' && isInsideJurisdiction(user.jurisdictions, region);
}

export const noticeBoardsApp = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags: ['reports'],
      summary: 'Print the notice boards (公示牌) of a community (one page per current grid) or one grid; 202 with the job (reports.export)',
      middleware: [requirePermission('reports.export')],
      request: { body: { content: { 'application/json': { schema: NoticeBoardsBodySchema } }, required: true } },
      responses: {
        202: { description: 'queued; the job’s result links the PDF', content: { 'application/json': { schema: JobAcceptedSchema } } },
        403: errorResponse('the region is outside your jurisdiction'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const user = currentUser(c);
      requireInsideJurisdiction(user.jurisdictions, body.region, body.region.length === 15 ? 'grid' : 'region');
      const params: NoticeBoardsJobParams = {
        region: body.region,
        size: body.size,
        lang: body.lang,
        baseUrl: publicBaseUrl(c),
        ...(body.serviceHours ? { serviceHours: body.serviceHours } : {}),
      };
      const job = await createJob(c.var.db, {
        kind: NOTICE_BOARDS_JOB_KIND,
        districtCode: body.region.slice(0, 6),
        params: params as unknown as Record<string, unknown>,
        createdBy: user.username,
      });
      return jobAccepted(c, job);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{jobId}/file',
      tags: ['reports'],
      summary: 'The PDF a notice-boards job wrote (reports.export)',
      middleware: [requirePermission('reports.export')],
      request: { params: NoticeBoardsJobIdParam },
      responses: {
        200: { description: 'the PDF', content: { 'application/pdf': { schema: z.any() } } },
        404: errorResponse('no such job, not yours or outside your jurisdiction, or not finished'),
      },
    }),
    async (c) => {
      const { jobId } = c.req.valid('param');
      const job = await getJob(c.var.db, Number(jobId));
      // A job of someone else's region reads as absent: its id says nothing.
      if (!job || job.kind !== NOTICE_BOARDS_JOB_KIND || !mayRead(c, job)) throw notFound(`no notice-boards job ${jobId}`);
      return jobFileResponse(c, job, 'notice-boards', 'application/pdf');
    },
  );
