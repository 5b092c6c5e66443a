/**
 * `pnpm bench analytics [--incidents 1000000] [--tracks 10000] [--points 1000] [--rounds 5] [--endpoints hexbins,grids,tiles] [--client http|fetch]`:
 * the incident analytics on a real PostgreSQL 15 + PostGIS with the lianhu demo district,
 * 1,000,000 incidents and 10,000 patrol tracks × 1,000 fixes (10,000,000 track points),
 * generated in SQL. For a fixed list of viewports (the district, two subdistricts, three
 * communities) it measures p50/p95 of the hexbin, per-grid count and tile endpoints over
 * HTTP at concurrency 1 and 8, each beside the same SQL timed straight through `pg` in the
 * same run (the queries the route ran, captured from an in-process app over the same
 * database). Targets at concurrency 8: p95 hexbin and per-grid < 150 ms, tiles < 50 ms.
 * `--endpoints workload,special-grids,special-summary` times the routes that place buildings
 * in grids (the workload index, special-group people per grid and the per-grid summary of a
 * community) the same way; they are not in the default set, and have no target of their own.
 */
import { parseArgs } from 'node:util';
import { createApp, nextPatrolDay, openDatabase, type Db } from '@gridatlas/api';
import { lngLatToMercator, WEB_MERCATOR_WORLD as WORLD } from '@gridatlas/core';
import { generateIncidents, generateTracks } from './analytics-data.js';
import { login, type Session } from './load-setup.js';
import { percentile } from './load-mix.js';
import { startLoadServer } from './load-server.js';
import { machineLine } from './machine.js';
import { benchGet, type BenchClient } from './bench-get.js';

type Kind = 'hexbins' | 'grids' | 'tiles' | 'workload' | 'special-grids' | 'special-summary';
/** p95 targets at concurrency 8 (issue 6); null: none set, reported only. */
const TARGET_P95: Record<Kind, number | null> = {
  hexbins: 150,
  grids: 150,
  tiles: 50,
  workload: null,
  'special-grids': null,
  'special-summary': null,
};
const INCIDENT_KINDS: readonly Kind[] = ['hexbins', 'grids', 'tiles'];

interface Viewport {
  level: 'district' | 'subdistrict' | 'community';
  code: string;
  bbox: [number, number, number, number];
  zoom: number;
}

interface Probe {
  kind: Kind;
  level: Viewport['level'];
  path: string;
  /** The queries the route ran for this path when computing it, replayed through pg as "raw SQL". */
  queries: { sql: string; params: readonly unknown[] }[];
}

const mercX = (lng: number): number => lngLatToMercator(lng, 0)[0];
const mercY = (lat: number): number => lngLatToMercator(0, lat)[1];

/** The zoom at which a bbox fills a 1280 × 800 px map (512-px tiles), to a quarter level. */
function fitZoom(b: Viewport['bbox']): number {
  const zx = Math.log2((1280 * WORLD) / (512 * (mercX(b[2]) - mercX(b[0]))));
  const zy = Math.log2((800 * WORLD) / (512 * (mercY(b[3]) - mercY(b[1]))));
  return Math.floor(Math.min(zx, zy) * 4) / 4;
}

/** The tiles MapLibre asks for at the viewport's zoom, nearest the centre first (at most `max`). */
function tilesFor(v: Viewport, max: number): [number, number, number][] {
  const z = Math.floor(v.zoom);
  const n = 2 ** z;
  const tx = (lng: number): number => Math.floor(((lng + 180) / 360) * n);
  const ty = (lat: number): number => Math.floor((0.5 - mercY(lat) / WORLD) * n);
  const [cx, cy] = [tx((v.bbox[0] + v.bbox[2]) / 2), ty((v.bbox[1] + v.bbox[3]) / 2)];
  const out: [number, number, number][] = [];
  for (let x = tx(v.bbox[0]); x <= tx(v.bbox[2]); x++) for (let y = ty(v.bbox[3]); y <= ty(v.bbox[1]); y++) out.push([z, x, y]);
  return out.sort((a, b) => Math.hypot(a[1] - cx, a[2] - cy) - Math.hypot(b[1] - cx, b[2] - cy)).slice(0, max);
}

