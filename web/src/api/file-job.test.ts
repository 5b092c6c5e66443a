import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Job, JobAccepted } from '@gridatlas/api/contract';
import { runFileJob } from './file-job';

const job = (state: Job['state'], progress: number, extra: Partial<Job> = {}): Job => ({ id: 9, state, progress, ...extra }) as Job;
const accepted: JobAccepted = { job: job('queued', 0), href: '/api/jobs/9' } as JobAccepted;

/** Answers the job's polls in turn and records every request (method and path). */
function serve(polls: Job[]): string[] {
  const asked: string[] = [];
  vi.stubGlobal('fetch', async (path: string, init?: RequestInit) => {
    asked.push(`${init?.method ?? 'GET'} ${path}`);
    init?.signal?.throwIfAborted();
    if (path.endsWith('/cancel'))
      return new Response(JSON.stringify(job('cancelled', 0)), { status: 200, headers: { 'content-type': 'application/json' } });
    const next = polls.shift();
    // Nothing more to say: hang as a slow server would, until the request is aborted.
    if (!next)
      return new Promise<Response>((_, reject) =>
        init?.signal?.addEventListener('abort', () => reject(init.signal!.reason), { once: true }),
      );
    return new Response(JSON.stringify(next), { status: 200, headers: { 'content-type': 'application/json' } });
  });
  return asked;
}

afterEach(() => vi.unstubAllGlobals());

describe('runFileJob', () => {
  it('follows the job with its progress and saves the file its result names', async () => {
    const asked = serve([
      job('running', 0.4),
      job('succeeded', 1, { result: { fileName: '350102-monthly-2026-10.pdf', href: '/api/reports/9/file', sections: 6 } }),
    ]);
    const progress: number[] = [];
    const saved: string[] = [];
    const result = await runFileJob(
      async () => accepted,
      new AbortController().signal,
      (p) => progress.push(p),
      (href, name) => saved.push(`${href} ${name}`),
    );
    expect(result).toMatchObject({ fileName: '350102-monthly-2026-10.pdf', sections: 6 });
    expect(saved).toEqual(['/api/reports/9/file 350102-monthly-2026-10.pdf']);
    expect(progress).toEqual([0, 0.4, 1]);
    expect(asked).toEqual(['GET /api/jobs/9', 'GET /api/jobs/9']);
  });

  it("rejects with the job's own error and saves nothing when it failed", async () => {
    serve([job('failed', 0.3, { error: { code: 'print_failed', message: 'Chromium did not start' } } as Partial<Job>)]);
    const save = vi.fn();
    await expect(
      runFileJob(
        async () => accepted,
        new AbortController().signal,
        () => undefined,
        save,
      ),
    ).rejects.toThrow('Chromium did not start');
    expect(save).not.toHaveBeenCalled();
  });

  it('rejects a job that succeeded without a file rather than downloading nothing', async () => {
    serve([job('succeeded', 1, { result: { sections: 0 } })]);
    const save = vi.fn();
    await expect(
      runFileJob(
        async () => accepted,
        new AbortController().signal,
        () => undefined,
        save,
      ),
    ).rejects.toThrow('job 9 finished without a file');
    expect(save).not.toHaveBeenCalled();
  });

  it('cancels the job on the server when the caller aborts, while following or while it was being queued', async () => {
    const asked = serve([job('running', 0.2)]);
    const following = new AbortController();
    const run = runFileJob(
      async () => accepted,
      following.signal,
      (p) => p > 0 && following.abort(),
      vi.fn(),
    );
    await expect(run).rejects.toBeDefined();
    expect(asked).toContain('POST /api/jobs/9/cancel');

    const queued = new AbortController();
    const asked2 = serve([]);
    const start = async () => {
      queued.abort();
      return accepted;
    };
    await expect(runFileJob(start, queued.signal, () => undefined, vi.fn())).rejects.toBeDefined();
    expect(asked2).toEqual(['POST /api/jobs/9/cancel']);
  });
});
