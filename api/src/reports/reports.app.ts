/**
 * `/api/reports` (issue 17), permission `reports.export`:
 *   POST /api/reports                 a monthly report or a briefing as PDF/PPTX → 202 with the job
 *   GET  /api/reports/{jobId}/file    the finished file
 * Progress and cancel are the job's (`/api/jobs/{id}`, `/api/jobs/{id}/cancel`). The region or
 * briefing is checked here, before queueing, so a request outside the jurisdiction is a 403
 * at once rather than a failed job; the job checks again as it runs.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { currentUser, requireInsideJurisdiction } from '../auth/jurisdiction.js';
import { requirePermission } from '../auth/require-permission.js';
import { loadBriefing } from '../briefings/briefing.store.js';
import { errorResponse } from '../http/error-response.js';
import { notFound } from '../http/http-error.js';
import { createRouter } from '../http/router.js';
import { createJob, getJob } from '../jobs/job.store.js';
import { mayAccessJob } from '../jobs/jobs.app.js';
import { JobAcceptedSchema } from '../jobs/jobs.schemas.js';
import { resolveRegion } from '../regions/region-scope.js';
import { REPORT_JOB_KIND } from './report-jobs.js';
import { jobAccepted, jobFileResponse } from '../jobs/job-http.js';
import { ReportJobIdParam, ReportRequestSchema } from './reports.schemas.js';

export const reportsApp = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags: ['reports'],
      summary:
        'Export a monthly report of a region or a briefing as PDF or PPTX; 202 with the job, whose result links the file (reports.export)',
      middleware: [requirePermission('reports.export')],
      request: { body: { content: { 'application/json': { schema: ReportRequestSchema } }, required: true } },
      responses: {
        202: { description: 'queued', content: { 'application/json': { schema: JobAcceptedSchema } } },
        403: errorResponse('the region or briefing is outside your jurisdiction'),
        404: errorResponse('no such region or briefing'),
      },
    }),
    async (c) => {
      const request = c.req.valid('json');
      const user = currentUser(c);
      let districtCode: string;
      if (request.kind === 'briefing') {
        districtCode = (await loadBriefing(c.var.db, request.briefingId!, user)).districtCode;
      } else {
        if (request.region !== undefined) requireInsideJurisdiction(user.jurisdictions, request.region, 'region');
        const own = user.jurisdictions.find((j) => j.length >= 6);
        districtCode = (await resolveRegion(c.var.db, request.region ?? own)).districtCode;
      }
      const job = await createJob(c.var.db, {
        kind: REPORT_JOB_KIND,
        districtCode,
        params: { request, userId: user.id },
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
      summary: 'The file a report job wrote (reports.export)',
      middleware: [requirePermission('reports.export')],
      request: { params: ReportJobIdParam },
      responses: {
        200: {
          description: 'the PDF or PPTX',
          content: {
            'application/pdf': { schema: z.any() },
            'application/vnd.openxmlformats-officedocument.presentationml.presentation': { schema: z.any() },
          },
        },
        404: errorResponse('no such report job, or not finished'),
      },
    }),
    async (c) => {
      const { jobId } = c.req.valid('param');
      const job = await getJob(c.var.db, Number(jobId));
      if (!job || job.kind !== REPORT_JOB_KIND || !mayAccessJob(c, job)) throw notFound(`no report job ${jobId}`);
      return jobFileResponse(c, job, 'report', 'application/octet-stream');
    },
  );
