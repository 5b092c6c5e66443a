/**
 * Patrol coverage over days not worked out yet, as a job (issue 15). Working out a day
 * (`patrol_days_ensure` of migration 0017) tests every track of the day against the streets,
 * long work on the embedded database, which runs one statement at a time — a month in one
 * statement kept every other request waiting (BENCHMARKS.md). The job works the days out a few tracks per statement (`patrol_days_of`
 * over a batch of track ids), each statement its own short transaction, so other requests' statements
 * take their turns in between; then it reads the coverage from the kept days.
 */
import type { Db } from '../db/db.types.js';
import type { JobContext, JobRunner } from '../jobs/job-runner.js';
import { PATROL_REACH_M, patrolCoverage, type CoverageRowValue } from './patrol-coverage.js';
import type { Period } from './patrols-period.js';

export const PATROL_COVERAGE_JOB = 'patrols.coverage';

/**
 * Tracks tested per statement. The embedded database runs one statement at a time, so a short
 * request waits for the job's statement under way: 4 tracks (≈ 25 ms on an idle machine for the
 * demo's tracks; 16 took ≈ 0.1 s) keep that wait short. PostgreSQL runs requests beside the job,
 * so there fewer, larger statements cost less.
 */
export function tracksPerStatement(db: Db): number {
  return db.kind === 'embedded' ? 4 : 16;
}

/** Missing days whose tracks number at most this are worked out inside the request. */
export const DEFAULT_INLINE_PATROL_TRACKS = 24;

export interface PatrolCoverageJobParams {
  districtCode: string;
  regionCode: string;
  jurisdictions: string[];
  /** Epoch ms, `to` exclusive. */
  from: number;
  to: number;
  /** The whole Asia/Shanghai days of the period, `[from, to)` as `YYYY-MM-DD`. */
  days: [string, string];
}

export interface PatrolCoverageResult {
  from: string;
  to: string;
  reachM: number;
  rows: CoverageRowValue[];
}

// Tracks touching an Asia/Shanghai day, as patrol_days_ensure picks them.
const TRACKS_OF_DAY = `t.district_code = $1
  AND t.started_at < (($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
  AND t.ended_at >= ($2::date::timestamp AT TIME ZONE 'Asia/Shanghai')`;

/** The days of `[d0, d1)` not worked out yet, newest first, with the tracks each has to test. */
export async function missingPatrolDays(db: Db, districtCode: string, d0: string, d1: string): Promise<{ day: string; tracks: number }[]> {
  const r = await db.query<{ day: string; tracks: number }>(
    `SELECT to_char(m.day, 'YYYY-MM-DD') AS day,
       (SELECT count(*) FROM patrol_tracks t
        WHERE t.district_code = $1 AND t.started_at < ((m.day + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
          AND t.ended_at >= (m.day::timestamp AT TIME ZONE 'Asia/Shanghai'))::int AS tracks
     FROM (SELECT d.day::date AS day FROM generate_series($2::date, $3::date - 1, interval '1 day') AS d(day)) m
     WHERE NOT EXISTS (SELECT 1 FROM patrol_days_done p WHERE p.district_code = $1 AND p.day = m.day)
     ORDER BY m.day DESC`,
    [districtCode, d0, d1],
  );
  return r.rows;
}

/**
 * Works out one day in statements of `tracksPerStatement(db)` tracks and marks it done only if
 * its tracks did not change meanwhile (an import forgets the days it touches, and what this
 * wrote before the forget went with them): then the day is worked out again. `step` is called
 * after each statement with the tracks it tested (progress, cancel).
 */
export async function workOutPatrolDay(db: Db, districtCode: string, day: string, step: (tracks: number) => Promise<void>): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const ids = (
      await db.query<{ id: number }>(`SELECT t.id FROM patrol_tracks t WHERE ${TRACKS_OF_DAY} ORDER BY t.id`, [districtCode, day])
    ).rows.map((r) => r.id);
    const perStatement = tracksPerStatement(db);
    for (let i = 0; i < ids.length; i += perStatement) {
      const batch = ids.slice(i, i + perStatement);
      await db.query(
        `INSERT INTO stretch_patrol_days (stretch_id, district_code, day)
         SELECT x.stretch_id, x.district_code, x.day FROM patrol_days_of($1::char(6), $3::bigint[]) x WHERE x.day = $2::date
         ON CONFLICT DO NOTHING`,
        [districtCode, day, batch],
      );
      await step(batch.length);
    }
    const marked = await db.query(
      `INSERT INTO patrol_days_done (district_code, day)
       SELECT $1, $2::date
       WHERE (SELECT coalesce(array_agg(t.id ORDER BY t.id), '{}') FROM patrol_tracks t WHERE ${TRACKS_OF_DAY}) = $3::bigint[]
       ON CONFLICT DO NOTHING RETURNING day`,
      [districtCode, day, ids],
    );
    if (marked.rows.length > 0) return;
    // Marked by someone else meanwhile (the warmer, a request): done as well.
    const done = await db.query(`SELECT 1 FROM patrol_days_done WHERE district_code = $1 AND day = $2::date`, [districtCode, day]);
    if (done.rows.length > 0) return;
  }
  // Tracks kept changing under the job: the one-statement path settles the day.
  await db.query('SELECT patrol_days_ensure($1::char(6), $2::date, $2::date + 1)', [districtCode, day]);
}

/**
 * Works out the days of `[d0, d1)` not worked out yet (phase `patrol_days`, progress up to
 * 0.95 by tracks tested), then refreshes the statistics the readers plan with. Shared by the
 * patrol jobs: coverage and dead corners.
 */
export async function workOutMissingDays(ctx: JobContext, districtCode: string, d0: string, d1: string): Promise<void> {
  await ctx.progress(0, 'patrol_days');
  const missing = await missingPatrolDays(ctx.db, districtCode, d0, d1);
  const total = missing.reduce((n, m) => n + m.tracks, 0) || 1;
  let tested = 0;
  for (const { day } of missing) {
    await workOutPatrolDay(ctx.db, districtCode, day, async (tracks) => {
      tested += tracks;
      await ctx.progress(Math.min(0.95, (0.95 * tested) / total), undefined, `${day}`);
    });
    await ctx.progress(Math.min(0.95, (0.95 * tested) / total), undefined, `${day}`);
  }
  // Fresh statistics for the readers (the table may have grown from nothing), as patrol_days_ensure keeps them.
  if (missing.length > 0) await ctx.db.exec('ANALYZE stretch_patrol_days');
}

export async function runPatrolCoverageJob(ctx: JobContext): Promise<PatrolCoverageResult> {
  const p = ctx.job.params as unknown as PatrolCoverageJobParams;
  await workOutMissingDays(ctx, p.districtCode, p.days[0], p.days[1]);
  await ctx.progress(0.95, 'coverage');
  const period: Period = { from: p.from, to: p.to };
  const rows = await patrolCoverage(ctx.db, p.districtCode, p.regionCode, p.jurisdictions, period);
  return { from: new Date(p.from).toISOString(), to: new Date(p.to).toISOString(), reachM: PATROL_REACH_M, rows };
}

export function registerPatrolJobs(runner: JobRunner): void {
  runner.register(PATROL_COVERAGE_JOB, runPatrolCoverageJob);
}
