/**
 * Runs queued jobs inside the API process, one at a time: the embedded database runs one
 * statement at a time, so two jobs side by side would only take turns, and requests must still
 * get through between a job's statements. A handler works in small steps and calls
 * `ctx.progress()` between them: that writes progress and a heartbeat (at most every
 * `progressEveryMs`) and throws `JobCancelled` once a cancel was asked for. Whatever a handler
 * writes for good, it writes in one short final transaction, so a failed, cancelled or killed
 * job leaves the database as it was.
 *
 * At start (and every poll) jobs whose process stopped are swept: failed as interrupted, or
 * queued again when resumable.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { limitDb, type Db } from '../db/db.types.js';
import { runAsWork } from '../db/work-class.js';
import { DEFAULT_JOB_STATEMENT_TIMEOUT_MS, isStatementTimeout, TimeLimitError } from '../db/time-limit.js';
import { silentLogger, type Logger } from '../log.js';
import {
  claimJob,
  finishJob,
  reportProgress,
  runningRunners,
  sweepJobsOfRunners,
  sweepStaleJobs,
  type Job,
  type JobError,
} from './job.store.js';

/** Thrown by `ctx.progress()` when the job was asked to stop. */
export class JobCancelled extends Error {
  constructor() {
    super('the job was cancelled');
  }
}

/** A failure the handler explains (bad input, rejected rows): stored as the job's error with its result. */
export class JobFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly result?: unknown,
  ) {
    super(message);
  }
}

export interface JobContext {
  job: Job;
  db: Db;
  /** Aborted when a cancel is seen or the runner stops: pass it to long reads. */
  signal: AbortSignal;
  /** Progress (0 … 1) with an optional phase; throws `JobCancelled` once cancel was asked. */
  progress(fraction: number, phase?: string, message?: string): Promise<void>;
  log: Logger;
}

export type JobHandler = (ctx: JobContext) => Promise<unknown>;

export interface JobRunnerOptions {
  db: Db;
  log?: Logger;
  /** Idle poll interval (default 1000 ms); `wake()` starts at once. */
  pollMs?: number;
  /** Heartbeat age after which a running job counts as orphaned (default 60 s; 0 at start on the embedded database). */
  staleSeconds?: number;
  /** Least time between two progress writes (default 250 ms). */
  progressEveryMs?: number;
  /** Longest one statement of a job may run on PostgreSQL (default 10 min; 0: no limit). */
  statementTimeoutMs?: number;
}

export interface JobRunner {
  readonly id: string;
  register(kind: string, handler: JobHandler): void;
  /** Sweeps orphaned jobs and starts polling; idempotent. */
  start(): Promise<void>;
  /** Look for work now (after a job was queued); starts the runner when it was not. */
  wake(): void;
  /** Resolves when the queue has no job of a registered kind left and nothing runs (tests, the CLI). */
  idle(): Promise<void>;
  /** Stops taking jobs; a running job is aborted and failed as interrupted. */
  stop(): Promise<void>;
}