async function viewports(db: Db): Promise<Viewport[]> {
  const r = await db.query<{ level: Viewport['level']; code: string; w: number; s: number; e: number; n: number }>(
    `WITH picked AS (
       (SELECT code FROM regions WHERE level = 'district' ORDER BY code LIMIT 1)
       UNION ALL (SELECT code FROM regions WHERE level = 'subdistrict' ORDER BY code LIMIT 2)
       UNION ALL (SELECT DISTINCT ON (parent_code) code FROM regions WHERE level = 'community' ORDER BY parent_code, code LIMIT 3)
     )
     SELECT r.level, r.code, ST_XMin(r.boundary) AS w, ST_YMin(r.boundary) AS s, ST_XMax(r.boundary) AS e, ST_YMax(r.boundary) AS n
     FROM regions r JOIN picked USING (code) ORDER BY length(r.code), r.code`,
  );
  return r.rows.map((row) => {
    const bbox: Viewport['bbox'] = [row.w, row.s, row.e, row.n].map((v) => Math.round(Number(v) * 1e6) / 1e6) as Viewport['bbox'];
    return { level: row.level, code: row.code, bbox, zoom: fitZoom(bbox) };
  });
}

/** A Db that remembers every query run through it (the in-process app's: session, cache version, counts, tiles). */
function recording(db: Db): { db: Db; take(): Probe['queries'] } {
  let seen: Probe['queries'] = [];
  const wrapped: Db = {
    kind: db.kind,
    query: (sql, params) => {
      seen.push({ sql, params: params ?? [] });
      return db.query(sql, params);
    },
    exec: (sql) => db.exec(sql),
    transaction: (fn) => db.transaction(fn),
    close: () => db.close(),
  };
  return {
    db: wrapped,
    take() {
      const out = seen;
      seen = [];
      return out;
    },
  };
}

async function probes(db: Db, password: string, views: Viewport[], period: string, kinds: readonly Kind[]): Promise<Probe[]> {
  const rec = recording(db);
  const app = createApp({ db: rec.db });
  const res = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'analyst', password }),
  });
  if (res.status !== 200) throw new Error(`in-process login: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const out: Probe[] = [];
  const add = async (kind: Kind, level: Viewport['level'], path: string): Promise<void> => {
    if (!kinds.includes(kind)) return;
    rec.take();
    const r = await app.request(path, { headers: { cookie, 'cache-control': 'no-cache' } });
    if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${await r.text()}`);
    await r.arrayBuffer();
    out.push({ kind, level, path, queries: rec.take() });
  };
  for (const v of views) {
    await add('hexbins', v.level, `/api/analytics/incidents/hexbins?bbox=${v.bbox.join(',')}&zoom=${v.zoom}&${period}`);
    await add('grids', v.level, `/api/analytics/incidents/grids?region=${v.code}&${period}`);
    for (const [z, x, y] of tilesFor(v, 4)) await add('tiles', v.level, `/api/tiles/incidents/${z}/${x}/${y}.mvt?${period}`);
    await add('workload', v.level, `/api/analytics/workload?region=${v.code}&${period}`);
    await add('special-grids', v.level, `/api/analytics/special-groups/grids?region=${v.code}`);
    // The summary counts per grid for a community (per child region above it, with no placement).
    if (v.level === 'community') await add('special-summary', v.level, `/api/special-groups/summary?region=${v.code}`);
  }
  return out;
}

/** Runs `jobs` by `concurrency` workers; returns each job's latency in ms. */
async function drive<T>(jobs: T[], concurrency: number, run: (job: T) => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < jobs.length) {
        const job = jobs[next++]!;
        const t0 = performance.now();
        await run(job);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return latencies;
}

