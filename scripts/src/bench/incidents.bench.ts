/**
 * `pnpm bench incidents [--rounds 30] [--backends embedded,postgresql]`: the dispatcher's list
 * and map requests (issue 18) for the Lianhu-scale demo district with a year of incidents and
 * their closed-loop histories (the dashboard bench's set-up) on the embedded database and a
 * throwaway PostgreSQL 15 + PostGIS cluster, in process (`app.request`, no socket), warm.
 *
 * Ours: the list's first page (newest first, counts per state beside it), the open incidents by
 * deadline, the map of the open incidents and the map of the whole year (every state), for the
 * district and a subdistrict. The maps are served from the response cache while nothing they
 * show changed (a dispatcher's view asks again as it refreshes); the whole year is also timed
 * computed afresh (`Cache-Control: no-cache`), what the first request after a write costs. Baseline, in the same run: the analyst's incident points layer
 * (`/api/analytics/incidents/points`) over the same region and year, the request the map would
 * otherwise make. Target: p95 ≤ 150 ms warm for each of ours.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp, createUser, ensureDefaultRoles, migrate, openDatabase, seedDistrict, type Db } from '@gridatlas/api';
import { startPgCluster, type PgCluster } from '@gridatlas/api/testing';
import { generateDistrict } from '@gridatlas/data';
import { percentile } from './load-mix.js';
import { machineLine } from './machine.js';

type Backend = 'embedded' | 'postgresql';
type App = ReturnType<typeof createApp>;

const PASSWORD = 'incidents-bench-1';
const OPEN = 'reported,accepted,registered,dispatched,in_progress,feedback,verified';
const ms = (v: number): string => (v < 10 ? v.toFixed(1) : v.toFixed(0));

async function session(app: App): Promise<string> {
  const res = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'dispatcher', password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** One request, timed; its size in bytes. */
async function timed(app: App, cookie: string, path: string): Promise<[number, number]> {
  // A path ending in `#fresh` is asked with `Cache-Control: no-cache`: computed again, not served from the response cache.
  const fresh = path.endsWith('#fresh');
  const t0 = performance.now();
  const res = await app.request(fresh ? path.slice(0, -'#fresh'.length) : path, {
    headers: { cookie, ...(fresh ? { 'cache-control': 'no-cache' } : {}) },
  });
  const body = await res.arrayBuffer();
  const t = performance.now() - t0;
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${new TextDecoder().decode(body).slice(0, 300)}`);
  return [t, body.byteLength];
}

export async function benchIncidents(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { rounds: { type: 'string', default: '30' }, backends: { type: 'string', default: 'embedded,postgresql' } },
  });
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error('usage: pnpm bench incidents [--rounds N] [--backends embedded,postgresql]');
  const backends = values.backends.split(',').map((b) => b.trim()) as Backend[];
  if (backends.some((b) => b !== 'embedded' && b !== 'postgresql')) throw new Error('--backends: embedded, postgresql or both');
  console.log(`machine: ${machineLine()}`);
  const dataset = generateDistrict({ seed: 1, scale: 'lianhu' });
  const district = dataset.regions.find((r) => r.level === 'district')!.code;
  const subdistrict = dataset.regions.find((r) => r.level === 'subdistrict')!.code;
  const rows: string[] = [];
  for (const backend of backends) {
    let cluster: PgCluster | undefined;
    const dataDir = backend === 'embedded' ? mkdtempSync(join(tmpdir(), 'gridatlas-incidents-')) : undefined;
    let db: Db | undefined;
    try {
      if (backend === 'postgresql') cluster = await startPgCluster();
      db =
        backend === 'embedded' ? await openDatabase({ dataDir: join(dataDir!, 'db') }) : await openDatabase({ databaseUrl: cluster!.url });
      const t = performance.now();
      await migrate(db);
      await seedDistrict(db, dataset);
      await ensureDefaultRoles(db);
      await createUser(db, { username: 'dispatcher', password: PASSWORD, roles: ['dispatcher'], jurisdictions: [district] });
      await db.query('ANALYZE');
      const counts = (
        await db.query<{ i: number; o: number; from: string; to: string; box: number[] }>(
          `SELECT count(*)::int AS i, count(*) FILTER (WHERE state NOT IN ('voided', 'closed', 'evaluated'))::int AS o,
             (min(reported_at) AT TIME ZONE 'Asia/Shanghai')::date::text AS from,
             ((max(reported_at) AT TIME ZONE 'Asia/Shanghai')::date + 1)::text AS to,
             ARRAY[ST_XMin(ST_Extent(location)), ST_YMin(ST_Extent(location)), ST_XMax(ST_Extent(location)), ST_YMax(ST_Extent(location))] AS box
           FROM incidents`,
        )
      ).rows[0]!;
      console.log(
        `${backend}: lianhu seeded in ${((performance.now() - t) / 1000).toFixed(0)} s — ${counts.i.toLocaleString('en')} incidents (${counts.o.toLocaleString('en')} open), ${counts.from} to ${counts.to}`,
      );
      const app = createApp({ db, requestTimeoutMs: 600_000 });
      const cookie = await session(app);
      const bbox = counts.box.map((v) => v.toFixed(6)).join(',');
      for (const region of [district, subdistrict]) {
        const period = `from=${counts.from}&to=${counts.to}`;
        const ours: [string, string][] = [
          ['list, newest first', `/api/incidents?region=${region}&${period}`],
          ['list, open by deadline', `/api/incidents?region=${region}&${period}&state=${OPEN}&sort=deadline`],
          ['map, open', `/api/incidents/map?region=${region}&${period}&state=${OPEN}`],
          ['map, whole year', `/api/incidents/map?region=${region}&${period}`],
          ['map, whole year, computed afresh', `/api/incidents/map?region=${region}&${period}#fresh`],
        ];
        const baseline = `/api/analytics/incidents/points?region=${region}&${period}&bbox=${bbox}&limit=200000`;
        for (const [, p] of ours) await timed(app, cookie, p);
        await timed(app, cookie, baseline);
        const times = ours.map(() => [] as number[]);
        const sizes = ours.map(() => 0);
        const base: number[] = [];
        let baseSize = 0;
        for (let k = 0; k < rounds; k++) {
          for (const [i, [, p]] of ours.entries()) {
            const [ms_, size] = await timed(app, cookie, p);
            times[i]!.push(ms_);
            sizes[i] = size;
          }
          const [b, size] = await timed(app, cookie, baseline);
          base.push(b);
          baseSize = size;
        }
        const level = region.length === 6 ? 'district' : 'subdistrict';
        const bp95 = percentile(base, 95);
        for (const [i, [name]] of ours.entries()) {
          const p95 = percentile(times[i]!, 95);
          rows.push(
            `| ${backend} | ${level} ${region} | ${name} | ${ms(percentile(times[i]!, 50))} | ${ms(p95)} | ${(sizes[i]! / 1024).toFixed(0)} | ${ms(bp95)} | ${(baseSize / 1024).toFixed(0)} | ${(bp95 / p95).toFixed(1)} | ${p95 <= 150 ? 'yes' : 'no'} |`,
          );
          console.log(rows.at(-1));
        }
      }
    } finally {
      await db?.close();
      cluster?.stop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    }
  }
  console.log(
    `\nmachine: ${machineLine()}; ${rounds} warm rounds; ms, KiB; baseline: the analyst's incident points layer over the same region and year\n`,
  );
  console.log('| database | region | request | ours p50 | ours p95 | ours KiB | baseline p95 | baseline KiB | × p95 | p95 ≤ 150 ms |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
}
