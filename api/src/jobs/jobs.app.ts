/**
 * `/api/jobs`: long work (district imports, exports, …) as a resource. `GET /` lists the jobs
 * the caller may see, `GET /:id` reads one (poll it for progress), `POST /:id/cancel` asks it to
 * stop (a queued job at once, a running one at its next step; nothing of it is written). A
 * caller sees the jobs they started, and jobs on districts inside their jurisdiction when
 * they may import districts.
 */
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { currentUser, isInsideJurisdiction } from '../auth/jurisdiction.js';
import { requireLogin } from '../auth/require-permission.js';
import type { AppEnv } from '../http/app-env.js';
import { notFound } from '../http/http-error.js';
import { createRouter } from '../http/router.js';
import { errorResponse } from '../http/error-response.js';
import { getJob, listJobs, requestCancel, type Job } from './job.store.js';
import { JobIdParam, JobListQuery, JobListSchema, JobSchema } from './jobs.schemas.js';

/** Whether the caller may see (and cancel) `job`. */
export function mayAccessJob(c: Context<AppEnv>, job: Job): boolean {
  const user = currentUser(c);
  if (job.createdBy === user.username) return true;
  if (!user.permissions.includes('districts.import') || job.districtCode === null) return false;
  return isInsideJurisdiction(user.jurisdictions, job.districtCode);
}

async function visibleJob(c: Context<AppEnv>, id: number): Promise<Job> {
  const job = await getJob(c.var.db, id);
  // Someone else's job reads as absent: its id says nothing.
  if (!job || !mayAccessJob(c, job)) throw notFound(`no job ${id}`);
  return job;
}

const json = { 'application/json': { schema: JobSchema } };

export const jobsApp = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['jobs'],
      summary: 'Jobs the caller started or may oversee, newest first (login)',
      middleware: [requireLogin()],
      request: { query: JobListQuery },
      responses: {
        200: { description: 'jobs', content: { 'application/json': { schema: JobListSchema } } },
        400: errorResponse('bad filter'),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const user = currentUser(c);
      const jobs = await listJobs(c.var.db, {
        ...(q.kind ? { kind: q.kind } : {}),
        ...(q.state ? { state: q.state } : {}),
        ...(q.district ? { districtCode: q.district } : {}),
        visibleTo: { username: user.username, jurisdictions: user.permissions.includes('districts.import') ? user.jurisdictions : [] },
        limit: q.limit,
      });
      return c.json({ jobs }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags: ['jobs'],
      summary: 'One job: state, progress, phase, result or error (login; own jobs or overseen districts)',
      middleware: [requireLogin()],
      request: { params: JobIdParam },
      responses: { 200: { description: 'the job', content: json }, 404: errorResponse('no such job (or not yours)') },
    }),
    async (c) => c.json(await visibleJob(c, Number(c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/cancel',
      tags: ['jobs'],
      summary: 'Ask a job to stop; 202 with the job (cancelled when it was queued, cancelRequested while it runs)',
      middleware: [requireLogin()],
      request: { params: JobIdParam },
      responses: { 202: { description: 'cancel asked for', content: json }, 404: errorResponse('no such job (or not yours)') },
    }),
    async (c) => {
      const job = await visibleJob(c, Number(c.req.valid('param').id));
      const now = (await requestCancel(c.var.db, job.id)) ?? job;
      c.var.jobs.wake();
      return c.json(now, 202);
    },
  );
