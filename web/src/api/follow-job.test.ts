import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './api-client';
import { pollJob } from './follow-job';

/** Answers the polls in turn, as the server would: a status, a body and headers each. */
function serve(answers: { status: number; body: unknown; headers?: Record<string, string> }[]): string[] {
  const asked: string[] = [];
  vi.stubGlobal('fetch', async (path: string) => {
    asked.push(path);
    const a = answers.shift()!;
    return new Response(JSON.stringify(a.body), { status: a.status, headers: { 'content-type': 'application/json', ...a.headers } });
  });
  return asked;
}

afterEach(() => vi.unstubAllGlobals());

describe('pollJob', () => {
  it('waits out a 503 (the server busy with a long statement) and goes on polling to the end', async () => {
    const asked = serve([
      { status: 200, body: { state: 'running', progress: 0.5 } },
      { status: 503, body: { error: { code: 'time_limit', message: 'busy' } }, headers: { 'Retry-After': '0.01' } },
      { status: 200, body: { state: 'succeeded', progress: 1 } },
    ]);
    const seen: string[] = [];
    const job = await pollJob<{ state: string }>('/api/jobs/7', new AbortController().signal, (j) => seen.push(j.state));
    expect(job.state).toBe('succeeded');
    expect(seen).toEqual(['running', 'succeeded']);
    expect(asked).toEqual(['/api/jobs/7', '/api/jobs/7', '/api/jobs/7']);
  });

  it('gives up on any other error, with the server’s message', async () => {
    serve([{ status: 404, body: { error: { code: 'not_found', message: 'no job 7' } } }]);
    const polled = pollJob('/api/jobs/7', new AbortController().signal);
    await expect(polled).rejects.toBeInstanceOf(ApiError);
    await expect(polled).rejects.toThrow('no job 7');
  });
});
