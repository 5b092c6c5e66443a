/**
 * The job runner on both databases: a job runs to its result with progress, a cancel stops a
 * running job before its final write, a handler's failure is stored with its code, and a job
 * left running by a process that died is failed (or re-queued when resumable) at the next start.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../test/test-database.js';
import { runAsWork, currentWork } from '../db/work-class.js';
import { createJob, getJob, requestCancel } from './job.store.js';
import { createJobRunner, JobFailure, type JobRunner } from './job-runner.js';

describe.each(BACKENDS)('job runner (%s)', (kind) => {
  let t: TestDatabase;
  let runner: JobRunner;
  let release: () => void = () => undefined;
  beforeAll(async () => {
    t = await openTestDatabase(kind, 'seeded');
    await t.db.exec('CREATE TABLE job_test_writes (job bigint, n integer)');
    runner = createJobRunner({ db: t.db, pollMs: 20, progressEveryMs: 0 });
    runner.register('test.count', async (ctx) => {
      const n = Number(ctx.job.params.n);
      for (let i = 0; i < n; i++) await ctx.progress(i / n, i === 0 ? 'count' : undefined);
      await ctx.db.transaction((tx) => tx.query('INSERT INTO job_test_writes VALUES ($1, $2)', [ctx.job.id, n]));
      return { counted: n };
    });
    runner.register('test.wait', async (ctx) => {
      await ctx.progress(0, 'wait');
      await new Promise<void>((resolve) => (release = resolve));
      await ctx.progress(0.5);
      await ctx.db.query('INSERT INTO job_test_writes VALUES ($1, 0)', [ctx.job.id]);
      return null;
    });
    runner.register('test.class', async () => currentWork());
    runner.register('test.fail', async () => {
      throw new JobFailure('rejected_rows', '3 rows were rejected', { rejected: 3 });
    });
    await runner.start();
  }, 60_000);
  afterAll(async () => {
    await runner?.stop();
    await t?.close();
  });

  it('runs a job to its result, with progress and a phase', async () => {
    const job = await createJob(t.db, { kind: 'test.count', params: { n: 5 }, createdBy: 'alice' });
    await runner.idle();
    const done = await getJob(t.db, job.id);
    expect(done).toMatchObject({ state: 'succeeded', progress: 1, phase: 'count', result: { counted: 5 }, error: null, attempts: 1 });
    expect(done!.finishedAt).not.toBeNull();
    expect((await t.db.query('SELECT n FROM job_test_writes WHERE job = $1', [job.id])).rows).toEqual([{ n: 5 }]);
  });

  it('cancels a running job at its next step; it writes nothing', async () => {
    const job = await createJob(t.db, { kind: 'test.wait' });
    runner.wake();
    for (let i = 0; i < 200 && (await getJob(t.db, job.id))!.state !== 'running'; i++) await new Promise((r) => setTimeout(r, 20));
    const asked = await requestCancel(t.db, job.id);
    expect(asked).toMatchObject({ state: 'running', cancelRequested: true });
    release();
    await runner.idle();
    expect(await getJob(t.db, job.id)).toMatchObject({ state: 'cancelled', error: { code: 'cancelled' } });
    expect((await t.db.query('SELECT * FROM job_test_writes WHERE job = $1', [job.id])).rows).toEqual([]);
  });

  it('cancels a queued job at once', async () => {
    const job = await createJob(t.db, { kind: 'test.unknown' });
    expect(await requestCancel(t.db, job.id)).toMatchObject({ state: 'cancelled', cancelRequested: true, error: { code: 'cancelled' } });
  });

  it("runs a job as job work, even when a request's handling woke the runner (its statements wait for requests' on the embedded database)", async () => {
    const job = await createJob(t.db, { kind: 'test.class' });
    // As a route queueing a job does: the wake-up (and its timer) begins inside the request's context.
    await runAsWork({ class: 'interactive', client: 'someone' }, async () => {
      runner.wake();
      await runner.idle();
    });
    expect((await getJob(t.db, job.id))!.result).toEqual({ class: 'job' });
  });

  it('stores a handler failure with its code and partial result', async () => {
    const job = await createJob(t.db, { kind: 'test.fail' });
    await runner.idle();
    expect(await getJob(t.db, job.id)).toMatchObject({
      state: 'failed',
      error: { code: 'rejected_rows', message: '3 rows were rejected' },
      result: { rejected: 3 },
    });
  });

  it('fails an orphaned running job at the next start, and re-queues a resumable one', async () => {
    // As a killed process leaves them: running, with a heartbeat that stopped.
    const orphan = await createJob(t.db, { kind: 'test.count', params: { n: 2 } });
    const resumable = await createJob(t.db, { kind: 'test.count', params: { n: 3 }, resumable: true });
    await t.db.query(
      `UPDATE jobs SET state = 'running', runner = 'dead', attempts = 1, started_at = now() - interval '10 minutes', heartbeat_at = now() - interval '10 minutes' WHERE id = ANY ($1)`,
      [[orphan.id, resumable.id]],
    );
    const next = createJobRunner({ db: t.db, pollMs: 20, staleSeconds: 60 });
    next.register('test.count', async (ctx) => ({ counted: Number(ctx.job.params.n) }));
    await next.start();
    await next.idle();
    await next.stop();
    expect(await getJob(t.db, orphan.id)).toMatchObject({ state: 'failed', error: { code: 'interrupted' } });
    // Either live runner may take the re-queued job; it runs once.
    await runner.idle();
    expect(await getJob(t.db, resumable.id)).toMatchObject({ state: 'succeeded', attempts: 2, result: { counted: 3 } });
    expect((await t.db.query('SELECT * FROM job_test_writes WHERE job = $1', [orphan.id])).rows).toEqual([]);
  });
});
