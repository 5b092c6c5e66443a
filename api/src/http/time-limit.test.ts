/**
 * Every request has a time limit, on both databases: a slow statement (pg_sleep) inside a
 * request is a 503 `time_limit` with advice a person can act on (PostgreSQL cancels it by
 * `statement_timeout`; the embedded database, which cannot interrupt a statement, answers at the
 * deadline while the statement runs on in its worker thread); a request queued behind long work
 * on the embedded database answers at its deadline instead of waiting; jobs run under their own,
 * longer limit.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import type { AppEnv } from './app-env.js';
import { createJob, getJob } from '../jobs/job.store.js';
import { createJobRunner, type JobRunner } from '../jobs/job-runner.js';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../test/test-database.js';
import { clientOf, createTestUsers, loginAs, type Client } from '../test/test-app.js';

const LIMIT_MS = 600;
type Err = { error: { code: string; message: string; details?: { limitMs: number } } };

describe.each(BACKENDS)('request time limit on %s', (kind) => {
  let t: TestDatabase;
  let app: OpenAPIHono<AppEnv>;
  let analyst: Client;
  let runner: JobRunner;

  beforeAll(async () => {
    t = await openTestDatabase(kind, 'seeded');
    await createTestUsers(t);
    runner = createJobRunner({ db: t.db, pollMs: 20, progressEveryMs: 0, statementTimeoutMs: 300 });
    runner.register('test.sleep', async (ctx) => {
      await ctx.db.query('SELECT pg_sleep($1)', [Number(ctx.job.params.seconds)]);
      return { slept: true };
    });
    await runner.start();
    app = createApp({ db: t.db, requestTimeoutMs: LIMIT_MS, jobs: runner });
    // A route that does what a too-large request does: one slow statement, then another.
    app.get('/api/test/slow', async (c) => {
      await c.var.db.query('SELECT pg_sleep($1)', [Number(c.req.query('seconds'))]);
      await c.var.db.query('SELECT 1');
      return c.json({ done: true });
    });
    // Logged in without the short limit: a freshly opened embedded database is slow at first.
    const session = await loginAs(createApp({ db: t.db, jobs: runner }), 'analyst');
    analyst = clientOf(app, session.cookie, session.csrf);
    await analyst.get('/api/auth/me');
  }, 60_000);
  afterAll(async () => {
    await runner?.stop();
    await t?.close();
  });

  it('answers a request whose statement runs past the limit with 503 time_limit and what to do', async () => {
    const res = await app.request('/api/test/slow?seconds=1.5');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    const body = (await res.json()) as Err;
    expect(body.error.code).toBe('time_limit');
    expect(body.error.details).toEqual({ limitMs: LIMIT_MS });
    expect(body.error.message).toMatch(/time limit of 0\.6 s/);
    expect(body.error.message).toMatch(/narrow the period or the area/);
    expect(body.error.message).toMatch(/job/);
    // The embedded database answers at the deadline while the statement still runs in its worker
    // (it cannot be cancelled); wait for it before the next test.
    await t.db.query('SELECT 1');
  });

  it('lets a request within the limit through', async () => {
    const res = await app.request('/api/test/slow?seconds=0.05');
    expect(res.status).toBe(200);
    expect((await analyst.get('/api/auth/me')).status).toBe(200);
  });

  it('on the embedded database, answers a request queued behind long work at its deadline', async () => {
    // Long work outside any request (a job's statement, the patrol warmer): not under the request limit.
    const long = t.db.query('SELECT pg_sleep(2)');
    const me = await analyst.get<Err>('/api/auth/me');
    await long;
    if (kind === 'embedded') {
      // One statement at a time: the request could not start before its deadline and is refused
      // at the deadline instead of running late.
      expect(me.status).toBe(503);
      expect(me.body.error.code).toBe('time_limit');
    } else {
      // PostgreSQL runs them side by side.
      expect(me.status).toBe(200);
    }
    expect((await analyst.get('/api/auth/me')).status).toBe(200);
  });

  it('runs jobs under their own limit, without the request deadline', async () => {
    // The job limit here is 300 ms per statement: a 0.1 s statement passes, a 1 s one does not on PostgreSQL.
    const quick = await createJob(t.db, { kind: 'test.sleep', params: { seconds: 0.1 } });
    const long = await createJob(t.db, { kind: 'test.sleep', params: { seconds: 1 } });
    await runner.idle();
    expect(await getJob(t.db, quick.id)).toMatchObject({ state: 'succeeded', result: { slept: true } });
    const done = await getJob(t.db, long.id);
    if (kind === 'postgresql') {
      expect(done).toMatchObject({ state: 'failed', error: { code: 'time_limit' } });
      expect(done!.error!.message).toMatch(/GRIDATLAS_JOB_STATEMENT_TIMEOUT_MS/);
    } else {
      // The embedded database cannot interrupt a statement; a job is never refused by a deadline.
      expect(done).toMatchObject({ state: 'succeeded' });
    }
  });
});
