/**
 * `pnpm bench load [--seconds 60] [--connections 16,64] [--backends postgresql,embedded]
 * [--baseline <git ref>|none]`: HTTP load on GridAtlas in demo mode (default district), the
 * server in a child process on a throwaway PostgreSQL 15 + PostGIS cluster and on a fresh
 * embedded database. Per backend, side by side in the same run: the server of the baseline
 * commit (default: main before issue 15's regions work) and ours, one after the other on the
 * same machine; per concurrency `GET /api/health` (the HTTP stack and two trivial queries) and
 * a realistic mix of map layers, regions, meta, plan reads and draft saves (see load-mix.ts).
 * Prints p50/p95/p99 per route for both, the ratio, and the target of issue 15: every route's
 * p95 within 3× of the fastest route's. Errors (non-2xx other than a save's version conflict,
 * socket errors, timeouts) must be 0. The patrol-days warmer is off: the mix reads no patrols,
 * and on the embedded database the warmer would hold the one connection for minutes after
 * the first start (the load while it runs is issue 15's "long work off the request path").
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import autocannon, { type Request, type Result } from 'autocannon';
import { baselineTree, type BaselineTree } from './baseline-tree.js';
import { MIX, MixStats, mixRequests, percentile, type Kind } from './load-mix.js';
import { startLoadServer, type LoadBackend, type LoadServer } from './load-server.js';
import { approvedPlanId, communityCodes, createDraft, login, trySave, type Draft } from './load-setup.js';
import { machineLine } from './machine.js';

/** Drafts the saves share per concurrency: concurrent saves of one draft meet as 409s. */
const DRAFTS = 4;

/** main just before issue 15's work on the common paths (merge of wip/district and its fix-ups). */
const BASELINE_REF = '051ee31';

/** Issue 15: every route's p95 within this factor of the fastest route's, at 16 connections. */
const TARGET_SPREAD = 3;

interface Run {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  socketErrors: number;
}

interface KindRun {
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  conflicts: number;
}

interface Cell {
  connections: number;
  mix: Run;
  errors: number;
  conflicts: number;
  health: Run;
  kinds: Map<Kind, KindRun>;
}

interface Side {
  label: string;
  cells: Cell[];
  notes: string[];
  samples: string[];
  problems: string[];
  seededS: number;
}

async function fire(
  url: string,
  connections: number,
  seconds: number,
  requests: Request[],
  onLatency: (ms: number) => void,
): Promise<{ result: Result; latencies: number[] }> {
  const latencies: number[] = [];
  const result = await new Promise<Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: seconds, timeout: 30, requests }, (error, r) =>
      error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(r),
    );
    instance.on('response', (_client, _status, _bytes, ms) => {
      latencies.push(ms);
      onLatency(ms);
    });
  });
  return { result, latencies };
}

function summarise(result: Result, latencies: number[]): Run {
  return {
    rps: result.requests.average,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    socketErrors: result.errors + result.timeouts,
  };
}

const ms = (v: number): string => (Number.isNaN(v) ? '—' : v < 10 ? v.toFixed(1) : v.toFixed(0));

/** One server, from start to stop: health and the mix at every concurrency. */
async function measure(
  label: string,
  backend: LoadBackend,
  codeDir: string | undefined,
  levels: number[],
  seconds: number,
  password: string,
): Promise<Side> {
  const t0 = performance.now();
  const server: LoadServer = await startLoadServer({
    password,
    readyTimeoutMs: 900_000,
    backend,
    patrolWarmup: false,
    ...(codeDir ? { codeDir } : {}),
  });
  const interrupt = (): void => {
    void server.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    const seededS = (performance.now() - t0) / 1000;
    const [leader, analyst, planner] = await Promise.all(['leader', 'analyst', 'planner'].map((u) => login(server.url, u, password)));
    const communities = await communityCodes(server.url, leader!);
    const approved = await approvedPlanId(server.url, planner!, communities[0]!);
    console.log(`${backend}, ${label}: seeded in ${seededS.toFixed(0)} s; ${communities.length} communities, approved plan ${approved}`);
    const side: Side = { label, cells: [], notes: [], samples: [], problems: server.problems, seededS };
    for (const connections of levels) {
      const drafts: Draft[] = [];
      for (const code of communities) {
        if (drafts.length === DRAFTS) break;
        const draft = await createDraft(server.url, planner!, code, `load ${connections} ${code}`);
        const refused = await trySave(server.url, planner!, draft);
        if (refused === null) drafts.push(draft);
        else if (connections === levels[0])
          side.notes.push(`a draft of community ${code} does not save unchanged: ${refused.slice(0, 200)}`);
      }
      if (drafts.length === 0) throw new Error('no community has a draft that saves unchanged');
      const baseline = await fire(server.url, connections, seconds, [{ method: 'GET', path: '/api/health' }], () => {});
      const stats = new MixStats();
      const requests = mixRequests({
        readers: [leader!, analyst!, planner!],
        planner: planner!,
        communities,
        approvedPlanId: approved,
        drafts,
        stats,
      });
      const { result, latencies } = await fire(server.url, connections, seconds, requests, (v) => stats.latency(v));
      const mix = summarise(result, latencies);
      const kinds = new Map<Kind, KindRun>();
      for (const kind of Object.keys(MIX) as Kind[]) {
        const s = stats.kinds.get(kind);
        if (!s) continue;
        kinds.set(kind, {
          requests: s.ok + s.conflicts + s.errors,
          p50: percentile(s.latencies, 50),
          p95: percentile(s.latencies, 95),
          p99: percentile(s.latencies, 99),
          errors: s.errors,
          conflicts: s.conflicts,
        });
      }
      side.cells.push({
        connections,
        mix,
        errors: stats.total('errors') + mix.socketErrors,
        conflicts: stats.total('conflicts'),
        health: summarise(baseline.result, baseline.latencies),
        kinds,
      });
      side.samples.push(...stats.samples);
    }
    return side;
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    await server.stop();
  }
}

