/**
 * Patrol coverage over days not worked out yet answers 202 with a job, on both databases; the
 * job works the days out in small statements to exactly what the one-statement
 * `patrol_days_ensure` keeps, and its result is the coverage the route then answers with 200.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import type { AppEnv } from '../http/app-env.js';
import { createJobRunner, type JobRunner } from '../jobs/job-runner.js';
import type { Job } from '../jobs/job.store.js';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../test/test-database.js';
import { createTestUsers, loginAs, type Client } from '../test/test-app.js';
import { registerPatrolJobs } from './patrol-coverage-job.js';

const PERIOD = 'from=2025-05-01&to=2025-07-01';
type Kept = { stretch_id: number; day: string }[];

describe.each(BACKENDS)('patrol coverage as a job on %s', (kind) => {
  let t: TestDatabase;
  let runner: JobRunner;
  let analyst: Client;
  let leader: Client;
  let app: OpenAPIHono<AppEnv>;

  const kept = async (): Promise<Kept> =>
    (
      await t.db.query<{ stretch_id: number; day: string }>(
        `SELECT stretch_id, to_char(day, 'YYYY-MM-DD') AS day FROM stretch_patrol_days ORDER BY 1, 2`,
      )
    ).rows;

  beforeAll(async () => {
    t = await openTestDatabase(kind, 'seeded');
    await createTestUsers(t);
    runner = createJobRunner({ db: t.db, pollMs: 20, progressEveryMs: 0 });
    registerPatrolJobs(runner);
    // Every not-worked-out track goes to a job here (the default lets a few through inline).
    app = createApp({ db: t.db, jobs: runner, inlinePatrolTracks: 0 });
    analyst = await loginAs(app, 'analyst');
    leader = await loginAs(app, 'leader-west');
  }, 60_000);
  afterAll(async () => {
    await runner?.stop();
    await t?.close();
  });

  it('answers 202 with a job, whose result is the coverage the route then answers', async () => {
    await t.db.exec('DELETE FROM stretch_patrol_days; DELETE FROM patrol_days_done');
    const accepted = await analyst.get<{ job: Job; href: string }>(`/api/analytics/patrols/coverage?${PERIOD}`);
    expect(accepted.status).toBe(202);
    expect(accepted.body.job).toMatchObject({ kind: 'patrols.coverage', state: 'queued', createdBy: 'analyst' });
    expect(accepted.headers.get('location')).toBe(accepted.body.href);
    await runner.idle();
    const job = await analyst.get<Job>(accepted.body.href);
    expect(job.body).toMatchObject({ state: 'succeeded', progress: 1, phase: 'coverage', error: null });
    const result = job.body.result as { from: string; to: string; reachM: number; rows: { code: string; coveredLengthM: number }[] };
    expect(result.rows.length).toBeGreaterThan(0);
    expect(result.rows.some((r) => r.coveredLengthM > 0)).toBe(true);
    // The days are kept now: the same request is answered at once, with the same rows.
    const now = await analyst.get<typeof result>(`/api/analytics/patrols/coverage?${PERIOD}`);
    expect(now.status).toBe(200);
    expect(now.body).toEqual(result);
  });

  it('keeps exactly what the one-statement patrol_days_ensure keeps', async () => {
    const byJob = await kept();
    expect(byJob.length).toBeGreaterThan(0);
    expect(
      (await t.db.query(`SELECT count(*)::int AS n FROM patrol_days_done WHERE day >= '2025-05-01' AND day < '2025-07-01'`)).rows,
    ).toEqual([{ n: 61 }]);
    await t.db.exec('DELETE FROM stretch_patrol_days; DELETE FROM patrol_days_done');
    await t.db.query(`SELECT patrol_days_ensure('610198', '2025-05-01', '2025-07-01')`);
    expect(await kept()).toEqual(byJob);
  });

  it("clips the job's result to the caller's jurisdiction; another user cannot read the job", async () => {
    await t.db.exec('DELETE FROM stretch_patrol_days; DELETE FROM patrol_days_done');
    const accepted = await leader.get<{ href: string }>(`/api/analytics/patrols/coverage?${PERIOD}`);
    expect(accepted.status).toBe(202);
    await runner.idle();
    const job = await leader.get<Job>(accepted.body.href);
    const rows = (job.body.result as { rows: { communityCode: string }[] }).rows;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.communityCode === '610198001001')).toBe(true);
    expect((await analyst.get(accepted.body.href)).status).toBe(404);
  });
});
