/**
 * `pnpm bench coverage-job [--clients 4] [--old-cap 120] [--fifo-cap 300] [--warm-seconds 60]`:
 * short requests while long patrol work runs on the embedded database (issue 15). The demo
 * district (default scale, the smallest) is seeded once with no background warm-up, so no day is
 * worked out, and copied; then, on identical copies, the server in a child process:
 *  - old path: the coverage request works the oldest month out inside the request, in one
 *    statement (GRIDATLAS_PATROL_INLINE_TRACKS very large, no request time limit — as before
 *    issue 15). It is given `--old-cap` seconds (0 skips it): on a busy machine it may not answer
 *    for many minutes, and then its figure is "> cap, did not answer" and the server is stopped;
 *  - ours: the request answers 202 and the job works the days out a few tracks per statement,
 *    the job's statements first come first served against requests (statement-turns.ts), given `--ours-cap`
 *    seconds (default 3600; on a busy machine the job takes tens of minutes, so a shorter cap
 *    measures the short requests over its first part and prints its progress at the cap);
 *  - baseline, first come first served: the same job with GRIDATLAS_EMBEDDED_TURNS=fifo (the
 *    turns before the priorities), given `--fifo-cap` seconds (0 skips it; the job's progress at
 *    the cap is printed);
 *  - first start: the server with the background warm-up on (it works out the last 60 days
 *    after a first start), measured for `--warm-seconds` from when it answers, with priorities
 *    and (unless `--fifo-cap 0`) first come first served.
 * `--seeded-dir <folder>` starts from a folder seeded earlier (by this bench, warm-up off; it is
 * copied, never changed) instead of seeding for minutes.
 * Meanwhile `--clients` loops each issue GET /api/auth/me and GET /api/layers/grids (the grid
 * layer) one after another; their latencies give p50/p95/max. A request still waiting when a
 * run ends counts with the time it had waited (a lower bound) and as unanswered.
 * Target: p95 ≤ 200 ms.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
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

interface Outcome extends ShortRequests {
  /** Seconds until the coverage answered, or null when it did not within the cap. */
  coverageS: number | null;
  grids: number | null;
  /** How long the short requests ran, s. */
  windowS: number;
  /** Times the coverage request was refused (503 time_limit) and asked again. */
  retries?: number;
  /** 1-minute load average of the machine when the measured window began and ended (shared machines). */
  load: [number, number];
  /** The job's last polled progress (0 … 1) when it did not finish within the cap. */
  progress?: number;
}

/**
 * GET without a client-side time limit (fetch gives up after 300 s; the old path can take
 * longer on a busy machine); `signal` abandons it.
 */
function get(url: string, session: Session, signal?: AbortSignal): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    // A new connection each time (agent: false): a pooled keep-alive socket the server closes
    // as it is reused answers ECONNRESET, which would end the run.
    httpGet(url, { agent: false, headers: { cookie: session.cookie }, ...(signal ? { signal } : {}) }, (res) => {
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

interface ShortRequests {
  latencies: number[];
  /** The same latencies per route (`/api/auth/me`, `/api/layers/grids`). */
  byRoute: Record<string, number[]>;
  errors: number;
  /** Requests still waiting when the run ended (their wait so far is in `latencies`). */
  unanswered: number;
}

/** Short requests from `clients` loops until `done` resolves; requests then still waiting are abandoned. */
async function shortRequests(
  server: Running,
  session: Session,
  district: string,
  clients: number,
  done: Promise<unknown>,
): Promise<ShortRequests> {
  const abandon = new AbortController();
  void done.finally(() => abandon.abort());
  const out: ShortRequests = { latencies: [], byRoute: { '/api/auth/me': [], '/api/layers/grids': [] }, errors: 0, unanswered: 0 };
  const paths = ['/api/auth/me', `/api/layers/grids?region=${district}&plan=current`];
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = c; !abandon.signal.aborted; i++) {
        const t0 = performance.now();
        const r = await get(`${server.url}${paths[i % paths.length]}`, session, abandon.signal).catch(() => ({
          status: abandon.signal.aborted ? -1 : 0,
          body: null,
        }));
        const took = performance.now() - t0;
        out.latencies.push(took);
        out.byRoute[i % paths.length === 0 ? '/api/auth/me' : '/api/layers/grids']!.push(took);
        if (r.status === -1) out.unanswered++;
        else if (r.status !== 200) out.errors++;
      }
    }),
  );
  return out;
}

