/**
 * For command tests on both databases: a temp folder and the tiny fixture district seeded
 * into the embedded database there or into a throwaway PostgreSQL cluster, with the options
 * that point a `gridatlas` command at it. Register with `useSeededTarget(kind, name)` inside a
 * `describe`; read `target` and `dir` in the tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, openDatabase, seedDistrict } from '@gridatlas/api';
import { startPgCluster, tinyDistrict, type PgCluster } from '@gridatlas/api/testing';
import { afterAll, beforeAll } from 'vitest';

export interface SeededTarget {
  /** A temp folder for outputs, removed after the suite. */
  dir: string;
  /** `--data-dir …` or `--database-url …`. */
  target: string[];
}

export function useSeededTarget(kind: 'embedded' | 'postgresql', name: string): SeededTarget {
  const seeded: SeededTarget = { dir: '', target: [] };
  let cluster: PgCluster | undefined;
  beforeAll(async () => {
    seeded.dir = mkdtempSync(join(tmpdir(), `gridatlas-${name}-${kind}-`));
    const dataDir = join(seeded.dir, 'pglite');
    if (kind === 'postgresql') cluster = await startPgCluster();
    seeded.target = cluster ? ['--database-url', cluster.url] : ['--data-dir', dataDir];
    const db = await openDatabase(cluster ? { databaseUrl: cluster.url } : { dataDir });
    try {
      await migrate(db);
      await seedDistrict(db, tinyDistrict);
    } finally {
      await db.close();
    }
  }, 240_000);
  afterAll(() => {
    cluster?.stop();
    rmSync(seeded.dir, { recursive: true, force: true });
  });
  return seeded;
}
