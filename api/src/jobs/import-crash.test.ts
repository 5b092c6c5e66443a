/**
 * kill -9 of the server while a district import job runs (a real server process, on a
 * PostgreSQL 15 database and on an embedded data folder): after a restart the district's tables
 * are exactly as before the import or exactly as after it, the job is not left "running" but
 * failed as interrupted (district imports are not resumable) with a message, and the same import
 * then runs to the end.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { Db } from '../db/db.types.js';
import { openDatabase, type DatabaseTarget } from '../db/open-database.js';
import { openPglite } from '../db/pglite.adapter.js';
import { callChild as call, kill9, startChildServer as startChild, type ChildServer as Server } from '../test/child-server.js';
import { tableChecksums, type TableChecksums } from '../test/table-checksums.js';
import { openTestDatabase, type TestDatabase } from '../test/test-database.js';
import { rect } from '../test/tiny-district.fixture.js';

/** What a district import writes. */
const DISTRICT_TABLES = [
  'districts',
  'regions',
  'buildings',
  'building_registry',
  'streets',
  'plans',
  'grids',
  'grid_codes',
  'special_group_records',
  'district_imports',
];

interface Job {
  id: number;
  state: string;
  progress: number;
  error: { code: string; message: string } | null;
}

/** `n` small buildings inside the tiny district's west community, each with a code. */
function buildingsFile(n: number): string {
  const side = Math.ceil(Math.sqrt(n));
  const features = [];
  for (let i = 0; i < n; i++) {
    const lng = 108.9005 + (0.019 * (i % side)) / side;
    const lat = 34.2005 + (0.019 * Math.floor(i / side)) / side;
    features.push({
      type: 'Feature',
      properties: { id: `c${i}`, 楼栋编码: `C-${i}`, floors: 6 },
      geometry: rect(lng, lat, lng + 0.00008, lat + 0.00008),
    });
  }
  return JSON.stringify({ type: 'FeatureCollection', features });
}

async function startImport(s: Server, file: string): Promise<number> {
  const form = new FormData();
  form.append('file', new File([file], 'crash-buildings.geojson'));
  const up = await call<{ id: string }>(s, 'POST', '/api/uploads', form);
  expect(up.status).toBe(201);
  const r = await call<{ job: Job }>(s, 'POST', '/api/districts/610198/imports', {
    layer: 'buildings',
    uploadId: up.body.id,
    idField: 'id',
    codeField: '楼栋编码',
    dryRun: false,
  });
  expect(r.status).toBe(202);
  return r.body.job.id;
}

async function jobOf(s: Server, id: number): Promise<Job> {
  for (;;) {
    const r = await call<Job>(s, 'GET', `/api/jobs/${id}`);
    // A poll that waited behind the import's long statement past its time limit (a busy machine): ask again, as the 503 says.
    if (r.status !== 503) return r.body;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

describe.each(['postgresql', 'embedded'] as const)('a district import killed while its job runs on %s', (kind) => {
  let t: TestDatabase | undefined;
  let dataDir: string | undefined;
  let server: Server | undefined;
  afterAll(async () => {
    if (server) await kill9(server.child);
    await t?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('leaves the tables as before or as after, fails the job as interrupted, and the import then runs', { timeout: 600_000 }, async () => {
    let target: DatabaseTarget;
    if (kind === 'postgresql') {
      t = await openTestDatabase('postgresql', 'seeded');
      target = { databaseUrl: t.url! };
    } else {
      dataDir = mkdtempSync(join(tmpdir(), 'gridatlas-import-crash-'));
      const pglite = await openPglite({ dataDir, loadDataDir: new Blob([new Uint8Array(readFileSync(inject('pgliteSeededDump')))]) });
      await pglite.close();
      target = { dataDir };
    }
    const env: Record<string, string> = target.databaseUrl ? { DATABASE_URL: target.databaseUrl } : { GRIDATLAS_DATA_DIR: target.dataDir! };
    // The embedded folder admits one process: the tables are read while no server runs.
    const snapshot = async (): Promise<TableChecksums> => {
      const db: Db = await openDatabase(target);
      try {
        const all = await tableChecksums(db);
        return Object.fromEntries(Object.entries(all).filter(([name]) => DISTRICT_TABLES.includes(name.replace(/^public\./, ''))));
      } finally {
        await db.close();
      }
    };
    const before = await snapshot();
    expect(Object.keys(before)).toHaveLength(DISTRICT_TABLES.length);
    const N = 4000;
    const file = buildingsFile(N);

    // All of the import is there: every building of the file, by its source id.
    const imported = async (): Promise<number> => {
      const db: Db = await openDatabase(target);
      try {
        return (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM buildings WHERE source_id LIKE 'c%'`)).rows[0]!.n;
      } finally {
        await db.close();
      }
    };
    const finished = async (s: Server, jobId: number): Promise<Job> => {
      for (let i = 0; i < 6000; i++) {
        const j = await jobOf(s, jobId);
        if (!['queued', 'running'].includes(j.state)) return j;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`job ${jobId} did not finish`);
    };

    server = await startChild(env);
    const id = await startImport(server, file);
    // Killed half a second after the job was queued: on a busy embedded database a poll would
    // only be answered between the job's steps, so the kill does not wait for one.
    await new Promise((r) => setTimeout(r, 500));
    await kill9(server.child);

    const after = await snapshot();
    server = await startChild(env);
    const job = await finished(server, id);
    if (job.state === 'succeeded') {
      // It committed before the kill (or was still queued and ran after the restart): all of it is there.
      await kill9(server.child);
      expect(await imported()).toBe(N);
    } else {
      expect(job).toMatchObject({ state: 'failed', error: { code: 'interrupted' } });
      expect(job.error!.message).toMatch(/start it again/);
      expect(after).toEqual(before);
      // Started again, the same import runs to the end and writes every building.
      const again = await finished(server, await startImport(server, file));
      expect(again.state, JSON.stringify(again.error)).toBe('succeeded');
      await kill9(server.child);
      expect(await imported()).toBe(N);
    }
    console.info(`${kind}: import job ${job.state} after kill -9${job.error ? ` (${job.error.code})` : ''}`);
  });
});
