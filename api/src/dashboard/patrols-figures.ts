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
import { windowDays, windowOf } from '../analytics/patrol-dead-corners.js';
import { createJob, JOB_COLUMNS, type Job } from '../jobs/job.store.js';
import type { DayWindow } from './dashboard-period.js';
import { regionStretches } from './region-stretches.js';
import { monthMasks } from './patrol-month-masks.js';

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

/** The three windows' patrol figures; their days must be worked out or few (see `patrolDaysJob`). */
export async function patrolWindows(
  db: Db,
  scope: PatrolScope,
  windows: readonly [DayWindow, DayWindow, DayWindow],
  idleDays: number,
): Promise<[PatrolCounts, PatrolCounts, PatrolCounts]> {
  for (const w of windows) {
    const days = patrolDaysOf(w);
    await db.query(`SELECT patrol_days_ensure($1::char(6), $2::date, $3::date)`, [scope.districtCode, days[0], days[1]]);
  }
  const streets = await streetFigures(db, scope, windows);
  const idle = await notPatrolled(db, scope, windows, idleDays);
  return [0, 1, 2].map((k) => ({ ...streets[k]!, notPatrolled: idle[k]! })) as [PatrolCounts, PatrolCounts, PatrolCounts];
}

/**
 * Coverage share and dead corners of the region for the three windows in one pass: the
 * region's stretches and their dead-corner parts as kept for its geometry (`regionStretches`),
 * and one read of the kept patrol days of the three windows and their look-backs, packed per
 * stretch and month (`stretch_patrol_months`, migration 0048). Coverage:
 * the length of the stretches with a kept day in the window ÷ all of them; a part dead when
 * none of its stretches has a kept day in the DEAD_CORNER_DAYS days to the window's end —
 * `deadCorners`' rule, counted instead of drawn.
 */
async function streetFigures(
  db: Db,
  scope: PatrolScope,
  windows: readonly [DayWindow, DayWindow, DayWindow],
): Promise<Omit<PatrolCounts, 'notPatrolled'>[]> {
  const region = await regionStretches(db, scope);
  // Per window k: bit 2k, a day in the window; bit 2k+1, a day in its dead-corner look-back.
  const params: unknown[] = [scope.districtCode];
  const ranges = windows.flatMap((w): [string, string][] => {
    const dead = windowOf(w.toMs, DEAD_CORNER_DAYS);
    return [
      [w.from, w.to],
      [shanghaiDate(dead.since), shanghaiDate(dead.dayEnd)],
    ];
  });
  const masks = ranges.map(([from, to]) => monthMasks(from, to));
  // A range's condition on a stretch's month row: one of its months, with a day of the range.
  const conditions = masks.map(
    (ofRange) =>
      ofRange
        .map(({ month, mask }) => {
          params.push(month, mask);
          return `(m.month = $${params.length - 1}::date AND m.days & $${params.length}::int <> 0)`;
        })
        .join(' OR ') || 'false',
  );
  params.push([...new Set(masks.flat().map((m) => m.month))]);
  const monthsAt = params.length;
  // Below the district, only the region's stretches (by the stretch index): not the district's.
  const whole = scope.regionCode === scope.districtCode;
  if (!whole) params.push([...region.index.keys()]);
  // Grouped by the windows' bits: a few rows, each with its stretches, instead of one row per stretch.
  const days = await db.query<{ bits: number; ids: (number | string)[] }>(
    `SELECT bits, array_agg(id) AS ids FROM (
       SELECT m.stretch_id AS id, (${conditions.map((c, bit) => `(bool_or(${c})::int << ${bit})`).join(' | ')}) AS bits
       FROM stretch_patrol_months m
       WHERE m.district_code = $1 AND m.month = ANY($${monthsAt}::date[])${whole ? '' : ` AND m.stretch_id = ANY($${params.length}::bigint[])`}
       GROUP BY m.stretch_id
     ) x
     WHERE bits <> 0
     GROUP BY bits`,
    params,
  );
  const covered = [0, 0, 0];
  const patrolled = [0, 1, 2].map(() => new Uint8Array(region.parts));
  for (const { bits, ids } of days.rows) {
    for (const id of ids) {
      const k = region.index.get(Number(id));
      if (k === undefined) continue; // a stretch outside the region
      for (let w = 0; w < 3; w++) {
        if (bits & (1 << (2 * w))) covered[w]! += region.lengthM[k]!;
        if (bits & (1 << (2 * w + 1))) patrolled[w]![region.part[k]!] = 1;
      }
    }
  }
  return [0, 1, 2].map((w) => ({
    coverageShare: region.totalM > 0 ? Math.min(1, covered[w]! / region.totalM) : null,
    deadCorners: region.parts - patrolled[w]!.reduce((n, x) => n + x, 0),
  }));
}

/**
 * Grids in force of the region no track touched in the `idleDays` days before the window's end:
 * a grid whose last patrol (the coverage route's `daysSinceLastPatrol`, whole days) is
 * `idleDays` or more, or never. As the coverage route finds a grid's last patrol, the grid's own
 * tracks of the window are tried first, read by the (grid, end) index alone (most grids are
 * walked by their own staff, and the first track found decides); only a grid none of them
 * crosses is tested against every track of the window, read once per window by time.
 */
async function notPatrolled(
  db: Db,
  scope: PatrolScope,
  windows: readonly [DayWindow, DayWindow, DayWindow],
  idleDays: number,
): Promise<number[]> {
  const params: unknown[] = [scope.districtCode, scope.regionCode, scope.jurisdictions];
  const ranges = windows.map((w) => {
    params.push((w.toMs - idleDays * DAY_MS) / 1000, w.toMs / 1000);
    return [`to_timestamp($${params.length - 1}::float8)`, `to_timestamp($${params.length}::float8)`] as const;
  });
  const tracks = ranges.map(
    ([since, until], k) => `t${k} AS MATERIALIZED (
       SELECT t.geom FROM patrol_tracks t WHERE t.district_code = $1 AND t.ended_at > ${since} AND t.started_at < ${until}
     )`,
  );
  // OFFSET 0 keeps the polygon test out of the own tracks' scan: the (grid, end) index reads them.
  const idle = ranges.map(
    ([since, until], k) => `NOT EXISTS (
           SELECT 1 FROM (SELECT t.geom FROM patrol_tracks t
             WHERE t.district_code = $1 AND t.grid_code = g.code AND t.ended_at > ${since} AND t.started_at < ${until} OFFSET 0) own
           WHERE ST_Intersects(own.geom, g.geometry))
         AND NOT EXISTS (SELECT 1 FROM t${k} WHERE t${k}.geom && g.geometry AND ST_Intersects(t${k}.geom, g.geometry))`,
  );
  const r = await db.query<{ n0: number; n1: number; n2: number }>(
    `WITH ${tracks.join(', ')}
     SELECT ${idle.map((c, k) => `(count(*) FILTER (WHERE ${c}))::int AS n${k}`).join(',\n       ')}
     FROM current_grids g
     WHERE g.district_code = $1 AND g.community_code LIKE $2 || '%' AND ${insideJurisdiction('g.community_code', '$3')}`,
    params,
  );
  const row = r.rows[0];
  return [row?.n0 ?? 0, row?.n1 ?? 0, row?.n2 ?? 0];
}