/** Slowest route's p95 ÷ fastest route's, and which they are. */
function spread(cell: Cell): { ratio: number; slow: string; fast: string } {
  const p95s = [...cell.kinds].map(([k, r]) => [k, r.p95] as const).sort((a, b) => a[1] - b[1]);
  const [fast, slow] = [p95s[0]!, p95s[p95s.length - 1]!];
  return { ratio: slow[1] / fast[1], slow: `${slow[0]} ${ms(slow[1])}`, fast: `${fast[0]} ${ms(fast[1])}` };
}

export async function benchLoad(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      seconds: { type: 'string', default: '60' },
      connections: { type: 'string', default: '16,64' },
      backends: { type: 'string', default: 'postgresql,embedded' },
      baseline: { type: 'string', default: BASELINE_REF },
    },
  });
  const seconds = Number(values.seconds);
  const levels = values.connections.split(',').map(Number);
  const backends = values.backends.split(',') as LoadBackend[];
  if (!(seconds > 0) || levels.some((n) => !Number.isInteger(n) || n < 1) || backends.some((b) => b !== 'postgresql' && b !== 'embedded')) {
    throw new Error(
      'usage: pnpm bench load [--seconds N] [--connections 16,64] [--backends postgresql,embedded] [--baseline <git ref>|none]',
    );
  }
  console.log(`machine: ${machineLine()}`);
  const password = process.env.GRIDATLAS_DEMO_PASSWORD || 'gridatlas-demo';
  const tree: BaselineTree | undefined = values.baseline === 'none' ? undefined : baselineTree(values.baseline);
  const results: { backend: LoadBackend; sides: Side[] }[] = [];
  try {
    for (const backend of backends) {
      const sides: Side[] = [];
      if (tree) sides.push(await measure('before', backend, tree.dir, levels, seconds, password));
      sides.push(await measure('ours', backend, undefined, levels, seconds, password));
      results.push({ backend, sides });
    }
  } finally {
    tree?.remove();
  }

  console.log(
    `\nmachine: ${machineLine()}; load average now ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(`${seconds} s per cell; latency in ms; mix per 100 requests: ${JSON.stringify(MIX)}`);
  console.log(
    `before = ${tree ? `the API at ${tree.commit}` : '(none)'}; ours = this checkout; health = GET /api/health on the same server in the same run\n`,
  );
  console.log(
    '| backend | server | connections | mix req/s | p50 | p95 | p99 | errors | 409 conflicts | health req/s | health p50 | health p99 | slowest ÷ fastest route p95 |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const { backend, sides } of results) {
    for (const side of sides) {
      for (const c of side.cells) {
        const s = spread(c);
        console.log(
          `| ${backend} | ${side.label} | ${c.connections} | ${c.mix.rps.toFixed(0)} | ${ms(c.mix.p50)} | ${ms(c.mix.p95)} | ${ms(c.mix.p99)} | ${c.errors} | ${c.conflicts} ` +
            `| ${c.health.rps.toFixed(0)} | ${ms(c.health.p50)} | ${ms(c.health.p99)} | ${s.ratio.toFixed(1)} (${s.slow} ÷ ${s.fast})${c.connections === 16 && side.label === 'ours' ? (s.ratio <= TARGET_SPREAD ? ' ✓' : ` ✗ target ≤ ${TARGET_SPREAD}`) : ''} |`,
        );
      }
    }
  }
  console.log(
    '\n| backend | connections | route | requests (ours) | before p50 | before p95 | ours p50 | ours p95 | ours p99 | before p95 ÷ ours | errors | 409 conflicts |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const { backend, sides } of results) {
    const ours = sides[sides.length - 1]!;
    const before = sides.length > 1 ? sides[0] : undefined;
    for (const c of ours.cells) {
      const b = before?.cells.find((x) => x.connections === c.connections);
      for (const [kind, r] of c.kinds) {
        const k = b?.kinds.get(kind);
        console.log(
          `| ${backend} | ${c.connections} | ${kind} | ${r.requests} | ${k ? ms(k.p50) : '—'} | ${k ? ms(k.p95) : '—'} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${k ? (k.p95 / r.p95).toFixed(1) : '—'} | ${r.errors} | ${r.conflicts} |`,
        );
      }
    }
  }
  for (const { backend, sides } of results) {
    for (const side of sides) {
      for (const note of side.notes) console.log(`\nnote (${backend}, ${side.label}): ${note}`);
      if (side.samples.length > 0) console.log(`\nfirst errors (${backend}, ${side.label}):\n${side.samples.slice(0, 5).join('\n')}`);
      if (side.problems.length > 0)
        console.log(
          `\nserver warnings/errors (${backend}, ${side.label}, last ${Math.min(10, side.problems.length)}):\n${side.problems.slice(-10).join('\n')}`,
        );
    }
  }
}
