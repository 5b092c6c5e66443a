/**
 * `pnpm bench load [--seconds 60] [--connections 16,64]`: HTTP load on GridAtlas in demo mode
 * against a throwaway PostgreSQL 15 + PostGIS cluster, the server in a child process. Per
 * concurrency, side by side in the same run: `GET /api/health` (the baseline — the HTTP stack
 * and two trivial queries) and a realistic mix of map layers, regions, meta, plan reads and
 * draft saves (see load-mix.ts). Errors (non-2xx other than a save's version conflict, socket
 * errors, timeouts) must be 0.
 */
import { parseArgs } from 'node:util';
import autocannon, { type Request, type Result } from 'autocannon';
import { MIX, MixStats, mixRequests, percentile, type Kind } from './load-mix.js';
import { startLoadServer, type LoadServer } from './load-server.js';
import { approvedPlanId, communityCodes, createDraft, login, trySave, type Draft } from './load-setup.js';
import { machineLine } from './machine.js';

/** Drafts the saves share per concurrency: concurrent saves of one draft meet as 409s. */
const DRAFTS = 4;

interface Run {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  socketErrors: number;
}

async function fire(url: string, connections: number, seconds: number, requests: Request[], onLatency: (ms: number) => void): Promise<{ result: Result; latencies: number[] }> {
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

const ms = (v: number): string => (v < 10 ? v.toFixed(1) : v.toFixed(0));

export async function benchLoad(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { seconds: { type: 'string', default: '60' }, connections: { type: 'string', default: '16,64' } },
  });
  const seconds = Number(values.seconds);
  const levels = values.connections.split(',').map(Number);
  if (!(seconds > 0) || levels.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new Error('usage: pnpm bench load [--seconds N] [--connections 16,64]');
  }
  console.log(`machine: ${machineLine()}`);

  const password = process.env.GRIDATLAS_DEMO_PASSWORD || 'gridatlas-demo';
  const t0 = performance.now();
  const server: LoadServer = await startLoadServer({ password, readyTimeoutMs: 600_000 });
  // Ctrl-C still stops the server and deletes the cluster.
  const interrupt = (): void => {
    void server.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    console.log(`server (PostgreSQL 15 + PostGIS, demo district, default scale) seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const [leader, analyst, planner] = await Promise.all(['leader', 'analyst', 'planner'].map((u) => login(server.url, u, password)));
    const communities = await communityCodes(server.url, leader!);
    const approved = await approvedPlanId(server.databaseUrl);
    console.log(`${communities.length} communities, approved plan ${approved}; mix per 100 requests: ${JSON.stringify(MIX)}`);

    const rows: string[] = [];
    const perKind: string[] = [];
    const samples: string[] = [];
    // Communities whose approved grids, copied into a draft, are refused when saved unchanged.
    const unsavable = new Map<string, string>();
    for (const connections of levels) {
      const drafts: Draft[] = [];
      for (const code of communities) {
        if (drafts.length === DRAFTS) break;
        const draft = await createDraft(server.url, planner!, code, `load ${connections} ${code}`);
        const refused = await trySave(server.url, planner!, draft);
        if (refused === null) drafts.push(draft);
        else unsavable.set(code, refused);
      }
      if (drafts.length === 0) throw new Error('no community has a draft that saves unchanged');
      const baseline = await fire(server.url, connections, seconds, [{ method: 'GET', path: '/api/health' }], () => {});
      const health = summarise(baseline.result, baseline.latencies);
      const stats = new MixStats();
      const requests = mixRequests({ readers: [leader!, analyst!, planner!], planner: planner!, communities, approvedPlanId: approved, drafts, stats });
      const { result, latencies } = await fire(server.url, connections, seconds, requests, (v) => stats.latency(v));
      const mix = summarise(result, latencies);
      const errors = stats.total('errors') + mix.socketErrors;
      rows.push(
        `| ${connections} | ${mix.rps.toFixed(0)} | ${ms(mix.p50)} | ${ms(mix.p95)} | ${ms(mix.p99)} | ${errors} | ${stats.total('conflicts')} ` +
          `| ${health.rps.toFixed(0)} | ${ms(health.p50)} | ${ms(health.p99)} | ${health.socketErrors} | ${(mix.rps / health.rps).toFixed(3)} |`,
      );
      for (const kind of Object.keys(MIX) as Kind[]) {
        const s = stats.kinds.get(kind);
        if (!s) continue;
        perKind.push(
          `| ${connections} | ${kind} | ${s.ok + s.conflicts + s.errors} | ${ms(percentile(s.latencies, 50))} | ${ms(percentile(s.latencies, 99))} | ${s.errors} | ${s.conflicts} |`,
        );
      }
      samples.push(...stats.samples);
    }

    console.log(`\nmachine: ${machineLine()}\n${seconds} s per cell; latency in ms; baseline = GET /api/health on the same server in the same run\n`);
    console.log('| connections | mix req/s | p50 | p95 | p99 | errors | 409 conflicts | health req/s | health p50 | health p99 | health errors | mix ÷ health |');
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const row of rows) console.log(row);
    console.log('\n| connections | kind | requests | p50 | p99 | errors | 409 conflicts |');
    console.log('| --- | --- | --- | --- | --- | --- | --- |');
    for (const row of perKind) console.log(row);
    for (const [code, answer] of unsavable) console.log(`\nnote: a draft of community ${code} does not save unchanged: ${answer}`);
    if (samples.length > 0) console.log(`\nfirst errors:\n${samples.join('\n')}`);
    if (server.problems.length > 0) console.log(`\nserver warnings/errors (last ${Math.min(10, server.problems.length)}):\n${server.problems.slice(-10).join('\n')}`);
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    await server.stop();
  }
}
