/**
 * Patrols of a region in a window, read from the kept patrol days (migration 0017) by the
 * analyst's own code and tables: street coverage share (the 5 m stretches of the region's
 * communities — each once, where per-grid coverage counts a stretch on a grid edge in both grids —
 * with a kept patrol day in the window ÷ all of them, by length), grids no track touched in the
 * last `idleDays` days of the window (as the coverage layer's days since the last patrol, over
 * the grids in force now), and dead corners (`deadCorners`: ≤ 100 m segments no track came within
 * 30 m of in the 30 days up to the window's end).
 *
 * Working out days is never done for a whole month inside a request: when the days a window
 * reads are not worked out and hold more tracks than a request may test (`inlinePatrolTracks`,
 * as the coverage route), the answer names a `patrols.coverage` job that works them out (an
 * existing queued or running one for the same days is reused), and the section is "pending".
 */
import type { Db } from '../db/db.types.js';
import { insideJurisdiction } from '../auth/jurisdiction.js';
import { missingPatrolDays, PATROL_COVERAGE_JOB, type PatrolCoverageJobParams } from '../analytics/patrol-coverage-job.js';
import { DAY_MS, shanghaiDate } from '../analytics/patrols-period.js';
import { deadCorners, windowDays, windowOf } from '../analytics/patrol-dead-corners.js';
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
  const share = await coverageShare(db, scope, w);
  const corners = await deadCorners(
    db,
    { districtCode: scope.districtCode, regionCode: scope.regionCode, jurisdictions: scope.jurisdictions, days: DEAD_CORNER_DAYS, limit: DEAD_CORNER_LIMIT },
    windowOf(w.toMs, DEAD_CORNER_DAYS),
  );
  return {
    coverageShare: share,
    notPatrolled: await notPatrolled(db, scope, w, idleDays),
    deadCorners: corners.features.length,
  };
}


/** Street length of the region patrolled in the window ÷ its street length (null: no street), from the kept days. */
async function coverageShare(db: Db, scope: PatrolScope, w: DayWindow): Promise<number | null> {
  const r = await db.query<{ street: number; covered: number }>(
    `WITH area AS (
       SELECT ST_Union(boundary) AS geom FROM regions
       WHERE district_code = $1 AND level = 'community' AND code LIKE $2 || '%' AND ${insideJurisdiction('code', '$3')}
     ),
     inside AS MATERIALIZED (
       SELECT st.id, st.length_m FROM street_stretches st, area WHERE st.district_code = $1 AND ST_Intersects(st.mid, area.geom)
     ),
     hit AS (SELECT DISTINCT d.stretch_id FROM stretch_patrol_days d WHERE d.district_code = $1 AND d.day >= $4::date AND d.day < $5::date)
     SELECT coalesce(sum(inside.length_m), 0)::float8 AS street,
       coalesce(sum(inside.length_m) FILTER (WHERE hit.stretch_id IS NOT NULL), 0)::float8 AS covered
     FROM inside LEFT JOIN hit ON hit.stretch_id = inside.id`,
    [scope.districtCode, scope.regionCode, scope.jurisdictions, w.from, w.to],
  );
  const { street, covered } = r.rows[0]!;
  return street > 0 ? Math.min(1, covered / street) : null;
}

/**
 * Grids in force of the region no track touched in the `idleDays` days before the window's end:
 * a grid whose last patrol (the coverage route's `daysSinceLastPatrol`, whole days) is
 * `idleDays` or more, or never.
 */
async function notPatrolled(db: Db, scope: PatrolScope, w: DayWindow, idleDays: number): Promise<number> {
  const r = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM current_grids g
     WHERE g.district_code = $1 AND g.community_code LIKE $2 || '%' AND ${insideJurisdiction('g.community_code', '$3')}
       AND NOT EXISTS (
         SELECT 1 FROM patrol_tracks t
         WHERE t.district_code = $1 AND t.started_at < to_timestamp($5::float8) AND t.ended_at > to_timestamp($4::float8)
           AND t.geom && g.geometry AND ST_Intersects(t.geom, g.geometry))`,
    [scope.districtCode, scope.regionCode, scope.jurisdictions, (w.toMs - idleDays * DAY_MS) / 1000, w.toMs / 1000],
  );
  return r.rows[0]?.n ?? 0;
}
