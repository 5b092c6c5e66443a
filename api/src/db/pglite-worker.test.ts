/**
 * The embedded database in its worker thread (issue 15): a long statement leaves the API's event
 * loop free (timers fire, a request's time limit answers while the statement runs on), a
 * transaction sent as several messages sees nothing else interleaved and rolls back on error or
 * at its deadline, a dead worker fails what was pending with a clear error, and a graceful close
 * waits for the statement under way and flushes the data folder.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Db } from './db.types.js';
import { limitDb } from './db.types.js';
import { openDatabase } from './open-database.js';
import { pgliteWorkerDb } from './pglite-worker.adapter.js';
import { EmbeddedDatabaseStoppedError, startPgliteWorker, type PgliteWorkerClient } from './pglite-worker.client.js';
import { requestLimits, TimeLimitError } from './time-limit.js';

const bareDump = (): Uint8Array => new Uint8Array(readFileSync(inject('pgliteBareDump')));
/** Settles to 'ended' or 'running' now: whether the statement had ended when the caller looked. */
const ended = (p: Promise<unknown>): { state: () => 'running' | 'ended' } => {
  let state: 'running' | 'ended' = 'running';
  void p.then(
    () => (state = 'ended'),
    () => (state = 'ended'),
  );
  return { state: () => state };
};
/** The error a statement failed with (or null): caught at once, so a rejection before the test looks is not unhandled. */
const settled = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => null,
    (error: unknown) => error,
  );
const tick = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('embedded database in a worker thread', () => {
  let client: PgliteWorkerClient;
  let db: Db;

  beforeAll(async () => {
    client = await startPgliteWorker({ loadDataDir: bareDump() });
    db = pgliteWorkerDb(client);
    await db.exec('CREATE TABLE t (id int PRIMARY KEY, v text)');
  });
  afterAll(async () => {
    await db?.close();
  });

  it('keeps the event loop free while a long statement runs', async () => {
    const sleep = ended(db.query('SELECT pg_sleep(3)'));
    // Timers fire, in this thread, while the statement runs in the worker.
    await tick(20);
    await tick(20);
    expect(sleep.state()).toBe('running');
    await db.query('SELECT 1');
    expect(sleep.state()).toBe('ended');
  });

  it("answers a request's time limit while its statement runs, and the statement keeps the turn until it ends", async () => {
    const request = limitDb(db, requestLimits(200));
    const slow = db.query('SELECT pg_sleep(3)');
    const watch = ended(slow);
    await expect(request.query('SELECT 1 AS one')).rejects.toBeInstanceOf(TimeLimitError);
    expect(watch.state()).toBe('running');
    // Its own statement past its limit, too, while it runs.
    await slow;
    const own = limitDb(db, requestLimits(200));
    const ownSleep = own.query('SELECT pg_sleep(2)');
    await expect(ownSleep).rejects.toMatchObject({ name: 'TimeLimitError', limitMs: 200 });
    const after = ended(db.query('SELECT 1'));
    await tick(20);
    expect(after.state()).toBe('running');
    await db.query('SELECT 1');
  });

  it('runs a transaction across messages with nothing else in between, and rolls back on error', async () => {
    let outsideSaw: number | undefined;
    const tx = db.transaction(async (tx) => {
      await tx.query("INSERT INTO t VALUES (1, 'a')");
      // Asked for while the transaction holds the connection: it waits for the COMMIT.
      void db.query<{ n: number }>('SELECT count(*)::int AS n FROM t').then((r) => (outsideSaw = r.rows[0]!.n));
      await tick(30);
      expect(outsideSaw).toBeUndefined();
      await tx.query("INSERT INTO t VALUES (2, 'b')");
      return 'ok';
    });
    expect(await tx).toBe('ok');
    await db.query('SELECT 1');
    expect(outsideSaw).toBe(2);

    await expect(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO t VALUES (3, 'c')");
        await tx.query("INSERT INTO t VALUES (1, 'duplicate')");
      }),
    ).rejects.toMatchObject({ code: '23505', constraint: 't_pkey' });
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM t')).rows[0]!.n).toBe(2);
  });

  it('rolls back a transaction whose time limit passes during a statement', async () => {
    const request = limitDb(db, requestLimits(300));
    await expect(
      request.transaction(async (tx) => {
        await tx.query("INSERT INTO t VALUES (10, 'late')");
        await tx.query('SELECT pg_sleep(1.5)');
        await tx.query("INSERT INTO t VALUES (11, 'never')");
      }),
    ).rejects.toBeInstanceOf(TimeLimitError);
    const rows = await db.query<{ id: number }>('SELECT id FROM t WHERE id >= 10');
    expect(rows.rows).toEqual([]);
    // The connection is usable and outside any transaction.
    await db.transaction((tx) => tx.query("INSERT INTO t VALUES (12, 'next')"));
    expect((await db.query('SELECT id FROM t WHERE id = 12')).rows).toHaveLength(1);
  });

  it('returns the types the in-process adapter returns', async () => {
    const r = await db.query<Record<string, unknown>>(
      "SELECT 9007199254740::int8 AS big, 1.25::numeric AS num, '\\x0102'::bytea AS bin, '{\"a\":[1]}'::jsonb AS js, " +
        "timestamptz '2026-01-02T03:04:05Z' AS at, ST_GeomFromText('POINT(1 2)', 4326) AS g, NULL::text AS nothing",
    );
    expect(r.rows[0]).toEqual({
      big: 9007199254740,
      num: 1.25,
      bin: new Uint8Array([1, 2]),
      js: { a: [1] },
      at: new Date('2026-01-02T03:04:05Z'),
      g: '0101000020E6100000000000000000F03F0000000000000040',
      nothing: null,
    });
    const p = await db.query<{ d: Date; b: Uint8Array }>('SELECT $1::timestamptz AS d, $2::bytea AS b', [new Date(0), Buffer.from([7])]);
    expect(p.rows[0]).toEqual({ d: new Date(0), b: new Uint8Array([7]) });
  });
});