export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { db } = options;
  const log = options.log ?? silentLogger;
  const pollMs = options.pollMs ?? 1000;
  const staleSeconds = options.staleSeconds ?? 60;
  const progressEveryMs = options.progressEveryMs ?? 250;
  const statementTimeoutMs = options.statementTimeoutMs ?? DEFAULT_JOB_STATEMENT_TIMEOUT_MS;
  // Handlers work under the job limit; the runner's own bookkeeping uses `db` as it is.
  const jobDb = statementTimeoutMs > 0 ? limitDb(db, { statementTimeoutMs, limitMs: statementTimeoutMs }) : db;
  // Host and pid in the id: a restarted server recognises the jobs of a dead process on its own machine.
  const id = `${hostname()}/${process.pid}/${randomBytes(4).toString('hex')}`;
  const handlers = new Map<string, JobHandler>();
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let loop: Promise<void> | null = null;
  let current: AbortController | null = null;
  let idleWaiters: (() => void)[] = [];
  let started: Promise<void> | null = null;

  async function runOne(job: Job): Promise<void> {
    const handler = handlers.get(job.kind)!;
    const abort = new AbortController();
    current = abort;
    let lastWrite = 0;
    const ctx: JobContext = {
      job,
      db: jobDb,
      signal: abort.signal,
      log,
      async progress(fraction, phase, message) {
        if (abort.signal.aborted) throw new JobCancelled();
        const now = Date.now();
        if (now - lastWrite < progressEveryMs && phase === undefined) return;
        lastWrite = now;
        const { cancelRequested } = await reportProgress(db, job.id, id, {
          progress: fraction,
          ...(phase ? { phase } : {}),
          ...(message ? { message } : {}),
        });
        if (cancelRequested) {
          abort.abort();
          throw new JobCancelled();
        }
      },
    };
    const t0 = performance.now();
    try {
      const result = await handler(ctx);
      await finishJob(db, job.id, id, { state: 'succeeded', result: result ?? null });
      log.info('job_succeeded', { job: job.id, kind: job.kind, ms: Math.round(performance.now() - t0) });
    } catch (error) {
      const outcome = failureOf(error, abort.signal.aborted, stopped);
      await finishJob(db, job.id, id, outcome).catch((e: unknown) =>
        log.error('job_finish_failed', { job: job.id, message: (e as Error).message }),
      );
      const fields = { job: job.id, kind: job.kind, code: outcome.error.code, ms: Math.round(performance.now() - t0) };
      if (outcome.error.code === 'internal') log.error('job_failed', { ...fields, message: (error as Error).message?.slice(0, 300) });
      else log.info(`job_${outcome.state}`, fields);
    } finally {
      current = null;
    }
  }

  async function drain(): Promise<void> {
    for (;;) {
      if (stopped) return;
      await sweepStaleJobs(db, staleSeconds).catch(() => undefined);
      const job = handlers.size > 0 ? await claimJob(db, id, [...handlers.keys()]) : null;
      if (!job) break;
      await runOne(job);
    }
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const w of waiters) w();
  }

  function schedule(delay: number): void {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      if (loop) return schedule(pollMs);
      // Every statement of the loop — jobs' and the runner's own — takes its turn with requests' first come first served, ahead of background work, on the embedded database (db/statement-turns.ts).
      loop = runAsWork({ class: 'job' }, drain)
        .catch((error: unknown) => log.error('job_runner_failed', { message: (error as Error).message }))
        .finally(() => {
          loop = null;
          schedule(pollMs);
        });
    }, delay);
    timer.unref?.();
  }

  return {
    id,
    register(kind, handler) {
      handlers.set(kind, handler);
    },
    start() {
      started ??= (async () => {
        // On the embedded database this process is the only one: whatever still runs is orphaned.
        const swept = await sweepStaleJobs(db, db.kind === 'embedded' ? 0 : staleSeconds);
        // A server of this machine that died (kill -9, power cut) left its jobs running: swept
        // now rather than once their heartbeat is `staleSeconds` old (other hosts' jobs wait).
        const dead = await sweepJobsOfRunners(db, (await runningRunners(db)).filter(isDeadLocalRunner));
        if (swept.failed + swept.requeued + dead.failed + dead.requeued > 0) {
          log.warn('jobs_swept', { failed: swept.failed + dead.failed, requeued: swept.requeued + dead.requeued });
        }
        schedule(0);
      })();
      return started;
    },
    wake() {
      if (!started) void this.start();
      else if (!loop) schedule(0);
    },
    idle() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        this.wake();
      });
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      current?.abort();
      await loop;
      for (const w of idleWaiters) w();
    },
  };
}

/** A runner id of this host whose process no longer exists. */
function isDeadLocalRunner(runner: string): boolean {
  const [host, pid] = runner.split('/');
  if (host !== hostname() || !pid || !/^\d+$/.test(pid) || Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function failureOf(
  error: unknown,
  aborted: boolean,
  stopping: boolean,
): { state: 'failed' | 'cancelled'; error: JobError; result?: unknown } {
  if (stopping && aborted)
    return {
      state: 'failed',
      error: { code: 'interrupted', message: 'the server stopped while this job ran; nothing of it was written: start it again' },
    };
  if (error instanceof JobCancelled || aborted) {
    return { state: 'cancelled', error: { code: 'cancelled', message: 'cancelled: nothing of this job was written' } };
  }
  if (error instanceof TimeLimitError || isStatementTimeout(error)) {
    return {
      state: 'failed',
      error: {
        code: 'time_limit',
        message:
          'a statement of this job ran past the limit for jobs (GRIDATLAS_JOB_STATEMENT_TIMEOUT_MS); nothing of the unfinished step was written: narrow the job or raise the limit',
      },
    };
  }
  if (error instanceof JobFailure)
    return {
      state: 'failed',
      error: { code: error.code, message: error.message },
      ...(error.result !== undefined ? { result: error.result } : {}),
    };
  return {
    state: 'failed',
    error: {
      code: 'internal',
      message: 'the job failed with an internal error; nothing of it was written (the server log has the details)',
    },
  };
}
