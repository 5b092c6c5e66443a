/**
 * `kill -9` of the server while a plan save is in flight leaves the draft's grids and version
 * exactly as before (or, had the COMMIT gone through, exactly as after), never a mix: the
 * server runs as a child process (`node --import tsx api/src/main.ts`) on a real PostgreSQL 15 database and
 * on an embedded PGlite data folder, a 900-grid save of dense polygons is started, the process is killed
 * mid-transaction, restarted, and the plan read back.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openPglite } from '../db/pglite.adapter.js';
import { kill9, startChildServer, type ChildServer } from '../test/child-server.js';
import { openTestDatabase, type TestDatabase } from '../test/test-database.js';
import { TINY_COMMUNITY_WEST as WEST } from '../test/tiny-district.fixture.js';
import { collection, gridFeature } from './plans.test-helpers.js';

function send(s: ChildServer, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${s.url}${path}`, {
    method,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

const N = 30;
const GRIDS = N * N;

/** A rectangle with `k` vertices per edge, so the PostGIS checks have real work to do. */
function denseRect(w: number, s: number, e: number, n: number, k: number): unknown {
  const ring: number[][] = [];
  const edge = (a: number[], b: number[]) => {
    for (let i = 0; i < k; i++)
      ring.push([+(a[0]! + ((b[0]! - a[0]!) * i) / k).toFixed(7), +(a[1]! + ((b[1]! - a[1]!) * i) / k).toFixed(7)]);
  };
  edge([w, s], [e, s]);
  edge([e, s], [e, n]);
  edge([e, n], [w, n]);
  edge([w, n], [w, s]);
  ring.push(ring[0]!);
  return { type: 'Polygon', coordinates: [ring] };
}

/** 30 × 30 cells tiling the west community (0.02° × 0.02°): 900 grids of 32 vertices, no gaps, no overlaps. */
function bigSave(version: number, codes: readonly string[] = []): unknown {
  const features = [];
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      const code = codes[features.length];
      const f = gridFeature([0, 0, 0, 0], { communityCode: WEST, name: `格${i}-${j}`, ...(code ? { code } : {}) });
      f.geometry = denseRect(108.9 + (0.02 * i) / N, 34.2 + (0.02 * j) / N, 108.9 + (0.02 * (i + 1)) / N, 34.2 + (0.02 * (j + 1)) / N, 8);
      features.push(f);
    }
  }
  return { version, grids: collection(features) };
}

interface PlanRead {
  plan: { id: number; version: number };
  grids: { features: { properties: { code: string } }[] };
}

async function readPlan(s: ChildServer, id: number): Promise<{ version: number; codes: string[] }> {
  const r = (await (await send(s, 'GET', `/api/plans/${id}`)).json()) as PlanRead;
  return { version: r.plan.version, codes: r.grids.features.map((f) => f.properties.code) };
}

describe.each(['postgresql', 'embedded'] as const)('a save killed mid-transaction on %s', (kind) => {
  let t: TestDatabase | undefined;
  let dataDir: string | undefined;
  let server: ChildServer | undefined;
  afterAll(async () => {
    if (server) await kill9(server.child);
    await t?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('leaves exactly the old grids and version, or exactly the new ones', { timeout: 240_000 }, async () => {
    let env: Record<string, string>;
    let pgc: pg.Client | null = null;
    let inFlight: (() => Promise<boolean>) | null = null;
    if (kind === 'postgresql') {
      t = await openTestDatabase('postgresql', 'seeded');
      env = { DATABASE_URL: t.url! };
      const name = new URL(t.url!).pathname.slice(1);
      pgc = new pg.Client({ connectionString: inject('pgUrl') });
      await pgc.connect();
      const client = pgc;
      // The save's transaction is open once a backend of this database is inside one.
      inFlight = async () =>
        (
          await client.query(
            `SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND xact_start IS NOT NULL AND state IN ('active', 'idle in transaction')
               AND query ~ '(INSERT INTO grids|INSERT INTO grid_codes|ST_IsValidDetail|ST_CoveredBy|ST_Relate)'`,
            [name],
          )
        ).rows.length > 0;
    } else {
      // A persisted embedded data folder holding the seeded fixture.
      dataDir = mkdtempSync(join(tmpdir(), 'gridatlas-crash-'));
      const pglite = await openPglite({ dataDir, loadDataDir: new Blob([new Uint8Array(readFileSync(inject('pgliteSeededDump')))]) });
      await pglite.close();
      env = { GRIDATLAS_DATA_DIR: dataDir };
    }
    server = await startChildServer(env);
    const create = async (): Promise<number> =>
      ((await (await send(server!, 'POST', '/api/plans', { regionCode: WEST, name: '崩溃测试' })).json()) as { id: number }).id;

    // How long a full save takes here, on a draft of its own.
    const probe = await create();
    const t0 = performance.now();
    const first = await send(server, 'PUT', `/api/plans/${probe}/grids`, bigSave(1));
    expect(first.status, (await first.text()).slice(0, 500)).toBe(200);
    const saveMs = performance.now() - t0;
    const saved = await readPlan(server, probe);
    expect(saved.codes).toHaveLength(GRIDS);
    // Codes are never reused, and a community has 999: later saves carry the codes issued here.
    const codes = saved.codes;
    // The same save onto a fresh draft, as the runs below do, timed from the request.
    const fresh = await create();
    const warmBody = bigSave(1, codes);
    const t1 = performance.now();
    expect((await send(server, 'PUT', `/api/plans/${fresh}/grids`, warmBody)).status).toBe(200);
    const warmMs = performance.now() - t1;

    const outcomes: string[] = [];
    for (const fraction of [0.1, 0.2, 0.35, 0.5]) {
      const id = await create();
      const before = await readPlan(server, id);
      expect(before).toMatchObject({ version: 1, codes: ['610198001001001', '610198001001002'] });
      const body = bigSave(1, codes);
      const started = performance.now();
      let answered = false;
      const pending = send(server, 'PUT', `/api/plans/${id}/grids`, body).then(
        () => (answered = true),
        () => null,
      );
      let sawTransaction = false;
      if (inFlight) {
        // Kill as soon as a statement of the save is seen running inside its transaction.
        while (!sawTransaction && !answered && performance.now() - started < Math.max(warmMs * 3, 10_000))
          sawTransaction = await inFlight();
        await new Promise((r) => setTimeout(r, warmMs * fraction * 0.1));
      } else {
        await new Promise((r) => setTimeout(r, warmMs * fraction));
      }
      await kill9(server.child);
      await pending;
      server = await startChildServer(env);
      const after = await readPlan(server, id);
      const isOld = after.version === 1 && after.codes.join() === before.codes.join();
      const isNew = after.version === 2 && after.codes.join() === codes.join();
      expect(isOld || isNew, `version ${after.version}, ${after.codes.length} grids`).toBe(true);
      outcomes.push(
        `${isOld ? 'old' : 'new'}${answered ? ' (answered before the kill)' : ''}${inFlight ? (sawTransaction ? ' (transaction open at the kill)' : ' (no open transaction seen)') : ''}`,
      );
      if (inFlight) expect(sawTransaction || answered).toBe(true);
      // The draft is still editable after the crash.
      expect((await send(server, 'PUT', `/api/plans/${id}/grids`, bigSave(after.version, codes))).status).toBe(200);
    }
    await pgc?.end();
    console.info(`${kind}: first save ${Math.round(saveMs)} ms, warm save ${Math.round(warmMs)} ms; after kill -9: ${outcomes.join(', ')}`);
    expect(outcomes.some((o) => o.startsWith('old') && !o.includes('answered'))).toBe(true);
  });
});
