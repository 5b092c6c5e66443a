/**
 * The `jobs` table (migration 0028): creating, reading, claiming and finishing jobs. Each call
 * is one short statement, so a job's bookkeeping never holds the embedded database (which runs
 * one statement at a time) for long.
 */
import type { Db } from '../db/db.types.js';

export const JOB_STATES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface JobError {
  /** `interrupted` (the process stopped), `cancelled`, `invalid_input` (exit 2's case), `rejected_rows` (exit 1's), `internal`. */
  code: string;
  message: string;
}

export interface Job {
  id: number;
  kind: string;
  districtCode: string | null;
  state: JobState;
  /** 0 … 1. */
  progress: number;
  phase: string | null;
  message: string | null;
  params: Record<string, unknown>;
  result: unknown;
  error: JobError | null;
  resumable: boolean;
  attempts: number;
  cancelRequested: boolean;
  createdBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  heartbeatAt: string | null;
}

const iso = (column: string, alias: string): string =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "${alias}"`;

export const JOB_COLUMNS = `id, kind, district_code::text AS "districtCode", state, progress, phase, message, params, result, error,
  resumable, attempts, cancel_requested AS "cancelRequested", created_by AS "createdBy",
  ${iso('created_at', 'createdAt')}, ${iso('started_at', 'startedAt')}, ${iso('finished_at', 'finishedAt')}, ${iso('heartbeat_at', 'heartbeatAt')}`;

export interface NewJob {
  kind: string;
  districtCode?: string | null;
  params?: Record<string, unknown>;
  createdBy?: string | null;
  resumable?: boolean;
}

export async function createJob(db: Db, job: NewJob): Promise<Job> {
  const r = await db.query<Job>(
    `INSERT INTO jobs (kind, district_code, params, created_by, resumable) VALUES ($1, $2, $3::jsonb, $4, $5)
     RETURNING ${JOB_COLUMNS}`,
    [job.kind, job.districtCode ?? null, JSON.stringify(job.params ?? {}), job.createdBy ?? null, job.resumable ?? false],
  );
  return r.rows[0]!;
}

export async function getJob(db: Db, id: number): Promise<Job | null> {
  const r = await db.query<Job>(`SELECT ${JOB_COLUMNS} FROM jobs WHERE id = $1`, [id]);
  return r.rows[0] ?? null;
}

export interface JobFilter {
  kind?: string;
  state?: JobState;
  districtCode?: string;
  /** Only jobs created by this user, or on a district inside these jurisdiction codes. */
  visibleTo?: { username: string; jurisdictions: readonly string[] };
  limit?: number;
}

export async function listJobs(db: Db, filter: JobFilter = {}): Promise<Job[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (p: string) => string, value: unknown): void => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (filter.kind) add((p) => `kind = ${p}`, filter.kind);
  if (filter.state) add((p) => `state = ${p}`, filter.state);
  if (filter.districtCode) add((p) => `district_code = ${p}`, filter.districtCode);
  if (filter.visibleTo) {
    params.push(filter.visibleTo.username, [...filter.visibleTo.jurisdictions]);
    const [u, j] = [`$${params.length - 1}`, `$${params.length}`];
    where.push(
      `(created_by = ${u} OR EXISTS (SELECT 1 FROM unnest(${j}::text[]) AS jur(jur_code) WHERE district_code LIKE jur.jur_code || '%'))`,
    );
  }
  params.push(Math.min(filter.limit ?? 50, 500));
  const r = await db.query<Job>(
    `SELECT ${JOB_COLUMNS} FROM jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${params.length}`,
    params,
  );
  return r.rows;
}

/**
 * Takes the oldest queued job of one of `kinds` for `runner`. SKIP LOCKED: two replicas
 * claiming at once take different jobs.
 */
export async function claimJob(db: Db, runner: string, kinds: readonly string[]): Promise<Job | null> {
  const r = await db.query<Job>(
    `UPDATE jobs SET state = 'running', started_at = now(), heartbeat_at = now(), runner = $1, attempts = attempts + 1
     WHERE id = (SELECT id FROM jobs WHERE state = 'queued' AND kind = ANY ($2::text[]) ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
     RETURNING ${JOB_COLUMNS}`,
    [runner, [...kinds]],
  );
  return r.rows[0] ?? null;
}

/** Progress and heartbeat; returns whether a cancel was asked for. */
export async function reportProgress(
  db: Db,
  id: number,
  runner: string,
  update: { progress?: number; phase?: string; message?: string },
): Promise<{ cancelRequested: boolean }> {
  const r = await db.query<{ cancel: boolean }>(
    `UPDATE jobs SET heartbeat_at = now(),
       progress = coalesce($3, progress), phase = coalesce($4, phase), message = coalesce($5, message)
     WHERE id = $1 AND runner = $2 AND state = 'running' RETURNING cancel_requested AS cancel`,
    [
      id,
      runner,
      update.progress === undefined ? null : Math.max(0, Math.min(1, update.progress)),
      update.phase ?? null,
      update.message ?? null,
    ],
  );
  // A job no longer ours (failed by a sweep after a long stall) counts as cancelled.
  return { cancelRequested: r.rows[0]?.cancel ?? true };
}

export async function finishJob(
  db: Db,
  id: number,
  runner: string,
  outcome: { state: 'succeeded'; result: unknown } | { state: 'failed' | 'cancelled'; error: JobError; result?: unknown },
): Promise<void> {
  await db.query(
    `UPDATE jobs SET state = $3, finished_at = now(), heartbeat_at = now(), result = $4::jsonb, error = $5::jsonb,
       progress = CASE WHEN $3 = 'succeeded' THEN 1 ELSE progress END
     WHERE id = $1 AND runner = $2 AND state = 'running'`,
    [
      id,
      runner,
      outcome.state,
      outcome.result === undefined ? null : JSON.stringify(outcome.result),
      outcome.state === 'succeeded' ? null : JSON.stringify(outcome.error),
    ],
  );
}

/**
 * Asks a job to stop: a queued one is cancelled at once, a running one at its next step.
 * Returns the job as it is now, or null when there is none.
 */
export async function requestCancel(db: Db, id: number): Promise<Job | null> {
  await db.query(
    `UPDATE jobs SET
       cancel_requested = state IN ('queued', 'running'),
       state = CASE WHEN state = 'queued' THEN 'cancelled' ELSE state END,
       finished_at = CASE WHEN state = 'queued' THEN now() ELSE finished_at END,
       error = CASE WHEN state = 'queued' THEN '{"code": "cancelled", "message": "cancelled before it started"}'::jsonb ELSE error END
     WHERE id = $1`,
    [id],
  );
  return getJob(db, id);
}

/**
 * Jobs left running by a process that stopped (no heartbeat for `staleSeconds`): resumable
 * ones go back to the queue, the others fail as interrupted. Their work wrote nothing that
 * stays, because every job writes its result in one final transaction.
 */
export async function sweepStaleJobs(db: Db, staleSeconds: number): Promise<{ requeued: number; failed: number }> {
  return sweep(db, 'heartbeat_at < now() - make_interval(secs => $1)', [staleSeconds]);
}

/**
 * Jobs whose runner is one of `runners` (processes known to be gone, such as a server on this
 * machine killed with kill -9): swept at once, without waiting for their heartbeat to age.
 */
export async function sweepJobsOfRunners(db: Db, runners: readonly string[]): Promise<{ requeued: number; failed: number }> {
  if (runners.length === 0) return { requeued: 0, failed: 0 };
  return sweep(db, 'runner = ANY ($1::text[])', [[...runners]]);
}

/** Runners of jobs still marked running, for the caller to check which processes are gone. */
export async function runningRunners(db: Db): Promise<string[]> {
  const r = await db.query<{ runner: string }>(`SELECT DISTINCT runner FROM jobs WHERE state = 'running' AND runner IS NOT NULL`);
  return r.rows.map((x) => x.runner);
}

async function sweep(db: Db, condition: string, params: unknown[]): Promise<{ requeued: number; failed: number }> {
  const r = await db.query<{ state: JobState }>(
    `UPDATE jobs SET
       state = CASE WHEN resumable AND NOT cancel_requested AND attempts < 3 THEN 'queued' ELSE (CASE WHEN cancel_requested THEN 'cancelled' ELSE 'failed' END) END,
       runner = NULL,
       finished_at = CASE WHEN resumable AND NOT cancel_requested AND attempts < 3 THEN NULL ELSE now() END,
       error = CASE WHEN resumable AND NOT cancel_requested AND attempts < 3 THEN NULL ELSE jsonb_build_object('code', 'interrupted',
         'message', 'the server stopped while this job ran; nothing of it was written: start it again') END
     WHERE state = 'running' AND ${condition}
     RETURNING state`,
    params,
  );
  return {
    requeued: r.rows.filter((x) => x.state === 'queued').length,
    failed: r.rows.filter((x) => x.state !== 'queued').length,
  };
}
