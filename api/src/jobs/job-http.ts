/**
 * The two HTTP ends of a job every feature shares: the `202` that hands a queued job to the
 * client (and wakes the runner), and the download of the file a finished job left in `uploads`
 * (its result's `uploadId`). Access checks stay with each route: who may read a job differs.
 */
import type { Context } from 'hono';
import { uploadContent } from '../districts/http/upload.store.js';
import type { AppEnv } from '../http/app-env.js';
import { notFound } from '../http/http-error.js';
import type { Job } from './job.store.js';

/** `202 Accepted` with the job, its poll address in `Location` and `href`; the runner is woken. */
export function jobAccepted(c: Context<AppEnv>, job: Job) {
  c.var.jobs.wake();
  c.header('Location', `/api/jobs/${job.id}`);
  return c.json({ job, href: `/api/jobs/${job.id}` }, 202);
}

/**
 * The file a succeeded job wrote, as an attachment (`contentType` from the job's result, else
 * `fallbackType`); 404 naming the job's state when there is none (not finished, failed, or the
 * file outlived its day). `label` names the job in the message ("report", "export" …).
 */
export async function jobFileResponse(c: Context<AppEnv>, job: Job, label: string, fallbackType: string): Promise<Response> {
  const result = job.result as { uploadId?: string; contentType?: string } | null;
  const content = job.state === 'succeeded' && result?.uploadId ? await uploadContent(c.var.db, result.uploadId) : null;
  if (!content)
    throw notFound(`${label} job ${job.id} has no file (${job.state}${job.state === 'succeeded' ? ': files are kept a day' : ''})`);
  return new Response(Buffer.from(content.bytes), {
    status: 200,
    headers: {
      'content-type': result?.contentType ?? fallbackType,
      'content-disposition': `attachment; filename="${encodeURIComponent(content.fileName)}"`,
    },
  });
}
