/**
 * Dead corners over days not worked out yet answer 202 with a `patrols.dead-corners` job, on
 * both databases, like patrol coverage: the job works the window's days out in small statements
 * and its result is what the route answers with 200 once the days are kept — and what the
 * one-statement path inside the request gives.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import type { AppEnv } from '../http/app-env.js';
import { createJobRunner, type JobRunner } from '../jobs/job-runner.js';
import type { Job } from '../jobs/job.store.js';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../test/test-database.js';
import { createTestUsers, loginAs, type Client } from '../test/test-app.js';
import { registerDeadCornersJob } from './patrol-dead-corners-job.js';

const PATH = '/api/analytics/patrols/dead-corners?days=30';
interface DeadCorners {
  asOf: string;
  days: number;
  truncated: boolean;
  features: { properties: { streetId: number; lastPatrolled: string | null } }[];
}

describe.each(BACKENDS)('dead corners as a job on %s', (kind) => {
  let t: TestDatabase;
  let runner: JobRunner;
  let analyst: Client;
  let leader: Client;
  let inline: Client;

  const forget = (): Promise<void> => t.db.exec('DELETE FROM stretch_patrol_days; DELETE FROM patrol_days_done');

  beforeAll(async () => {
    t = await openTestDatabase(kind, 'seeded');
    await createTestUsers(t);
    runner = createJobRunner({ db: t.db, pollMs: 20, progressEveryMs: 0 });
    registerDeadCornersJob(runner);
    // Every not-worked-out track goes to a job here; the second app works any number out inline.
    const app: OpenAPIHono<AppEnv> = createApp({ db: t.db, jobs: runner, inlinePatrolTracks: 0 });
    analyst = await loginAs(app, 'analyst');
    leader = await loginAs(app, 'leader-west');
    inline = await loginAs(createApp({ db: t.db, jobs: runner, inlinePatrolTracks: Number.MAX_SAFE_INTEGER }), 'analyst');
  }, 60_000);
  afterAll(async () => {
    await runner?.stop();
    await t?.close();
  });

  it('answers 202 with a job whose result is what the route answers once the days are kept, and what the inline path gives', async () => {
    await forget();
    const accepted = await analyst.get<{ job: Job; href: string }>(PATH);
    expect(accepted.status).toBe(202);
    expect(accepted.body.job).toMatchObject({ kind: 'patrols.dead-corners', state: 'queued', createdBy: 'analyst' });
    expect(accepted.headers.get('location')).toBe(accepted.body.href);
    await runner.idle();
    const job = await analyst.get<Job>(accepted.body.href);
    expect(job.body).toMatchObject({ state: 'succeeded', progress: 1, phase: 'dead_corners', error: null });
    const result = job.body.result as DeadCorners;
    expect(result).toMatchObject({ type: 'FeatureCollection', days: 30, truncated: false });
    expect(result.features.length).toBeGreaterThan(0);
    const kept = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM patrol_days_done')).rows[0]!.n;
    expect(kept).toBeGreaterThanOrEqual(60);
    const now = await analyst.get<DeadCorners>(PATH);
    expect(now.status).toBe(200);
    expect(now.body).toEqual(result);
    await forget();
    const once = await inline.get<DeadCorners>(PATH);
    expect(once.status).toBe(200);
    expect(once.body).toEqual(result);
  });

  it("clips the job's result to the caller's jurisdiction; another user cannot read the job", async () => {
    await forget();
    const all = await inline.get<DeadCorners>(PATH);
    await forget();
    const accepted = await leader.get<{ href: string }>(PATH);
    expect(accepted.status).toBe(202);
    await runner.idle();
    const job = await leader.get<Job>(accepted.body.href);
    const mine = (job.body.result as DeadCorners).features;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.length).toBeLessThan(all.body.features.length);
    expect((await analyst.get(accepted.body.href)).status).toBe(404);
  });
});
