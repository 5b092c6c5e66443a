import { describe, expect, it } from 'vitest';
import { pdfPageCount, pdfText } from '../print/pdf-tools.fixture.js';
import { BACKENDS } from '../test/test-database.js';
import { FAST_HASH, TEST_PASSWORD, useTestApp, type Client } from '../test/test-app.js';
import { createUser } from '../users/create-user.js';
import { TINY_COMMUNITY_EAST, TINY_COMMUNITY_WEST } from '../test/tiny-district.fixture.js';

interface JobBody {
  id: number;
  state: string;
  progress: number;
  result: { pages: number; gridCodes: string[]; href: string; contentType: string } | null;
  error: { code: string; message: string } | null;
}

async function finished(c: Client, id: number): Promise<JobBody> {
  for (let i = 0; i < 600; i++) {
    const { body } = await c.get<JobBody>(`/api/jobs/${id}`);
    if (['succeeded', 'failed', 'cancelled'].includes(body.state)) return body;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`job ${id} did not finish`);
}

describe.each(BACKENDS)('POST /api/reports/notice-boards on %s', (kind) => {
  const ctx = useTestApp(kind);

  it('queues a community’s boards, reports progress, and serves the PDF (one page per grid) to its maker', async () => {
    const leader = await ctx.login('leader-west');
    const post = await leader.post<{ job: { id: number }; href: string }>('/api/reports/notice-boards', {
      region: TINY_COMMUNITY_WEST,
      size: 'a4',
    });
    expect(post.status).toBe(202);
    expect(post.headers.get('location')).toBe(`/api/jobs/${post.body.job.id}`);
    const job = await finished(leader, post.body.job.id);
    expect(job.error).toBeNull();
    expect(job.state).toBe('succeeded');
    expect(job.progress).toBe(1);
    expect(job.result).toMatchObject({ pages: 2, gridCodes: ['610198001001001', '610198001001002'], contentType: 'application/pdf' });
    const file = await leader.request(job.result!.href);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    const pdf = new Uint8Array(await file.arrayBuffer());
    expect(pdfPageCount(pdf)).toBe(2);
    const text = pdfText(pdf);
    expect(text).toContain('西一网格');
    expect(text).toContain('东至西巷');
    // Someone of another jurisdiction does not even learn the job exists.
    await createUser(
      ctx.t.db,
      { username: 'analyst-east', password: TEST_PASSWORD, roles: ['analyst'], jurisdictions: [TINY_COMMUNITY_EAST] },
      { hashParams: FAST_HASH },
    );
    const eastAnalyst = await ctx.login('analyst-east');
    expect((await eastAnalyst.request(job.result!.href)).status).toBe(404);
  });

  it('refuses a region outside the jurisdiction (403), a malformed code (400), and fails a code naming nothing', async () => {
    const planner = await ctx.login('planner-west');
    expect((await planner.post('/api/reports/notice-boards', { region: TINY_COMMUNITY_EAST })).status).toBe(403);
    expect((await planner.post('/api/reports/notice-boards', { region: '610198001' })).status).toBe(400);
    expect((await planner.post('/api/reports/notice-boards', { region: TINY_COMMUNITY_WEST, size: 'a5' })).status).toBe(400);
    const post = await planner.post<{ job: { id: number } }>('/api/reports/notice-boards', { region: `${TINY_COMMUNITY_WEST}999` });
    expect(post.status).toBe(202);
    const job = await finished(planner, post.body.job.id);
    expect(job.state).toBe('failed');
    expect(job.error).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/no current grid has the code 610198001001999/),
    });
    const worker = await ctx.login('worker-west');
    expect((await worker.post('/api/reports/notice-boards', { region: TINY_COMMUNITY_WEST })).status).toBe(403);
  });
});
