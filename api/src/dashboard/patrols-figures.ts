/**
 * Patrols of a region in a window, read from the kept patrol days (migration 0017) by the
 * analyst's own code and tables: street coverage share (the 5 m stretches of the region's
 * communities — each once, where per-grid coverage counts a stretch on a grid edge in both grids —
 * with a kept patrol day in the window ÷ all of them, by length), grids no track touched in the
 * last `idleDays` days of the window (as the coverage layer's days since the last patrol, over
 * the grids in force now), and dead corners (`deadCorners`: ≤ 100 m segments no track came within
 * 30 m of in the 30 days up to the window's end, counted by `deadCorners`' rule).
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
import { SEGMENT_M, windowDays, windowOf } from '../analytics/patrol-dead-corners.js';
import { createJob, JOB_COLUMNS, type Job } from '../jobs/job.store.js';
import type { DayWindow } from './dashboard-period.js';

/** Dead corners: segments not patrolled in this many days (the analyst map's default look). */
export const DEAD_CORNER_DAYS = 30;

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
  const streets = await streetFigures(db, scope, w);
  return { ...streets, notPatrolled: await notPatrolled(db, scope, w, idleDays) };
}

/**
 * Coverage share and dead corners of the region in one pass over its stretches: the stretches
 * (5 m, by their midpoints) inside the region's communities, each once; a street cut into equal
 * parts of at most SEGMENT_M as `deadCorners` cuts it, a part dead when none of its stretches
 * has a kept patrol day in the DEAD_CORNER_DAYS days to the window's end — `deadCorners`' rule,
 * counted instead of drawn.
 */
async function streetFigures(db: Db, scope: PatrolScope, w: DayWindow): Promise<Omit<PatrolCounts, 'notPatrolled'>> {
  const dead = windowOf(w.toMs, DEAD_CORNER_DAYS);
  const r = await db.query<{ street: number; covered: number; dead: number }>(
    `WITH area AS (
       SELECT ST_Union(boundary) AS geom FROM regions
       WHERE district_code = $1 AND level = 'community' AND code LIKE $2 || '%' AND ${insideJurisdiction('code', '$3')}
     ),
     street AS MATERIALIZED (
       SELECT s.id, greatest(1, ceil(ST_Length(s.geom::geography) / ${SEGMENT_M}))::int AS parts
       FROM streets s, area WHERE s.district_code = $1 AND s.geom && area.geom
     ),
     inside AS MATERIALIZED (
       SELECT st.id, st.street_id, st.seq, st.n, st.length_m FROM street_stretches st, area
       WHERE st.district_code = $1 AND ST_Intersects(st.mid, area.geom)
     ),
     days AS MATERIALIZED (
       SELECT d.stretch_id, bool_or(d.day >= $4::date AND d.day < $5::date) AS in_window, bool_or(d.day >= $6::date AND d.day < $7::date) AS recent
       FROM stretch_patrol_days d
       WHERE d.district_code = $1 AND ((d.day >= $4::date AND d.day < $5::date) OR (d.day >= $6::date AND d.day < $7::date))
       GROUP BY d.stretch_id
     ),
     part AS (
       SELECT inside.street_id, floor((inside.seq + 0.5) * street.parts / inside.n)::int AS i, bool_or(coalesce(days.recent, false)) AS patrolled
       FROM inside JOIN street ON street.id = inside.street_id LEFT JOIN days ON days.stretch_id = inside.id
       GROUP BY 1, 2
     )
     SELECT (SELECT coalesce(sum(length_m), 0) FROM inside)::float8 AS street,
       (SELECT coalesce(sum(inside.length_m), 0) FROM inside JOIN days ON days.stretch_id = inside.id AND days.in_window)::float8 AS covered,
       (SELECT count(*) FROM part WHERE NOT patrolled)::int AS dead`,
    [scope.districtCode, scope.regionCode, scope.jurisdictions, w.from, w.to, shanghaiDate(dead.since), shanghaiDate(dead.dayEnd)],
  );
  const { street, covered, dead: deadCorners } = r.rows[0]!;
  return { coverageShare: street > 0 ? Math.min(1, covered / street) : null, deadCorners };
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
