/**
 * `pnpm start` / `tsx api/src/main.ts`: GridAtlas from environment variables.
 *   PORT (8080), HOST, DATABASE_URL (empty: embedded), GRIDATLAS_DATA_DIR,
 *   GRIDATLAS_DEMO (on unless 0/false/off), GRIDATLAS_DEMO_SEED (1), GRIDATLAS_DEMO_SCALE (default),
 *   GRIDATLAS_NO_STATIC (1: API only, as under `pnpm dev`),
 *   GRIDATLAS_DEMO_PASSWORD (demo users' password, default "gridatlas-demo"),
 *   GRIDATLAS_TRUST_PROXY (1: behind a reverse proxy that sets X-Forwarded-For/-Proto),
 *   GRIDATLAS_PATROL_WARMUP (on unless 0/false/off: work out patrol coverage days in the background),
 *   GRIDATLAS_BASEMAP_DIR (folder of PMTiles basemaps, default <repo>/.data/basemaps),
 *   GRIDATLAS_BASEMAP_MAX_MB (largest basemap upload, default 2048),
 *   GRIDATLAS_RESPONSE_CACHE_MB (64: computed tiles and counts kept in memory; 0 turns it off),
 *   GRIDATLAS_PG_OPTIONS (PostgreSQL session settings of the API's connections; default
 *   "-c max_parallel_workers_per_gather=0 -c jit=off"),
 *   GRIDATLAS_STATEMENT_TIMEOUT_MS (8000: time limit of a request; 0: none),
 *   GRIDATLAS_JOB_STATEMENT_TIMEOUT_MS (600000: longest statement of a job or a file import; 0: none),
 *   GRIDATLAS_PATROL_INLINE_TRACKS (24: patrol coverage tests at most this many tracks of days not
 *   worked out yet inside the request; more make a job),
 *   GRIDATLAS_EMBEDDED_TURNS (priority: the embedded database serves requests' clients round robin,
 *   jobs first come first served against requests, background work after both; fifo: everything
 *   first come first served, as before — for comparison).
 */
import { DatabaseError } from './db/database-error.js';
import { createLogger } from './log.js';
import type { DemoScale } from './seed/dataset.types.js';
import { startServer, type RunningServer } from './server.js';

const env = process.env;
const log = createLogger();
const off = (v: string | undefined): boolean => v !== undefined && /^(0|false|off|no)$/i.test(v);
const port = Number(env.PORT || 8080);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`PORT must be a port number, got "${env.PORT}"\n`);
  process.exit(2);
}
const scale = (env.GRIDATLAS_DEMO_SCALE || 'default') as DemoScale;
/** A whole number from the environment (milliseconds, tracks), or exit 2 with what is wrong. */
const wholeNumber = (name: string): number | undefined => {
  const v = env[name];
  if (v === undefined || v === '') return undefined;
  if (!/^\d+$/.test(v)) {
    process.stderr.write(`${name} must be a whole number (milliseconds: 0 for no limit), got "${v}"\n`);
    process.exit(2);
  }
  return Number(v);
};
const requestTimeoutMs = wholeNumber('GRIDATLAS_STATEMENT_TIMEOUT_MS');
const jobStatementTimeoutMs = wholeNumber('GRIDATLAS_JOB_STATEMENT_TIMEOUT_MS');
const inlinePatrolTracks = wholeNumber('GRIDATLAS_PATROL_INLINE_TRACKS');
const upkeepMinutes = wholeNumber('GRIDATLAS_EMBEDDED_UPKEEP_MINUTES');
const embeddedTurns = env.GRIDATLAS_EMBEDDED_TURNS || 'priority';
if (embeddedTurns !== 'priority' && embeddedTurns !== 'fifo') {
  process.stderr.write(`GRIDATLAS_EMBEDDED_TURNS must be "priority" or "fifo", got "${embeddedTurns}"\n`);
  process.exit(2);
}

let started: RunningServer | undefined;
try {
  const server = await startServer({
    port,
    ...(env.HOST ? { host: env.HOST } : {}),
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    ...(env.GRIDATLAS_DATA_DIR ? { dataDir: env.GRIDATLAS_DATA_DIR } : {}),
    webDist: env.GRIDATLAS_NO_STATIC === '1' ? false : undefined,
    demo: off(env.GRIDATLAS_DEMO)
      ? false
      : {
          seed: Number(env.GRIDATLAS_DEMO_SEED || 1),
          scale,
          ...(env.GRIDATLAS_DEMO_PASSWORD ? { password: env.GRIDATLAS_DEMO_PASSWORD } : {}),
        },
    trustProxy: env.GRIDATLAS_TRUST_PROXY === '1',
    patrolWarmup: !off(env.GRIDATLAS_PATROL_WARMUP),
    ...(env.GRIDATLAS_BASEMAP_DIR ? { basemapDir: env.GRIDATLAS_BASEMAP_DIR } : {}),
    ...(Number(env.GRIDATLAS_BASEMAP_MAX_MB) > 0 ? { maxBasemapBytes: Number(env.GRIDATLAS_BASEMAP_MAX_MB) * 2 ** 20 } : {}),
    ...(requestTimeoutMs !== undefined ? { requestTimeoutMs } : {}),
    ...(jobStatementTimeoutMs !== undefined ? { jobStatementTimeoutMs } : {}),
    ...(inlinePatrolTracks !== undefined ? { inlinePatrolTracks } : {}),
    ...(upkeepMinutes !== undefined ? { embeddedUpkeepMs: upkeepMinutes === 0 ? false : upkeepMinutes * 60_000 } : {}),
    embeddedTurns,
    log,
    // The embedded database's worker died: nothing can be answered any more; stop (exit 1) so a
    // supervisor (systemd, docker --restart) starts the server again on the recovered folder.
    // (During the start, the start itself fails and exits.)
    onDatabaseStopped: () => {
      if (!started) return;
      const exit = (): never => process.exit(1);
      setTimeout(exit, 10_000).unref();
      void started.close().finally(exit);
    },
  });
  started = server;
  process.stdout.write(`GridAtlas is running at ${server.url}\n`);
  if (server.demoLogins) {
    // Demo mode only: these accounts share a known password and must never hold real data.
    process.stdout.write(
      `DEMO MODE — demo logins (synthetic data only): ${server.demoLogins.usernames.join(', ')}; ` +
        `password: ${server.demoLogins.password}  (set GRIDATLAS_DEMO=0 and use "pnpm gridatlas user add" for real users)\n`,
    );
  }
  const stop = (): void => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  // A database a person must fix gets its message alone; anything else is a bug worth a stack.
  if (error instanceof DatabaseError) process.stderr.write(`GridAtlas cannot start: ${error.message}\n`);
  else process.stderr.write(`GridAtlas cannot start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
}
