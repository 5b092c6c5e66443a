/**
 * Works out patrol days in the background (migration 0017's `patrol_days_ensure`, one
 * Asia/Shanghai day at a time, newest first), so the coverage and dead-corner routes read
 * kept days instead of working them out while an analyst waits. It looks at the last
 * `days` days up to each district's reference date (today where it has none: the day the
 * routes' default periods end on); it looks again every `intervalMs`, and at once when
 * nudged (after tracks are imported). Writing tracks forgets the days they touch
 * (0017's trigger), so those days are simply worked out again.
 *
 * On the embedded database a query holds the one connection (and the event loop) while it
 * runs: a day is worked out a few tracks per statement (the cost of a day is in
 * BENCHMARKS.md), and there the warmer takes fewer days and pauses a second between them, so
 * requests get through.
 */
import { baseDb, type Db } from '../db/db.types.js';
import { runAsWork } from '../db/work-class.js';
import type { Logger } from '../log.js';
import { workOutPatrolDay } from './patrol-coverage-job.js';

export interface PatrolDaysWarmerOptions {
  /** How many days up to each district's reference date (default 90; 60 on the embedded database, what dead corners over 30 days look back on). */
  days?: number;
  /** Pause between two days, ms (default 0; 1,000 on the embedded database). */
  pauseMs?: number;
  /** How often to look for days to work out when idle, ms (default 60,000). */
  intervalMs?: number;
}

export interface PatrolDaysWarmer {
  /** Look for days to work out now (e.g. after an import of tracks). */
  nudge(): void;
  /** Resolves when no day is left to work out (for tests and benchmarks). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

const warmers = new WeakMap<Db, PatrolDaysWarmer>();

/** Nudges the warmer running over `db`, if any. */
export function nudgePatrolDays(db: Db): void {
  warmers.get(baseDb(db))?.nudge();
}

/** The next day (newest first) of the `days` up to a district's reference date that is not worked out yet. */
export async function nextPatrolDay(db: Db, days: number): Promise<{ districtCode: string; day: string } | null> {
  const r = await db.query<{ district_code: string; day: string }>(
    `SELECT d.district_code, to_char(g.day, 'YYYY-MM-DD') AS day
     FROM districts d
     CROSS JOIN LATERAL (SELECT coalesce(d.reference_date, (now() AT TIME ZONE 'Asia/Shanghai')::date) AS last) l
     CROSS JOIN LATERAL generate_series(l.last, l.last - ($1::int - 1), interval '-1 day') AS g(day)
     WHERE NOT EXISTS (SELECT 1 FROM patrol_days_done p WHERE p.district_code = d.district_code AND p.day = g.day::date)
     ORDER BY g.day DESC, d.district_code LIMIT 1`,
    [days],
  );
  const row = r.rows[0];
  return row ? { districtCode: row.district_code, day: row.day } : null;
}

export function startPatrolDaysWarmer(db: Db, log: Logger, options: PatrolDaysWarmerOptions = {}): PatrolDaysWarmer {
  const embedded = db.kind !== 'postgresql';
  const days = options.days ?? (embedded ? 60 : 90);
  const pauseMs = options.pauseMs ?? (embedded ? 1_000 : 0);
  const intervalMs = options.intervalMs ?? 60_000;
  let stopped = false;
  let wake: (() => void) | null = null;
  let idleWaiters: (() => void)[] = [];
  let nudged = false;

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      // Stopped while a statement ran (no sleep to wake then): no pause, or `stop()` would wait it out — a whole interval.
      if (stopped) return resolve();
      const timer = setTimeout(done, ms);
      timer.unref?.();
      function done(): void {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  const loop = async (): Promise<void> => {
    let worked = 0;
    let t0 = performance.now();
    while (!stopped) {
      nudged = false;
      let next: Awaited<ReturnType<typeof nextPatrolDay>> = null;
      try {
        next = await nextPatrolDay(db, days);
        if (next) {
          // A few tracks per statement (as the coverage job does): a whole day in one statement
          // held the embedded database, and the event loop with it, for most of a second.
          await workOutPatrolDay(db, next.districtCode, next.day, async () => {
            if (stopped) throw new Error('stopped');
          });
          worked++;
        }
      } catch (error) {
        if (stopped) break;
        log.warn('patrol_days_failed', { message: error instanceof Error ? error.message : String(error) });
        await sleep(intervalMs);
        continue;
      }
      if (next) {
        if (pauseMs > 0) await sleep(pauseMs);
        continue;
      }
      if (worked > 0) {
        // Fresh statistics for the readers, as patrol_days_ensure keeps them, once per round.
        await db.exec('ANALYZE stretch_patrol_days').catch(() => undefined);
        log.info('patrol_days_ready', { days: worked, ms: Math.round(performance.now() - t0) });
      }
      worked = 0;
      for (const resolve of idleWaiters) resolve();
      idleWaiters = [];
      if (!nudged) await sleep(intervalMs);
      t0 = performance.now();
    }
    for (const resolve of idleWaiters) resolve();
  };

  // Background work: on the embedded database its statements wait for requests' and jobs' (db/statement-turns.ts).
  const running = runAsWork({ class: 'background' }, loop);
  const warmer: PatrolDaysWarmer = {
    nudge() {
      nudged = true;
      wake?.();
    },
    idle() {
      return new Promise((resolve) => {
        idleWaiters.push(resolve);
        warmer.nudge();
      });
    },
    async stop() {
      stopped = true;
      wake?.();
      await running;
      warmers.delete(baseDb(db));
    },
  };
  warmers.set(baseDb(db), warmer);
  return warmer;
}
