/**
 * A real GridAtlas server as a child process, for crash tests: started on a database (an
 * embedded data folder or a PostgreSQL URL), logged in as the demo admin, killed with SIGKILL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './pg-cluster.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const PASSWORD = 'crash-test-password';

export interface ChildServer {
  child: ChildProcess;
  url: string;
  cookie: string;
  csrf: string;
}

/** `env`: DATABASE_URL or GRIDATLAS_DATA_DIR. Patrol warm-up is off, so only the test writes. */
export async function startChildServer(env: Record<string, string>): Promise<ChildServer> {
  const port = await freePort();
  // node with tsx as a loader: the `tsx` command forks a second process a SIGKILL would miss.
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      GRIDATLAS_NO_STATIC: '1',
      GRIDATLAS_DEMO_PASSWORD: PASSWORD,
      GRIDATLAS_LOG_LEVEL: 'warn',
      GRIDATLAS_PATROL_WARMUP: '0',
      DATABASE_URL: '',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 3000; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: PASSWORD }),
      });
      if (res.ok) {
        const jar = new Map(res.headers.getSetCookie().map((l) => l.split(';')[0]!.split('=') as [string, string]));
        return { child, url, cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), csrf: jar.get('ga_csrf') ?? '' };
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

export async function kill9(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

/** A request with the session and CSRF token; JSON bodies, or FormData as it is. */
export async function callChild<T>(s: ChildServer, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${s.url}${path}`, {
    method,
    headers: {
      cookie: s.cookie,
      'x-csrf-token': s.csrf,
      ...(body instanceof FormData || body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: body instanceof FormData ? body : JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as T };
}
