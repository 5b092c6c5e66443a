/**
 * Starts GridAtlas on one port: opens the database (embedded unless a URL is given),
 * migrates it, loads the synthetic demo district into an empty database when demo mode is
 * on, and serves the API plus the built web app.
 */
import { closeSharedRenderer } from './print/html-renderer.js';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, DEFAULT_MAX_BODY_BYTES } from './app.js';
import type { Db } from './db/db.types.js';
import { migrate } from './db/migrate.js';
import { listen } from './http/listen.js';
import { startingGate } from './http/starting-gate.js';
import { openDatabase } from './db/open-database.js';
import type { TurnOrder } from './db/statement-turns.js';
import { createLogger, type Logger } from './log.js';
import type { DemoScale } from './seed/dataset.types.js';
import { isSeeded } from './seed/district-data.js';
import { seedDistrict } from './seed/seed-district.js';
import { startPatrolDaysWarmer } from './analytics/patrol-days-warmer.js';
import { startEmbeddedUpkeep } from './db/embedded-upkeep.js';
import { createAppJobRunner } from './jobs/app-job-runner.js';
import { DEFAULT_DEMO_PASSWORD, DEMO_USERNAMES, ensureDemoUsers } from './users/demo-users.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServerOptions {
  port: number;
  /** Interface to listen on; default all. */
  host?: string;
  databaseUrl?: string;
  dataDir?: string;
  /** Built web app; default `<repo>/web/dist`; `false` serves the API only. */
  webDist?: string | false;
  /** Seed the synthetic demo district into an empty database. */
  demo?: { seed: number; scale: DemoScale; password?: string } | false;
  /** Behind a reverse proxy that sets X-Forwarded-For/-Proto. */
  trustProxy?: boolean;
  /** Work out patrol days in the background (default on). */
  patrolWarmup?: boolean;
  /** Embedded database: vacuum and analyse changed tables in the background, as autovacuum would (default every 5 min; `false`: never). */
  embeddedUpkeepMs?: number | false;
  /** Folder of PMTiles basemaps; default `<repo>/.data/basemaps`; `false`: none. */
  basemapDir?: string | false;
  /** Largest basemap upload in bytes (default 2 GiB). */
  maxBasemapBytes?: number;
  /** Time limit of a request in ms (default 8 s; 0: none); see `AppOptions.requestTimeoutMs`. */
  requestTimeoutMs?: number;
  /** Longest one statement of a job (and of a file import request) may run, in ms (default 10 min). */
  jobStatementTimeoutMs?: number;
  /** Patrol coverage: tracks of not-yet-worked-out days a request tests itself; more make a job (default 24). */
  inlinePatrolTracks?: number;
  /** Embedded database: `fifo` serves every statement first come first served, background work and requests' clients alike (for comparison; default `priority`). */
  embeddedTurns?: TurnOrder;
  log?: Logger;
  /**
   * The embedded database's worker thread died (see db/pglite-worker.client.ts): every statement
   * now fails, so the process should stop and be restarted (main.ts exits 1 after closing).
   */
  onDatabaseStopped?: (error: Error) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  db: Db;
  /** Demo mode: the demo usernames and their shared password, to announce at start. */
  demoLogins?: { usernames: readonly string[]; password: string };
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const log = options.log ?? createLogger();
  const t0 = performance.now();
  // The port is taken first: until the app is ready every request gets a 503 "starting" with
  // Retry-After (http/starting-gate.ts), not a refused connection, nor a wait behind the seeding.
  const gate = startingGate();
  const { port, close: closeHttp } = await listen(gate, {
    port: options.port,
    drainBytes: DEFAULT_MAX_BODY_BYTES,
    ...(options.host ? { host: options.host } : {}),
  });
  let db: Db | undefined;
  try {
    db = await openDatabase({
      ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      ...(options.embeddedTurns ? { embeddedTurns: options.embeddedTurns } : {}),
      onEmbeddedStopped: (error) => {
        log.error('embedded_database_stopped', { message: error.message });
        options.onDatabaseStopped?.(error);
      },
    });
    gate.phase('updating the database');
    const { applied } = await migrate(db);
    log.info('database_ready', { database: db.kind, migrationsApplied: applied.length, ms: Math.round(performance.now() - t0) });
    if (options.demo && !(await isSeeded(db))) {
      gate.phase('first start: loading the demo district, which takes a few minutes');
      await seedDemo(db, options.demo, log);
    }
    const demoLogins = options.demo ? await demoUsers(db, options.demo.password ?? DEFAULT_DEMO_PASSWORD, log) : undefined;
    const webDist = options.webDist === false ? undefined : (options.webDist ?? join(repoRoot, 'web/dist'));
    const jobLimit = options.jobStatementTimeoutMs !== undefined ? { statementTimeoutMs: options.jobStatementTimeoutMs } : {};
    const jobs = createAppJobRunner(db, log, jobLimit);
    const basemapDir = options.basemapDir === false ? undefined : (options.basemapDir ?? join(repoRoot, '.data/basemaps'));
    const app = createApp({
      db,
      log,
      jobs,
      trustProxy: options.trustProxy ?? false,
      ...(webDist ? { webDist } : {}),
      ...(basemapDir ? { basemapDir } : {}),
      ...(options.maxBasemapBytes ? { maxBasemapBytes: options.maxBasemapBytes } : {}),
      ...(options.requestTimeoutMs !== undefined ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
      ...(options.jobStatementTimeoutMs !== undefined ? { importTimeoutMs: options.jobStatementTimeoutMs } : {}),
      ...(options.inlinePatrolTracks !== undefined ? { inlinePatrolTracks: options.inlinePatrolTracks } : {}),
    });
    gate.open(app);
    const warmer = options.patrolWarmup === false ? null : startPatrolDaysWarmer(db, log);
    const upkeep =
      options.embeddedUpkeepMs === false
        ? null
        : startEmbeddedUpkeep(db, log, options.embeddedUpkeepMs === undefined ? {} : { intervalMs: options.embeddedUpkeepMs });
    // Jobs left running by a previous process are failed (or re-queued) now, then the queue runs.
    await jobs.start();
    const opened = db;
    return {
      url: `http://localhost:${port}`,
      port,
      db: opened,
      ...(demoLogins ? { demoLogins } : {}),
      async close() {
        await closeHttp();
        await warmer?.stop();
        await upkeep?.stop();
        await jobs.stop();
        // The print jobs' Chromium, if one was launched.
        await closeSharedRenderer();
        await opened.close();
      },
    };
  } catch (error) {
    await closeHttp().catch(() => undefined);
    await db?.close().catch(() => undefined);
    throw error;
  }
}

async function seedDemo(db: Db, demo: { seed: number; scale: DemoScale }, log: Logger): Promise<void> {
  // Loaded on demand: the generator is only needed on a first start in demo mode.
  const { generateDistrict } = await import('@gridatlas/data');
  const t0 = performance.now();
  const dataset = generateDistrict({ seed: demo.seed, scale: demo.scale });
  const t1 = performance.now();
  await seedDistrict(db, dataset);
  log.info('demo_seeded', {
    scale: demo.scale,
    seed: demo.seed,
    buildings: dataset.buildings.length,
    generateMs: Math.round(t1 - t0),
    seedMs: Math.round(performance.now() - t1),
  });
}

/** One user per default role over the seeded district, created once. */
async function demoUsers(db: Db, password: string, log: Logger): Promise<{ usernames: readonly string[]; password: string } | undefined> {
  const r = await db.query<{ code: string }>(`SELECT code FROM regions WHERE level = 'district' ORDER BY code LIMIT 1`);
  const district = r.rows[0]?.code;
  if (!district) return undefined;
  const created = await ensureDemoUsers(db, district, password);
  log.info('demo_users_ready', { created: created.length });
  return { usernames: DEMO_USERNAMES, password };
}
