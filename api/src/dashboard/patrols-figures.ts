/**
 * Patrols of a region in a window, read from the kept patrol days (migration 0017) by the
 * analyst's own code: street coverage share (`patrolCoverage`: street length within 30 m of a
 * track in the window ÷ street length, over the grids in force now), grids no track touched in
 * the last `idleDays` days of the window, and dead corners (`deadCorners`: ≤ 100 m segments no
 * track came within 30 m of in the 30 days up to the window's end).
 *
 * Working out days is never done for a whole month inside a request: when the days a window
 * reads are not worked out and hold more tracks than a request may test (`inlinePatrolTracks`,
 * as the coverage route), the answer names a `patrols.coverage` job that works them out (an
 * existing queued or running one for the same days is reused), and the section is "pending".
 */
import type { Db } from '../db/db.types.js';
import { missingPatrolDays, PATROL_COVERAGE_JOB, type PatrolCoverageJobParams } from '../analytics/patrol-coverage-job.js';
import { patrolCoverage } from '../analytics/patrol-coverage.js';
import { deadCorners, windowDays, windowOf } from '../analytics/patrol-dead-corners.js';
import { shanghaiDate } from '../analytics/patrols-period.js';
import { createJob, JOB_COLUMNS, type Job } from '../jobs/job.store.js';
import type { DayWindow } from './dashboard-period.js';

/** Dead corners: segments not patrolled in this many days (the analyst map's default look). */
export const DEAD_CORNER_DAYS = 30;
/** Most dead-corner segments counted; more reads as this many. */
const DEAD_CORNER_LIMIT = 50_000;

export interface PatrolCounts {
  coverageShare: number | null;
  notPatrolled: number;
  deadCorners: number;
}

export interface PatrolScope {
  districtCode: string;
  regionCode: string;
  jurisdictions: readonly string[];
  createdBy: string;
}

/** The days `[d0, d1)` a window's patrol figures read: the window and the dead corners' look-back before its end. */
export function patrolDaysOf(w: DayWindow): [string, string] {
  const [lookback] = windowDays(windowOf(w.toMs, DEAD_CORNER_DAYS));
  return [lookback < w.from ? lookback : w.from, shanghaiDate(w.toMs)];
}

/**
 * A job working out the window's days when they are too many for a request, else null (the
 * few missing ones are then worked out inline by the readers).
 */
export async function patrolDaysJob(db: Db, scope: PatrolScope, w: DayWindow, inlineTracks: number): Promise<Job | null> {
  const days = patrolDaysOf(w);
  const missing = await missingPatrolDays(db, scope.districtCode, days[0], days[1]);
  if (missing.reduce((n, m) => n + m.tracks, 0) <= inlineTracks) return null;
  const params: PatrolCoverageJobParams = {
    districtCode: scope.districtCode,
    regionCode: scope.regionCode,
    jurisdictions: [...scope.jurisdictions],
    from: w.fromMs,
    to: w.toMs,
    days,
  };
  const running = await db.query<Job>(
    `SELECT ${JOB_COLUMNS} FROM jobs WHERE kind = $1 AND state IN ('queued', 'running') AND params = $2::jsonb ORDER BY id LIMIT 1`,
    [PATROL_COVERAGE_JOB, JSON.stringify(params)],
  );
  return (
    running.rows[0] ??
    createJob(db, { kind: PATROL_COVERAGE_JOB, districtCode: scope.districtCode, params: { ...params }, createdBy: scope.createdBy })
  );
}

/** The window's patrol figures; its days must be worked out or few (see `patrolDaysJob`). */
export async function patrolWindow(db: Db, scope: PatrolScope, w: DayWindow, idleDays: number): Promise<PatrolCounts> {
  const days = patrolDaysOf(w);
  await db.query(`SELECT patrol_days_ensure($1::char(6), $2::date, $3::date)`, [scope.districtCode, days[0], days[1]]);
  const rows = await patrolCoverage(db, scope.districtCode, scope.regionCode, scope.jurisdictions, { from: w.fromMs, to: w.toMs });
  const street = rows.reduce((s, r) => s + r.streetLengthM, 0);
  const covered = rows.reduce((s, r) => s + r.coveredLengthM, 0);
  const corners = await deadCorners(
    db,
    { districtCode: scope.districtCode, regionCode: scope.regionCode, jurisdictions: scope.jurisdictions, days: DEAD_CORNER_DAYS, limit: DEAD_CORNER_LIMIT },
    windowOf(w.toMs, DEAD_CORNER_DAYS),
  );
  return {
    coverageShare: street > 0 ? Math.min(1, covered / street) : null,
    notPatrolled: rows.filter((r) => r.daysSinceLastPatrol === null || r.daysSinceLastPatrol >= idleDays).length,
    deadCorners: corners.features.length,
  };
}