const ms = (v: number): string => (v < 10 ? v.toFixed(1) : v.toFixed(0));
/** `YYYY-MM-DD` moved by `days`. */
const shiftDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export async function benchAnalytics(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      incidents: { type: 'string', default: '1000000' },
      tracks: { type: 'string', default: '10000' },
      points: { type: 'string', default: '1000' },
      rounds: { type: 'string', default: '5' },
      // A running GridAtlas and its database, already filled (for working on the queries): no server is started, nothing generated.
      url: { type: 'string' },
      'database-url': { type: 'string' },
      // Some of the endpoints only (comma-separated: hexbins, grids, tiles); the patrol routes are timed only with all three.
      endpoints: { type: 'string', default: 'hexbins,grids,tiles' },
      // The load generator's HTTP client (see bench-get.ts): http (default) or fetch.
      client: { type: 'string', default: 'http' },
    },
  });
  const [incidents, tracks, points, rounds] = [values.incidents, values.tracks, values.points, values.rounds].map(Number) as [
    number,
    number,
    number,
    number,
  ];
  if (![incidents, tracks, points, rounds].every((n) => Number.isInteger(n) && n >= 0) || rounds < 1) {
    throw new Error('usage: pnpm bench analytics [--incidents N] [--tracks N] [--points N] [--rounds N]');
  }
  const kinds = [...new Set(values.endpoints.split(',').map((k) => k.trim()))];
  if (kinds.length === 0 || kinds.some((k) => !(k in TARGET_P95)))
    throw new Error(`--endpoints: a comma-separated list of ${Object.keys(TARGET_P95).join(', ')} (got "${values.endpoints}")`);
  if (values.client !== 'http' && values.client !== 'fetch') throw new Error(`--client: http or fetch (got "${values.client}")`);
  const client: BenchClient = values.client;
  console.log(`machine: ${machineLine()}`);
  const password = process.env.GRIDATLAS_DEMO_PASSWORD || 'gridatlas-demo';
  process.env.GRIDATLAS_DEMO_SCALE = 'lianhu';
  const t0 = performance.now();
  if ((values.url === undefined) !== (values['database-url'] === undefined))
    throw new Error('pnpm bench analytics: --url and --database-url go together (a running server and its database)');
  const existing = values.url !== undefined;
  const server = existing
    ? { url: values.url!, databaseUrl: values['database-url']!, problems: [] as string[], stop: async () => undefined }
    : await startLoadServer({ password, readyTimeoutMs: 1_800_000 });
  const interrupt = (): void => {
    void server.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  if (!server.databaseUrl) throw new Error('pnpm bench analytics: the server has no PostgreSQL database URL');
  const db = await openDatabase({ databaseUrl: server.databaseUrl });
  try {
    console.log(`server (PostgreSQL 15 + PostGIS, lianhu demo district) seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    const district = (await db.query<{ code: string }>(`SELECT code FROM regions WHERE level = 'district' ORDER BY code LIMIT 1`)).rows[0]!
      .code;
    let t = performance.now();
    if (!existing) {
      await generateIncidents(db, district, incidents, 100_000, (done) =>
        process.stdout.write(`\rincidents: ${done.toLocaleString('en')}`),
      );
      console.log(` in ${((performance.now() - t) / 1000).toFixed(0)} s (each assigned its in-force grid by the insert trigger)`);
      t = performance.now();
      await generateTracks(db, district, tracks, points, 500, (done) =>
        process.stdout.write(`\rpatrol tracks: ${done.toLocaleString('en')}`),
      );
      console.log(` × ${points} points in ${((performance.now() - t) / 1000).toFixed(0)} s`);
      t = performance.now();
      await db.query('VACUUM ANALYZE');
    }
    const counts = (
      await db.query<{ i: number; t: number; p: number }>(
        `SELECT (SELECT count(*) FROM incidents) AS i, (SELECT count(*) FROM patrol_tracks) AS t, (SELECT sum(point_count) FROM patrol_tracks) AS p`,
      )
    ).rows[0]!;
    const analyzed = existing ? '' : `ANALYZE in ${((performance.now() - t) / 1000).toFixed(0)} s; `;
    console.log(
      `${analyzed}${Number(counts.i).toLocaleString('en')} incidents, ${Number(counts.t).toLocaleString('en')} tracks, ${Number(counts.p).toLocaleString('en')} track points`,
    );

    // The server works patrol days out in the background (its warmer: the 90 days up to the
    // reference date, newest first); the generated tracks made it forget them. Measuring waits
    // for it, so the latencies below are not taken beside that work.
    t = performance.now();
    while ((await nextPatrolDay(db, 90)) !== null) {
      if (performance.now() - t > 1_800_000)
        throw new Error('the server has not worked out the patrol days in 30 minutes (is GRIDATLAS_PATROL_WARMUP off?)');
      await new Promise((r) => setTimeout(r, 2_000));
    }
    const warmS = (performance.now() - t) / 1000;
    const stretchDays = Number((await db.query<{ n: number }>('SELECT count(*) AS n FROM stretch_patrol_days')).rows[0]!.n);
    console.log(
      `patrol days: the server's background work on 90 days done ${warmS.toFixed(0)} s after the tracks were written (${stretchDays.toLocaleString('en')} stretch-days kept)`,
    );

    const views = await viewports(db);
    const ref = (await db.query<{ d: string }>(`SELECT to_char(reference_date, 'YYYY-MM-DD') AS d FROM districts LIMIT 1`)).rows[0]!.d;
    const from = new Date(Date.parse(`${ref}T00:00:00Z`) - 365 * 86_400_000).toISOString().slice(0, 10);
    const period = `from=${from}&to=${ref}`;
    const all = await probes(db, password, views, period, kinds as Kind[]);
    console.log(`viewports: ${views.map((v) => `${v.level} ${v.code} z${v.zoom}`).join('; ')}; period ${period} (the whole year)`);
    const session: Session = await login(server.url, 'analyst', password);
    const get = benchGet(server.url, client);
    const rows: string[] = [];
    const perLevel: string[] = [];
    for (const kind of kinds as Kind[]) {
      const list = all.filter((p) => p.kind === kind);
      for (const concurrency of [1, 8]) {
        const jobs = Array.from({ length: rounds * Math.max(1, concurrency / 2) }, () => list).flat();
        // "computed": Cache-Control: no-cache makes the server compute the response afresh;
        // "cached": the same requests again, served from the response cache while the data stands.
        const http =
          (computed: boolean) =>
          async (p: Probe): Promise<void> => {
            await get(p.path, { cookie: session.cookie, ...(computed ? { 'cache-control': 'no-cache' } : {}) });
          };
        const sql = async (p: Probe): Promise<void> => {
          for (const q of p.queries) await db.query(q.sql, q.params);
        };
        await drive(list, concurrency, http(true)); // warm-up (and fills the cache)
        const levelLatency = new Map<string, number[]>();
        const cpu0 = process.cpuUsage();
        const computed = await drive(jobs, concurrency, async (p) => {
          const t1 = performance.now();
          await http(true)(p);
          const l = levelLatency.get(p.level) ?? [];
          l.push(performance.now() - t1);
          levelLatency.set(p.level, l);
        });
        const cpu = process.cpuUsage(cpu0);
        const clientMs = (cpu.user + cpu.system) / 1000 / jobs.length;
        const cached = await drive(jobs, concurrency, http(false));
        const raw = await drive(jobs, concurrency, sql);
        const target = TARGET_P95[kind];
        const met = (v: number): string => (concurrency === 8 && target !== null ? (v < target ? 'yes' : 'no') : '—');
        rows.push(
          `| ${kind} | ${concurrency} | ${computed.length} | ${ms(percentile(computed, 50))} | ${ms(percentile(computed, 95))} | ${ms(percentile(raw, 50))} | ${ms(percentile(raw, 95))} | ` +
            `${ms(percentile(computed, 50) - percentile(raw, 50))} | ${ms(percentile(cached, 50))} | ${ms(percentile(cached, 95))} | ${clientMs.toFixed(2)} | ${target === null ? '—' : `< ${target}`} | ${met(percentile(computed, 95))} | ${met(percentile(cached, 95))} |`,
        );
        for (const [level, l] of levelLatency)
          perLevel.push(`| ${kind} | ${concurrency} | ${level} | ${l.length} | ${ms(percentile(l, 50))} | ${ms(percentile(l, 95))} |`);
      }
    }
    console.log(`\nmachine: ${machineLine()}`);
    console.log(
      `${Number(counts.i).toLocaleString('en')} incidents, ${Number(counts.p).toLocaleString('en')} track points; ${views.length} viewports (${all.filter((p) => p.kind === 'tiles').length} tiles); latency in ms; "computed": the API computing each response (Cache-Control: no-cache); "SQL": the same route's queries, one after another as the route runs them, timed through pg in the same run; "cached": the same requests served from the response cache; "client CPU": what the load generator (${client}) spent per computed request, on the same cores\n`,
    );
    console.log(
      '| endpoint | concurrency | requests | computed p50 | computed p95 | SQL p50 | SQL p95 | computed − SQL (p50) | cached p50 | cached p95 | client CPU / request | target p95 (c=8) | met, computed | met, cached |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const row of rows) console.log(row);
    console.log('\n| endpoint | concurrency | viewport level | requests | computed p50 | computed p95 |');
    console.log('| --- | --- | --- | --- | --- | --- |');
    for (const row of perLevel) console.log(row);
    // The same hexbin and per-grid requests over a period off the month boundaries (from the
    // 10th to 3 days before the end), as a period slider gives: whole months from the monthly
    // tables, the rest from days and raw rows. Concurrency 1, computed.
    const shifted = `from=${shiftDays(from, 9)}&to=${shiftDays(ref, -3)}`;
    const offMonth: string[] = [];
    for (const kind of kinds.filter((k) => k === 'hexbins' || k === 'grids')) {
      const list = all.filter((p) => p.kind === kind);
      const time = async (path: string): Promise<number[]> =>
        drive(Array.from({ length: rounds }, () => list).flat(), 1, async (p) => {
          await get(p.path.replace(period, path), { cookie: session.cookie, 'cache-control': 'no-cache' });
        });
      const [whole, off] = [await time(period), await time(shifted)];
      offMonth.push(
        `| ${kind} | ${ms(percentile(whole, 50))} | ${ms(percentile(whole, 95))} | ${ms(percentile(off, 50))} | ${ms(percentile(off, 95))} |`,
      );
    }
    if (offMonth.length > 0) {
      console.log(`\n| endpoint (computed, c=1) | whole months p50 | p95 | ${shifted} p50 | p95 |`);
      console.log('| --- | --- | --- | --- | --- |');
      for (const row of offMonth) console.log(row);
    }
    if (!INCIDENT_KINDS.every((k) => kinds.includes(k))) return;
    // Patrol coverage and dead corners for the whole district, default period (the 30 days to
    // the reference date), over the days the server worked out in the background.
    console.log('\n| patrol route (whole district) | first request | again |');
    console.log('| --- | --- | --- |');
    for (const path of ['/api/analytics/patrols/coverage', '/api/analytics/patrols/dead-corners?days=14']) {
      const times: number[] = [];
      for (let k = 0; k < 2; k++) {
        const t1 = performance.now();
        await get(path, { cookie: session.cookie });
        times.push(performance.now() - t1);
      }
      console.log(`| ${path} | ${ms(times[0]!)} | ${ms(times[1]!)} |`);
    }
    if (server.problems.length > 0)
      console.log(`\nserver warnings/errors (last ${Math.min(10, server.problems.length)}):\n${server.problems.slice(-10).join('\n')}`);
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    await db.close();
    await server.stop();
  }
}
