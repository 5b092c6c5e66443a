/**
 * The server under load: GridAtlas in demo mode as a child process (its own event loop, apart
 * from the load generator's) on a throwaway PostgreSQL 15 + PostGIS cluster or on a fresh
 * embedded database in a temp folder, stopped and deleted by `stop()` — which is safe to call
 * twice, e.g. from a Ctrl-C handler. `restart()` stops the server process gracefully (SIGTERM)
 * and starts it again on the same port and the same database (the soak bench's restart).
 * `codeDir`: run the server of another checkout (a baseline, see baseline-tree.ts) instead of
 * this one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startPgCluster, type PgCluster } from '@gridatlas/api/testing';
import { waitSeeded } from './wait-seeded.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');

export type LoadBackend = 'postgresql' | 'embedded';

export interface LoadServer {
  url: string;
  /** postgres URL of its database (PostgreSQL backend only). */
  databaseUrl?: string;
  /** The server's warning and error log lines, newest last (at most 200). */
  problems: string[];
  /** The server process's id (it changes with a restart), for reading its RSS from /proc. */
  pid(): number;
  /**
   * SIGTERM, wait for the exit (SIGKILL after `graceMs`, default 30 s), start again on the
   * same port and data, wait until seeded. Resolves with how long the server did not answer
   * (from the signal to seeded again, ms), how long it took to exit, and its exit code (null
   * when it had to be killed).
   */
  restart(graceMs?: number): Promise<{ downMs: number; stopMs: number; exitCode: number | null }>;
  stop(): Promise<void>;
}

export async function startLoadServer(options: {
  password: string;
  readyTimeoutMs: number;
  backend?: LoadBackend;
  codeDir?: string;
  patrolWarmup?: boolean;
}): Promise<LoadServer> {
  const cluster: PgCluster | undefined = (options.backend ?? 'postgresql') === 'postgresql' ? await startPgCluster() : undefined;
  const dataDir = options.backend === 'embedded' ? mkdtempSync(join(tmpdir(), 'gridatlas-load-')) : undefined;
  let child: ChildProcess | undefined;
  let stopped = false;
  const problems: string[] = [];
  /** SIGTERM the server process and wait for its exit; its exit code (null when killed). */
  const stopChild = async (graceMs = 10_000): Promise<number | null> => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return running?.exitCode ?? null;
    const exited = new Promise<number | null>((r) => running.once('exit', (code) => r(code)));
    running.kill('SIGTERM');
    // A server that does not stop within the grace time is killed: the run must end by itself.
    const hard = setTimeout(() => running.kill('SIGKILL'), graceMs);
    const code = await exited;
    clearTimeout(hard);
    return code;
  };
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await stopChild();
    cluster?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      GRIDATLAS_DEMO_PASSWORD: options.password,
      GRIDATLAS_NO_STATIC: '1',
      // The patrol-days warmer works out 60–90 days of coverage after a first start; on the
      // embedded database it would share the one connection with the load for minutes.
      GRIDATLAS_PATROL_WARMUP: options.patrolWarmup === false ? '0' : (process.env.GRIDATLAS_PATROL_WARMUP ?? '1'),
    };
    if (cluster) env.DATABASE_URL = cluster.url;
    else {
      delete env.DATABASE_URL;
      env.GRIDATLAS_DATA_DIR = join(dataDir!, 'pglite');
    }
    const keep = (chunk: Buffer): void => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!/"level":"(warn|error)"|Error|cannot start/.test(line)) continue;
        problems.push(line);
        if (problems.length > 200) problems.shift();
      }
    };
    const url = `http://127.0.0.1:${port}`;
    const startChild = async (): Promise<void> => {
      child = spawn(process.execPath, ['--import', 'tsx', 'api/src/main.ts'], {
        cwd: options.codeDir ?? root,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout?.on('data', keep);
      child.stderr?.on('data', keep);
      await waitSeeded(url, child, options.readyTimeoutMs);
    };
    await startChild();
    const restart = async (graceMs = 30_000): Promise<{ downMs: number; stopMs: number; exitCode: number | null }> => {
      const t0 = performance.now();
      const exitCode = await stopChild(graceMs);
      const stopMs = performance.now() - t0;
      await startChild();
      return { downMs: performance.now() - t0, stopMs, exitCode };
    };
    const pid = (): number => child?.pid ?? 0;
    return { url, ...(cluster ? { databaseUrl: cluster.url } : {}), problems, pid, restart, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