/** Times the coverage request itself was refused with 503 `time_limit` and asked again (as its message says), per run. */
let coverageRetries = 0;
/** The coverage job's last polled progress, per run. */
let coverageProgress = 0;

/** Asks for the coverage and polls its job until it ends, or until `stop` aborts (the run's cap: its server is then stopped). */
async function coverage(server: Running, session: Session, query: string, stop: AbortSignal): Promise<number | null> {
  let first = await get(`${server.url}/api/analytics/patrols/coverage?${query}`, session);
  // Refused at its time limit on a busy machine (it waited behind other requests): try again after Retry-After, as a client would.
  for (let attempt = 0; first.status === 503 && attempt < 10; attempt++) {
    coverageRetries++;
    await sleep(5_000);
    first = await get(`${server.url}/api/analytics/patrols/coverage?${query}`, session);
  }
  if (first.status === 200) return (first.body as { rows: unknown[] }).rows.length;
  if (first.status !== 202) throw new Error(`coverage: ${first.status} ${JSON.stringify(first.body)}`);
  const href = (first.body as { href: string }).href;
  // Polling a stopped server would go on for ever and keep the bench from exiting.
  while (!stop.aborted) {
    await new Promise((r) => setTimeout(r, 250));
    // A poll lost to a network error is polled again.
    const polled = await get(`${server.url}${href}`, session).catch(() => null);
    if (!polled) continue;
    const job = polled.body as { state: string; progress?: number; result: { rows: unknown[] } | null; error: unknown };
    coverageProgress = job.progress ?? coverageProgress;
    if (job.state === 'succeeded') return job.result!.rows.length;
    if (job.state === 'failed' || job.state === 'cancelled') throw new Error(`coverage job ${job.state}: ${JSON.stringify(job.error)}`);
  }
  return null;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Coverage of the oldest month (old path or ours) while the short requests run; `capS` bounds the wait. */
async function run(dataDir: string, env: Record<string, string>, clients: number, capS: number): Promise<Outcome> {
  coverageRetries = 0;
  coverageProgress = 0;
  const server = await startServer(dataDir, env);
  try {
    const session = await login(server.url, 'analyst', PASSWORD);
    const meta = (await get(`${server.url}/api/meta`, session)).body as { referenceDate: string; district: { code: string } };
    // The oldest month of the demo's 90 days of tracks: outside the 60 days the warm-up keeps.
    const to = Date.parse(`${meta.referenceDate}T00:00:00+08:00`) - 59 * DAY_MS;
    const day = (ms: number): string => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
    const query = `from=${day(to - 30 * DAY_MS)}&to=${day(to)}`;
    // Warm the short routes' first reads before measuring.
    for (let i = 0; i < 3; i++) await shortRequests(server, session, meta.district.code, 1, sleep(300));
    const load0 = loadavg()[0]!;
    const t0 = performance.now();
    const stopPolling = new AbortController();
    const work = coverage(server, session, query, stopPolling.signal).then((grids) => ({ grids, s: (performance.now() - t0) / 1000 }));
    // An unref'd timer: the cap of a run that answered must not keep the bench alive.
    const cap = new Promise<null>((r) => setTimeout(() => r(null), capS * 1000).unref());
    const capped = Promise.race([work, cap]);
    const short = shortRequests(
      server,
      session,
      meta.district.code,
      clients,
      capped.catch(() => undefined),
    );
    const answer = await capped;
    stopPolling.abort();
    const windowS = (performance.now() - t0) / 1000;
    const requests = await short;
    return {
      ...requests,
      coverageS: answer?.s ?? null,
      grids: answer?.grids ?? null,
      windowS,
      retries: coverageRetries,
      ...(answer ? {} : { progress: coverageProgress }),
      load: [load0, loadavg()[0]!],
    };
  } finally {
    // A server still inside the old path's one statement ignores SIGTERM until it ends: stop() kills it after 15 s.
    await server.stop();
  }
}

/** Short requests for `seconds` from the moment a server with the background warm-up on answers. */
async function firstStart(dataDir: string, clients: number, seconds: number, env: Record<string, string> = {}): Promise<Outcome> {
  const server = await startServer(dataDir, { GRIDATLAS_PATROL_WARMUP: '1', ...env });
  try {
    const session = await login(server.url, 'analyst', PASSWORD);
    const meta = (await get(`${server.url}/api/meta`, session)).body as { district: { code: string } };
    const load0 = loadavg()[0]!;
    const t0 = performance.now();
    const requests = await shortRequests(server, session, meta.district.code, clients, sleep(seconds * 1000));
    return { ...requests, coverageS: null, grids: null, windowS: (performance.now() - t0) / 1000, load: [load0, loadavg()[0]!] };
  } finally {
    await server.stop();
  }
}

const ms = (v: number): string => (v < 10 ? v.toFixed(1) : v.toFixed(0));

export async function benchCoverageJob(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      clients: { type: 'string', default: '4' },
      'old-cap': { type: 'string', default: '120' },
      'fifo-cap': { type: 'string', default: '300' },
      'ours-cap': { type: 'string', default: '3600' },
      'seeded-dir': { type: 'string' },
      'warm-seconds': { type: 'string', default: '60' },
    },
  });
  const clients = Number(values.clients);
  const capS = Number(values['old-cap']);
  const warmS = Number(values['warm-seconds']);
  const fifoCapS = Number(values['fifo-cap']);
  const oursCapS = Number(values['ours-cap']);
  if (!Number.isInteger(clients) || clients < 1 || !(capS >= 0) || !(fifoCapS >= 0) || !(oursCapS > 0) || !(warmS > 0)) {
    throw new Error(
      'usage: pnpm bench coverage-job [--clients N] [--old-cap seconds, 0: skip] [--fifo-cap seconds, 0: skip] [--warm-seconds seconds]',
    );
  }
  const FIFO = { GRIDATLAS_EMBEDDED_TURNS: 'fifo' };
  console.log(`machine: ${machineLine()}`);
  const base = mkdtempSync(join(tmpdir(), 'gridatlas-coverage-job-'));
  try {
    const seeded = values['seeded-dir'] ?? join(base, 'seeded');
    if (values['seeded-dir']) console.log(`demo district from ${seeded} (seeded earlier)`);
    else {
      const t0 = performance.now();
      await (await startServer(seeded, {})).stop();
      console.log(`demo district seeded on the embedded database in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    }
    const copies = ['ours', 'first', ...(capS > 0 ? ['old'] : []), ...(fifoCapS > 0 ? ['fifo', 'first-fifo'] : [])];
    for (const copy of copies) cpSync(seeded, join(base, copy), { recursive: true });
    const rows: [string, Outcome][] = [];
    if (capS > 0) {
      const old = await run(
        join(base, 'old'),
        { GRIDATLAS_PATROL_INLINE_TRACKS: '1000000000', GRIDATLAS_STATEMENT_TIMEOUT_MS: '0' },
        clients,
        capS,
      );
      console.log(`old path: ${old.coverageS === null ? `no answer within ${capS} s` : `answered in ${old.coverageS.toFixed(1)} s`}`);
      rows.push(['old: oldest 30 days in the request, one statement', old]);
    }
    const ours = await run(join(base, 'ours'), {}, clients, oursCapS);
    console.log(
      `ours: ${ours.coverageS === null ? `not finished within ${oursCapS} s (at ${Math.round((ours.progress ?? 0) * 100)}%)` : `answered in ${ours.coverageS.toFixed(1)} s`}`,
    );
    rows.push(['ours: 202 + job, job and requests first come first served, clients round robin', ours]);
    if (fifoCapS > 0) {
      const fifo = await run(join(base, 'fifo'), FIFO, clients, fifoCapS);
      console.log(
        `first come first served: ${fifo.coverageS === null ? `not finished within ${fifoCapS} s (at ${Math.round((fifo.progress ?? 0) * 100)}%)` : `answered in ${fifo.coverageS.toFixed(1)} s`}`,
      );
      rows.push(['baseline: the same job, turns first come first served (before)', fifo]);
    }
    const first = await firstStart(join(base, 'first'), clients, warmS);
    rows.push([`first start, ours: the patrol-day warm-up running (first ${warmS} s)`, first]);
    const firstFifo = fifoCapS > 0 ? await firstStart(join(base, 'first-fifo'), clients, warmS, FIFO) : null;
    if (firstFifo) rows.push([`first start, baseline first come first served (first ${warmS} s)`, firstFifo]);
    console.log(`\nmachine: ${machineLine()}`);
    console.log(
      `embedded database, demo district (default scale); ${clients} clients of short requests (GET /api/auth/me, GET /api/layers/grids) meanwhile\n`,
    );
    console.log(
      '| while | load avg (1 min) start → end | coverage answered in | grids | short requests | p50 ms | p95 ms | max ms | /api/auth/me p95 ms | /api/layers/grids p95 ms | errors | unanswered at the end |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const [name, o] of rows) {
      const retried = o.retries ? ` (after ${o.retries} × 503, asked again)` : '';
      const cap = o === ours ? oursCapS : name.startsWith('old') ? capS : fifoCapS;
      const answered =
        o === first || o === firstFifo
          ? '—'
          : o.coverageS === null
            ? `> ${cap} s, did not answer${o.progress !== undefined ? ` (job at ${Math.round(o.progress * 100)}%)` : ''}`
            : `${o.coverageS.toFixed(1)} s${retried}`;
      const routeP95 = (route: string): string => (o.byRoute[route]!.length ? ms(percentile(o.byRoute[route]!, 95)) : '—');
      console.log(
        `| ${name} | ${o.load[0].toFixed(1)} → ${o.load[1].toFixed(1)} | ${answered} | ${o.grids ?? '—'} | ${o.latencies.length} | ${ms(percentile(o.latencies, 50))} | ${ms(percentile(o.latencies, 95))} | ${ms(Math.max(...o.latencies))} | ${routeP95('/api/auth/me')} | ${routeP95('/api/layers/grids')} | ${o.errors} | ${o.unanswered} |`,
      );
    }
    const p95 = (o: Outcome): number => percentile(o.latencies, 95);
    for (const [name, o] of rows.filter(([, o]) => o !== ours && o !== first && o !== firstFifo)) {
      console.log(
        `p95 of short requests, ${name.split(':')[0]} ÷ ours: ${o.coverageS === null ? '≥ ' : ''}${(p95(o) / p95(ours)).toFixed(1)}×`,
      );
    }
    if (firstFifo) console.log(`p95 of short requests after a first start, baseline ÷ ours: ${(p95(firstFifo) / p95(first)).toFixed(1)}×`);
    console.log(
      `target p95 ≤ 200 ms — while the job runs: ${p95(ours) <= 200 ? 'met' : 'NOT met'} (${ms(p95(ours))} ms); after a first start, warm-up running: ${p95(first) <= 200 ? 'met' : 'NOT met'} (${ms(p95(first))} ms)`,
    );
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}
