/**
 * Upkeep of the embedded database in place of PostgreSQL's autovacuum, which PGlite lacks (no
 * launcher, no workers): without it dead rows are never reclaimed — every dashboard kept, job
 * progress and session touch leaves one — the visibility map stays empty, so index-only scans
 * read the table too, and statistics go stale after the writes of a day.
 *
 * Every `intervalMs` it flushes the statistics (`pg_stat_force_next_flush()`), reads each table's
 * dead and changed rows (`pg_stat_user_tables`) and, with autovacuum's default thresholds,
 * vacuums and analyses (dead rows > 50 + 0.2 × live) or only analyses (rows changed since the
 * last analyse > 50 + 0.1 × live) it: one table per statement, as background work, so requests
 * and jobs go first (statement-turns.ts). VACUUM visits only the pages changed since the last one
 * (the visibility map), so a round costs what was written since. The counts start from nothing in
 * each process (PGlite keeps no statistics across a restart); bulk loads vacuum what they wrote
 * themselves (the seed, the imports).
 */
import type { Db } from './db.types.js';
import { runAsWork } from './work-class.js';
import type { Logger } from '../log.js';

export interface TableActivity {
  table: string;
  live: number;
  dead: number;
  /** Rows inserted, updated or deleted since the last analyse. */
  changed: number;
}

export interface UpkeepRound {
  vacuumed: string[];
  analyzed: string[];
}

/** PostgreSQL's autovacuum defaults: a threshold of rows plus a share of the live ones. */
export const VACUUM_THRESHOLD = { rows: 50, share: 0.2 };
export const ANALYZE_THRESHOLD = { rows: 50, share: 0.1 };

/** The tables due a vacuum (with an analyse) and those due only an analyse, by autovacuum's rules. */
export function tablesDue(activity: readonly TableActivity[]): UpkeepRound {
  const vacuumed: string[] = [];
  const analyzed: string[] = [];
  for (const t of activity) {
    if (t.dead > VACUUM_THRESHOLD.rows + VACUUM_THRESHOLD.share * t.live) vacuumed.push(t.table);
    else if (t.changed > ANALYZE_THRESHOLD.rows + ANALYZE_THRESHOLD.share * t.live) analyzed.push(t.table);
  }
  return { vacuumed, analyzed };
}

/** A table name of the public schema, quoted as an SQL identifier. */
const quoted = (table: string): string => `public."${table.replaceAll('"', '""')}"`;

/** One round: the statistics flushed and read, each table due vacuumed or analysed. */
export async function upkeepRound(db: Db): Promise<UpkeepRound> {
  await db.query('SELECT pg_stat_force_next_flush()');
  const r = await db.query<TableActivity>(
    `SELECT relname AS "table", n_live_tup::float8 AS live, n_dead_tup::float8 AS dead, n_mod_since_analyze::float8 AS changed
     FROM pg_stat_user_tables WHERE schemaname = 'public' ORDER BY n_dead_tup DESC, relname`,
  );
  const due = tablesDue(r.rows);
  for (const table of due.vacuumed) await db.exec(`VACUUM (ANALYZE) ${quoted(table)}`);
  for (const table of due.analyzed) await db.exec(`ANALYZE ${quoted(table)}`);
  return due;
}

export interface EmbeddedUpkeep {
  /** Runs a round now (after the one under way, if any). */
  runOnce(): Promise<UpkeepRound>;
  stop(): Promise<void>;
}

export interface EmbeddedUpkeepOptions {
  /** Between two rounds, ms (default 300,000: five minutes). */
  intervalMs?: number;
}

/** Starts the upkeep on the embedded database; null on PostgreSQL, whose autovacuum does it. */
export function startEmbeddedUpkeep(db: Db, log: Logger, options: EmbeddedUpkeepOptions = {}): EmbeddedUpkeep | null {
  if (db.kind === 'postgresql') return null;
  const intervalMs = options.intervalMs ?? 300_000;
  let running: Promise<UpkeepRound> = Promise.resolve({ vacuumed: [], analyzed: [] });
  let stopped = false;

  const runOnce = (): Promise<UpkeepRound> => {
    running = running
      .catch(() => undefined)
      .then(() =>
        runAsWork({ class: 'background' }, async () => {
          const t0 = performance.now();
          const round = await upkeepRound(db);
          if (round.vacuumed.length + round.analyzed.length > 0)
            log.info('embedded_upkeep', {
              vacuumed: round.vacuumed.join(','),
              analyzed: round.analyzed.join(','),
              ms: Math.round(performance.now() - t0),
            });
          return round;
        }),
      );
    return running;
  };

  const timer = setInterval(() => {
    if (!stopped)
      runOnce().catch((error: unknown) =>
        log.warn('embedded_upkeep_failed', { message: error instanceof Error ? error.message : String(error) }),
      );
  }, intervalMs);
  timer.unref?.();

  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running.catch(() => undefined);
    },
  };
}
