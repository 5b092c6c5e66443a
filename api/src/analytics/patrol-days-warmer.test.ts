import { describe, expect, it } from 'vitest';
import type { Db } from '../db/db.types.js';
import { currentWork, runAsWork, type WorkClass } from '../db/work-class.js';
import { createLogger, type LogLevel } from '../log.js';
import { trackWkt } from '../seed/track-wkt.js';
import { BACKENDS } from '../test/test-database.js';
import { useTestApp } from '../test/test-app.js';
import { TINY_DISTRICT_CODE } from '../test/tiny-district.fixture.js';
import { nextPatrolDay, nudgePatrolDays, startPatrolDaysWarmer } from './patrol-days-warmer.js';

/** The (stretch, day) pairs of every track, worked out directly by 0017/0020's function. */
async function expectedPairs(db: Db): Promise<string[]> {
  const r = await db.query<{ k: string }>(
    `SELECT stretch_id || '@' || to_char(day, 'YYYY-MM-DD') AS k
     FROM patrol_days_of($1::char(6), ARRAY(SELECT id FROM patrol_tracks WHERE district_code = $1)) ORDER BY 1`,
    [TINY_DISTRICT_CODE],
  );
  return r.rows.map((row) => row.k);
}

async function keptPairs(db: Db): Promise<string[]> {
  const r = await db.query<{ k: string }>(
    `SELECT stretch_id || '@' || to_char(day, 'YYYY-MM-DD') AS k FROM stretch_patrol_days WHERE district_code = $1 ORDER BY 1`,
    [TINY_DISTRICT_CODE],
  );
  return r.rows.map((row) => row.k);
}

describe.each(BACKENDS)('patrol days worked out in the background on %s', (kind) => {
  const ctx = useTestApp(kind);
  const lines: { level: LogLevel; line: string }[] = [];
  const log = createLogger({ level: 'debug', write: (line, level) => lines.push({ level, line }) });

  it('works out every day up to the reference date, newest first, and then has nothing left', async () => {
    const db = ctx.t.db;
    // The fixture's reference date is 2025-06-30; its tracks are on 1 and 2 June.
    expect(await nextPatrolDay(db, 5)).toEqual({ districtCode: TINY_DISTRICT_CODE, day: '2025-06-30' });
    const warmer = startPatrolDaysWarmer(db, log, { days: 40, pauseMs: 0, intervalMs: 60_000 });
    try {
      await warmer.idle();
    } finally {
      await warmer.stop();
    }
    const done = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM patrol_days_done WHERE district_code = $1', [
      TINY_DISTRICT_CODE,
    ]);
    expect(done.rows[0]!.n).toBe(40);
    expect(await nextPatrolDay(db, 40)).toBeNull();
    // Every track lies within the 40 days: the kept pairs are all there are.
    expect(await keptPairs(db)).toEqual(await expectedPairs(db));
    expect((await keptPairs(db)).length).toBeGreaterThan(0);
    expect(lines.some((l) => l.line.includes('"event":"patrol_days_ready"') && l.line.includes('"days":40'))).toBe(true);
    expect(lines.filter((l) => l.level === 'warn')).toEqual([]);
  });

  it('sends its statements as background work, even when started from a request', async () => {
    const classes = new Set<WorkClass>();
    const base = ctx.t.db;
    const recording: Db = {
      ...base,
      query: (sql, params, options) => {
        classes.add(currentWork().class);
        return base.query(sql, params, options);
      },
    };
    const warmer = runAsWork({ class: 'interactive', client: 'someone' }, () =>
      startPatrolDaysWarmer(recording, log, { days: 3, pauseMs: 0, intervalMs: 60_000 }),
    );
    try {
      await warmer.idle();
    } finally {
      await warmer.stop();
    }
    expect(lines.filter((l) => l.level === 'warn')).toEqual([]);
    expect([...classes]).toEqual(['background']);
  });

  it('works a day out again after a track written on it forgot it, when nudged', async () => {
    const db = ctx.t.db;
    const warmer = startPatrolDaysWarmer(db, log, { days: 40, pauseMs: 0, intervalMs: 60_000 });
    try {
      await warmer.idle();
      const t0 = Date.parse('2025-06-01T03:00:00Z') / 1000;
      const flat = [108.921, 34.201, t0, 108.925, 34.205, t0 + 300, 108.93, 34.21, t0 + 600];
      await db.query(
        `INSERT INTO patrol_tracks (district_code, staff_id, grid_code, started_at, ended_at, point_count, geom)
         VALUES ($1, 1, '610198001002001', to_timestamp($2::float8), to_timestamp($3::float8), 3, ST_GeomFromText($4, 4326))`,
        [TINY_DISTRICT_CODE, t0, t0 + 600, trackWkt(new Float64Array(flat))],
      );
      expect(await nextPatrolDay(db, 40)).toEqual({ districtCode: TINY_DISTRICT_CODE, day: '2025-06-01' });
      nudgePatrolDays(db);
      await warmer.idle();
      expect(await nextPatrolDay(db, 40)).toBeNull();
      expect(await keptPairs(db)).toEqual(await expectedPairs(db));
    } finally {
      await warmer.stop();
    }
  });
});
