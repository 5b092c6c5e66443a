/**
 * kill -9 of the server while a plan approval is in flight (a real server process, on a
 * PostgreSQL 15 database and on an embedded data folder): after a restart the plan is either
 * still submitted with the tables exactly as before, or approved in full (every grid with a
 * final code registered in grid_codes, the plan it replaces archived) — never a mix.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type DatabaseTarget } from '../db/open-database.js';
import { openPglite } from '../db/pglite.adapter.js';
import { callChild as call, kill9, startChildServer, type ChildServer } from '../test/child-server.js';
import { tableChecksums, type TableChecksums } from '../test/table-checksums.js';
import { openTestDatabase, type TestDatabase } from '../test/test-database.js';
import { TINY_COMMUNITY_WEST as WEST } from '../test/tiny-district.fixture.js';
import { collection, gridFeature } from './plans.test-helpers.js';

/** What an approval writes (and the district data around it). */
const TABLES = ['plans', 'grids', 'grid_codes', 'zones', 'regions', 'buildings', 'incidents'];
const N = 20;

/** N × N cells tiling the west community (0.02° × 0.02°), no gaps, no overlaps. */
function tiles(): unknown {
  const features = [];
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      const box: [number, number, number, number] = [
        108.9 + (0.02 * i) / N,
        34.2 + (0.02 * j) / N,
        108.9 + (0.02 * (i + 1)) / N,
        34.2 + (0.02 * (j + 1)) / N,
      ];
      features.push(gridFeature(box.map((v) => +v.toFixed(7)) as typeof box, { communityCode: WEST, name: `格${i}-${j}` }));
    }
  }
  return collection(features);
}

interface Plan {
  id: number;
  version: number;
  status: string;
}

async function submittedPlan(s: ChildServer): Promise<Plan> {
  const created = await call<Plan>(s, 'POST', '/api/plans', { regionCode: WEST, name: '审批崩溃测试' });
  expect(created.status).toBe(201);
  const saved = await call<{ plan: Plan }>(s, 'PUT', `/api/plans/${created.body.id}/grids`, {
    version: created.body.version,
    grids: tiles(),
  });
  expect(saved.status, JSON.stringify(saved.body).slice(0, 300)).toBe(200);
  const submitted = await call<{ plan: Plan }>(s, 'POST', `/api/plans/${created.body.id}/submit`, { version: saved.body.plan.version });
  expect(submitted.status).toBe(200);
  return submitted.body.plan;
}

describe.each(['postgresql', 'embedded'] as const)('a plan approval killed in flight on %s', (kind) => {
  let t: TestDatabase | undefined;
  let dataDir: string | undefined;
  let server: ChildServer | undefined;
  afterAll(async () => {
    if (server) await kill9(server.child);
    await t?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('leaves the plan submitted and the tables as before, or approved in full', { timeout: 900_000 }, async () => {
    let target: DatabaseTarget;
    if (kind === 'postgresql') {
      t = await openTestDatabase('postgresql', 'seeded');
      target = { databaseUrl: t.url! };
    } else {
      dataDir = mkdtempSync(join(tmpdir(), 'gridatlas-approve-crash-'));
      const pglite = await openPglite({ dataDir, loadDataDir: new Blob([new Uint8Array(readFileSync(inject('pgliteSeededDump')))]) });
      await pglite.close();
      target = { dataDir };
    }
    const env: Record<string, string> = target.databaseUrl ? { DATABASE_URL: target.databaseUrl } : { GRIDATLAS_DATA_DIR: target.dataDir! };
    const snapshot = async (): Promise<TableChecksums> => {
      const db = await openDatabase(target);
      try {
        return Object.fromEntries(
          Object.entries(await tableChecksums(db)).filter(([name]) => TABLES.includes(name.replace(/^public\./, ''))),
        );
      } finally {
        await db.close();
      }
    };

    server = await startChildServer(env);
    // How long an approval takes here.
    const probe = await submittedPlan(server);
    const t0 = performance.now();
    expect((await call(server, 'POST', `/api/plans/${probe.id}/approve`, { version: probe.version })).status).toBe(200);
    const approveMs = performance.now() - t0;

    const outcomes: string[] = [];
    for (const fraction of [0.15, 0.4, 0.7]) {
      const plan = await submittedPlan(server);
      await kill9(server.child);
      const before = await snapshot();
      server = await startChildServer(env);
      let answered = false;
      const pending = call(server, 'POST', `/api/plans/${plan.id}/approve`, { version: plan.version }).then(
        () => (answered = true),
        () => null,
      );
      await new Promise((r) => setTimeout(r, approveMs * fraction));
      await kill9(server.child);
      await pending;
      const after = await snapshot();
      server = await startChildServer(env);
      const read = await call<{ plan: Plan; grids: { features: { properties: { code: string } }[] } }>(
        server,
        'GET',
        `/api/plans/${plan.id}`,
      );
      if (read.body.plan.status === 'submitted') {
        expect(read.body.plan.version).toBe(plan.version);
        expect(after).toEqual(before);
        outcomes.push(`before${answered ? ' (answered)' : ''}`);
      } else {
        expect(read.body.plan.status).toBe('approved');
        const codes = read.body.grids.features.map((f) => f.properties.code);
        expect(codes).toHaveLength(N * N);
        expect(codes.every((c) => /^\d{15}$/.test(c))).toBe(true);
        const db = await openDatabase(target.databaseUrl ? target : { dataDir: `${target.dataDir}` }).catch(() => null);
        // The embedded folder is held by the server: the registry is checked through it there.
        if (db) {
          try {
            const registered = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM grid_codes WHERE code = ANY ($1::text[])`, [
              codes,
            ]);
            expect(registered.rows[0]!.n).toBe(N * N);
            const current = await db.query<{ n: number }>(
              `SELECT count(*)::int AS n FROM plans WHERE region_code = $1 AND status = 'approved'`,
              [WEST],
            );
            expect(current.rows[0]!.n).toBe(1);
          } finally {
            await db.close();
          }
        }
        outcomes.push(`after${answered ? ' (answered)' : ''}`);
      }
    }
    console.info(`${kind}: approval ${Math.round(approveMs)} ms; after kill -9: ${outcomes.join(', ')}`);
  });
});
