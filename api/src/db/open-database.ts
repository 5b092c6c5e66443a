/**
 * Opens the database the configuration names: `databaseUrl` → a PostgreSQL + PostGIS server;
 * none → the embedded database persisted in a local folder, so a fresh checkout needs no
 * server. Both end with PostGIS enabled, or a `DatabaseError` that says what to do.
 */
import { mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.types.js';
import { lockDataDir } from './data-dir-lock.js';
import { connectError, isMissingPostgis, noPostgisError } from './database-error.js';
import { createPgPool, pgDb } from './pg.adapter.js';
import { DEFAULT_CLOSE_TIMEOUT_MS, startPgliteWorker, type EmbeddedDatabaseStoppedError } from './pglite-worker.client.js';
import { pgliteWorkerDb } from './pglite-worker.adapter.js';
import type { TurnOrder } from './statement-turns.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../..');

export interface DatabaseTarget {
  /** postgres://… ; empty counts as absent. */
  databaseUrl?: string;
  /** Folder of the embedded database, or `memory://`. */
  dataDir?: string;
  /**
   * Embedded database only: called when its worker thread dies unexpectedly (every statement then
   * fails with `EmbeddedDatabaseStoppedError`); the server stops so that it can be restarted.
   */
  onEmbeddedStopped?: (error: EmbeddedDatabaseStoppedError) => void;
  /** Embedded database only: the order of statement turns (statement-turns.ts); default `priority`. */
  embeddedTurns?: TurnOrder;
}

/** `$GRIDATLAS_DATA_DIR`, else `<repo>/.data/pglite`. */
export function defaultDataDir(): string {
  return process.env.GRIDATLAS_DATA_DIR || join(repoRoot, '.data/pglite');
}

export async function openDatabase(target: DatabaseTarget = {}): Promise<Db> {
  if (target.databaseUrl) return openPostgres(target.databaseUrl);
  const dataDir = target.dataDir || defaultDataDir();
  // The embedded database runs in a worker thread of its own (pglite-worker.ts), off the event loop.
  const start = (): ReturnType<typeof startPgliteWorker> =>
    startPgliteWorker({ dataDir, ...(target.onEmbeddedStopped ? { onStopped: target.onEmbeddedStopped } : {}) });
  if (dataDir.startsWith('memory://')) {
    const db = pgliteWorkerDb(await start(), DEFAULT_CLOSE_TIMEOUT_MS, target.embeddedTurns);
    await ensurePostgis(db, undefined);
    return db;
  }
  mkdirSync(dirname(dataDir), { recursive: true });
  const release = lockDataDir(dataDir, processPurpose());
  let db: Db | undefined;
  try {
    db = pgliteWorkerDb(await start(), DEFAULT_CLOSE_TIMEOUT_MS, target.embeddedTurns);
    await ensurePostgis(db, undefined);
    const opened = db;
    return { ...opened, close: () => opened.close().finally(release) };
  } catch (error) {
    await db?.close().catch(() => undefined);
    release();
    throw error;
  }
}

/** What the lock says holds the folder: the script and command, e.g. "main.ts" or "gridatlas.ts seed". */
function processPurpose(): string {
  const [script, ...args] = process.argv.slice(1);
  return [script ? basename(script) : 'node', ...args.filter((a) => !a.startsWith('-')).slice(0, 2)].join(' ').slice(0, 120);
}

async function openPostgres(url: string): Promise<Db> {
  const pool = createPgPool(url);
  // An idle client's network error would otherwise crash the process.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw connectError(url, error);
  }
  const db = pgDb(pool);
  try {
    await ensurePostgis(db, url);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return db;
}

/** Enables PostGIS when it is installed but not yet created in this database. */
export async function ensurePostgis(db: Db, url: string | undefined): Promise<void> {
  const present = await db.query<{ n: number }>("SELECT count(*) AS n FROM pg_extension WHERE extname = 'postgis'");
  if ((present.rows[0]?.n ?? 0) > 0) return;
  try {
    await db.exec('CREATE EXTENSION IF NOT EXISTS postgis');
  } catch (error) {
    if (isMissingPostgis(error)) throw noPostgisError(url, error);
    throw error;
  }
}
