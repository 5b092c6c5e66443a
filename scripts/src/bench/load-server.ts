/**
 * The server under load: a throwaway PostgreSQL 15 + PostGIS cluster and GridAtlas in demo
 * mode as a child process (its own event loop, apart from the load generator's), stopped
 * and deleted by `stop()` — which is safe to call twice, e.g. from a Ctrl-C handler.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startPgCluster, type PgCluster } from '@gridatlas/api/testing';
import { waitSeeded } from './wait-seeded.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');

export interface LoadServer {
  url: string;
  databaseUrl: string;
  /** The server's warning and error log lines, newest last (at most 200). */
  problems: string[];
  stop(): Promise<void>;
}

export async function startLoadServer(options: { password: string; readyTimeoutMs: number }): Promise<LoadServer> {
  const cluster: PgCluster = await startPgCluster();
  let child: ChildProcess | undefined;
  let stopped = false;
  const problems: string[] = [];
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child?.once('exit', r));
      child.kill('SIGTERM');
      // A server that does not stop within 10 s is killed: the run must end by itself.
      const hard = setTimeout(() => child?.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(hard);
    }
    cluster.stop();
  };
  try {
    const port = await freePort();
    child = spawn(process.execPath, ['--import', 'tsx', 'api/src/main.ts'], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: cluster.url,
        GRIDATLAS_DEMO_PASSWORD: options.password,
        GRIDATLAS_NO_STATIC: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer): void => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!/"level":"(warn|error)"|Error|cannot start/.test(line)) continue;
        problems.push(line);
        if (problems.length > 200) problems.shift();
      }
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const url = `http://127.0.0.1:${port}`;
    await waitSeeded(url, child, options.readyTimeoutMs);
    return { url, databaseUrl: cluster.url, problems, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