describe('a worker that dies', () => {
  it('fails the pending and every later statement with a clear error and tells the server', async () => {
    const stops: Error[] = [];
    const client = await startPgliteWorker({ loadDataDir: bareDump(), onStopped: (e) => stops.push(e) });
    const db = pgliteWorkerDb(client);
    const pending = settled(db.query('SELECT pg_sleep(5)'));
    const queued = settled(db.query('SELECT 1'));
    await tick(50);
    await client.kill();
    expect(await pending).toBeInstanceOf(EmbeddedDatabaseStoppedError);
    expect(String(await queued)).toMatch(/embedded database stopped .*restart the server/);
    await expect(db.query('SELECT 1')).rejects.toBeInstanceOf(EmbeddedDatabaseStoppedError);
    expect(stops).toHaveLength(1);
    await db.close();
  });
});

describe('closing the embedded database', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gridatlas-pgworker-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('waits for the statement under way, flushes, and a reopened folder sees what was committed', async () => {
    const dataDir = join(dir, 'pglite');
    const first = pgliteWorkerDb(await startPgliteWorker({ dataDir, loadDataDir: bareDump() }));
    await first.exec('CREATE TABLE kept (id int)');
    await first.transaction((tx) => tx.query('INSERT INTO kept SELECT generate_series(1, 1000)'));
    const last = first.query('INSERT INTO kept SELECT 1001 FROM pg_sleep(1)');
    await first.close();
    await expect(last).resolves.toBeDefined();
    await expect(first.query('SELECT 1')).rejects.toThrow(/closed/);

    const again = await openDatabase({ dataDir });
    try {
      expect((await again.query<{ n: number }>('SELECT count(*)::int AS n FROM kept')).rows[0]!.n).toBe(1001);
    } finally {
      await again.close();
    }
  }, 240_000);

  it('stops the worker when the statement under way outlasts the bound', async () => {
    const client = await startPgliteWorker({ loadDataDir: bareDump() });
    const db = pgliteWorkerDb(client);
    const long = settled(db.query('SELECT pg_sleep(5)'));
    await tick(50);
    await expect(client.close(200)).rejects.toThrow(/still running 200 ms after the close began/);
    expect(await long).toBeInstanceOf(EmbeddedDatabaseStoppedError);
  });
});
