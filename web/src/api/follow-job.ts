/**
 * Follows a job of the API (`/api/jobs/:id`, issue 15): long work answers `202 { job, href }`
 * instead of its result; this polls the job for progress until it has a result, and asks the
 * server to cancel it when the caller stops waiting (the signal aborts: the period changed, the
 * view closed).
 */
import type { Job, JobAccepted } from '@gridatlas/api/contract';
import { ApiError, getJson, requestJson } from './api-client';

export const isJobAccepted = (body: unknown): body is JobAccepted =>
  typeof body === 'object' && body !== null && 'job' in body && 'href' in body && typeof (body as JobAccepted).href === 'string';

const POLL_MS = 500;

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason ?? new DOMException('aborted', 'AbortError'));
      },
      { once: true },
    );
  });

/**
 * Polls a job resource until it ends, reporting every state; resolves with the last one. A poll
 * the server answers 503 (busy: the embedded database is working a long statement and the poll's
 * time limit passed before its turn) is not the job failing: wait as `Retry-After` says and poll
 * again. One loop for every job the web app follows (imports, exports, coverage).
 */
export async function pollJob<J extends { state: string }>(
  href: string,
  signal: AbortSignal,
  onState?: (job: J) => void,
  first?: J,
): Promise<J> {
  let job = first;
  for (;;) {
    if (job) {
      onState?.(job);
      if (job.state !== 'queued' && job.state !== 'running') return job;
      await sleep(POLL_MS, signal);
    }
    job = undefined;
    while (!job) {
      try {
        job = await getJson<J>(href, signal);
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 503)) throw error;
        await sleep((error.retryAfter ?? 2) * 1000, signal);
      }
    }
  }
}

/** The job's result once it succeeded; `onProgress` hears every poll. Throws the job's error when it failed. */
export async function followJob<T>(accepted: JobAccepted, signal: AbortSignal, onProgress?: (job: Job) => void): Promise<T> {
  const cancel = (): void => {
    void requestJson(`${accepted.href}/cancel`, { method: 'POST' }).catch(() => undefined);
  };
  signal.addEventListener('abort', cancel, { once: true });
  try {
    const job = await pollJob<Job>(accepted.href, signal, onProgress, accepted.job);
    if (job.state === 'succeeded') return job.result as T;
    throw new ApiError(500, job.error?.message ?? job.state, null, job.error);
  } finally {
    signal.removeEventListener('abort', cancel);
  }
}
