/**
 * `pnpm bench coverage-job [--clients 4]`: short requests while patrol coverage of a month
 * outside the worked-out window is computed, on the embedded database (issue 15). The demo
 * district is seeded once (no background warm-up, so no day is worked out) and copied; then,
 * side by side in the same run on identical copies, the server in a child process:
 *  - old path: the coverage request works the month out inside the request, in one statement
 *    (GRIDATLAS_PATROL_INLINE_TRACKS very large, no request time limit — as before issue 15);
 *  - ours: the request answers 202 and the job works the days out a few tracks per statement.
 * Meanwhile `--clients` loops each issue GET /api/auth/me and GET /api/layers/grids (the grid
 * layer) one after another; their latencies from the start of the coverage request until it
 * has its result give p50/p95/max. Target: p95 ≤ 200 ms.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { freePort } from '@gridatlas/api/testing';
import { percentile } from './load-mix.js';
import { login, type Session } from './load-setup.js';
import { machineLine } from './machine.js';
import { waitSeeded } from './wait-seeded.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const PASSWORD = 'gridatlas-demo';
const DAY_MS = 86_400_000;

interface Running {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

async function startServer(dataDir: string, env: Record<string, string>): Promise<Running> {
  const port = await freePort();
  // node --import tsx keeps the server in this child, so SIGTERM reaches it (the tsx binary forks).
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: '',
      GRIDATLAS_DATA_DIR: dataDir,
      GRIDATLAS_DEMO_PASSWORD: PASSWORD,
      GRIDATLAS_NO_STATIC: '1',
      GRIDATLAS_PATROL_WARMUP: '0',
      GRIDATLAS_RESPONSE_CACHE_MB: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout?.resume();
  const url = `http://127.0.0.1:${port}`;
  await waitSeeded(url, child, 900_000);
  return {
    url,
    child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const hard = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(hard);
    },
  };
}

interface Outcome {
  coverageS: number;
  grids: number;
  latencies: number[];
  errors: number;
}

/** GET without a client-side time limit (fetch gives up after 300 s; the old path can take longer on a busy machine). */
function get(url: string, session: Session): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    httpGet(url, { headers: { cookie: session.cookie } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as unknown) : null });
      });
      res.on('error', reject);
    }).on('error', reject);
  });
}

/** Short requests from `clients` loops until `done` resolves. */
async function shortRequests(server: Running, session: Session, district: string, clients: number, done: Promise<unknown>): Promise<{ latencies: number[]; errors: number }> {
  let stop = false;
  void done.finally(() => (stop = true));
  const latencies: number[] = [];
  let errors = 0;
  const paths = ['/api/auth/me', `/api/layers/grids?region=${district}&plan=current`];
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = c; !stop; i++) {
        const t0 = performance.now();
        const r = await get(`${server.url}${paths[i % paths.length]}`, session).catch(() => ({ status: 0, body: null }));
        latencies.push(performance.now() - t0);
        if (r.status !== 200) errors++;
      }
    }),
  );
  return { latencies, errors };
}

async function coverage(server: Running, session: Session, query: string): Promise<number> {
  const first = await get(`${server.url}/api/analytics/patrols/coverage?${query}`, session);
  if (first.status === 200) return (first.body as { rows: unknown[] }).rows.length;
  if (first.status !== 202) throw new Error(`coverage: ${first.status} ${JSON.stringify(first.body)}`);
  const href = (first.body as { href: string }).href;
  for (;;) {
    await new Promise((r) => setTimeout(r, 250));
    const job = (await get(`${server.url}${href}`, session)).body as { state: string; result: { rows: unknown[] } | null; error: unknown };
    if (job.state === 'succeeded') return job.result!.rows.length;
    if (job.state === 'failed' || job.state === 'cancelled') throw new Error(`coverage job ${job.state}: ${JSON.stringify(job.error)}`);
  }
}

async function run(dataDir: string, env: Record<string, string>, clients: number): Promise<Outcome> {
  const server = await startServer(dataDir, env);
  try {
    const session = await login(server.url, 'analyst', PASSWORD);
    const meta = (await get(`${server.url}/api/meta`, session)).body as { referenceDate: string; district: { code: string } };
    // The oldest month of the demo's 90 days of tracks: outside the 60 days the warm-up keeps.
    const to = Date.parse(`${meta.referenceDate}T00:00:00+08:00`) - 59 * DAY_MS;
    const day = (ms: number): string => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
    const query = `from=${day(to - 30 * DAY_MS)}&to=${day(to)}`;
    // Warm the short routes' first reads before measuring.
    for (let i = 0; i < 3; i++) await shortRequests(server, session, meta.district.code, 1, new Promise((r) => setTimeout(r, 300)));
    const t0 = performance.now();
    const work = coverage(server, session, query);
    const short = shortRequests(server, session, meta.district.code, clients, work.catch(() => undefined));
    const grids = await work;
    const coverageS = (performance.now() - t0) / 1000;
    const { latencies, errors } = await short;
    return { coverageS, grids, latencies, errors };
  } finally {
    await server.stop();
  }
}

const ms = (v: number): string => (v < 10 ? v.toFixed(1) : v.toFixed(0));

export async function benchCoverageJob(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { clients: { type: 'string', default: '4' } } });
  const clients = Number(values.clients);
  if (!Number.isInteger(clients) || clients < 1) throw new Error('usage: pnpm bench coverage-job [--clients N]');
  console.log(`machine: ${machineLine()}`);
  const base = mkdtempSync(join(tmpdir(), 'gridatlas-coverage-job-'));
  try {
    const seeded = join(base, 'seeded');
    const t0 = performance.now();
    await (await startServer(seeded, {})).stop();
    console.log(`demo district seeded on the embedded database in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    for (const copy of ['old', 'ours']) cpSync(seeded, join(base, copy), { recursive: true });
    const old = await run(join(base, 'old'), { GRIDATLAS_PATROL_INLINE_TRACKS: '1000000000', GRIDATLAS_STATEMENT_TIMEOUT_MS: '0' }, clients);
    const ours = await run(join(base, 'ours'), {}, clients);
    console.log(`\nmachine: ${machineLine()}`);
    console.log(`patrol coverage of the oldest 30 days of the demo district (none worked out), embedded database; ${clients} clients of short requests meanwhile\n`);
    console.log('| path | coverage answered in | grids | short requests | p50 ms | p95 ms | max ms | errors |');
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const [name, o] of [['old: in the request, one statement', old], ['ours: 202 + job, 16 tracks per statement', ours]] as const) {
      console.log(
        `| ${name} | ${o.coverageS.toFixed(1)} s | ${o.grids} | ${o.latencies.length} | ${ms(percentile(o.latencies, 50))} | ${ms(percentile(o.latencies, 95))} | ${ms(Math.max(...o.latencies))} | ${o.errors} |`,
      );
    }
    console.log(`\np95 of short requests, old ÷ ours: ${(percentile(old.latencies, 95) / percentile(ours.latencies, 95)).toFixed(1)}×; target p95 ≤ 200 ms: ${percentile(ours.latencies, 95) <= 200 ? 'met' : 'NOT met'}`);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}
