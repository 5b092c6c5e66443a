/**
 * Vitest global setup for the API: one PostgreSQL 15 cluster and one embedded database per
 * run, each migrated and seeded with the tiny fixture once; tests clone these templates
 * (`CREATE DATABASE … TEMPLATE`, PGlite `loadDataDir`) instead of paying the first start of a
 * fresh embedded database each time (figure in BENCHMARKS.md). Missing PostgreSQL or PostGIS fails the run with the install command.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate } from '../db/migrate.js';
import { openDatabase } from '../db/open-database.js';
import { openPglite, pgliteDb } from '../db/pglite.adapter.js';
import { seedDistrict } from '../seed/seed-district.js';
import { startPgCluster } from './pg-cluster.js';
import { PG_BARE_TEMPLATE, PG_SEEDED_TEMPLATE } from './test-templates.js';
import { tinyDistrict } from './tiny-district.fixture.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
    pgliteBareDump: string;
    pgliteSeededDump: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const cluster = await startPgCluster();
  try {
    // One after the other: the embedded database runs on this thread and holds it for seconds
    // at a time, and a PostgreSQL connection opened meanwhile times out on a busy machine.
    await preparePostgres(cluster.url);
    const dumps = await prepareEmbedded(cluster.dir);
    project.provide('pgUrl', cluster.url);
    project.provide('pgliteBareDump', dumps.bare);
    project.provide('pgliteSeededDump', dumps.seeded);
  } catch (error) {
    cluster.stop();
    throw error;
  }
  return () => cluster.stop();
}

async function preparePostgres(url: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${PG_BARE_TEMPLATE}`);
    await admin.query(`CREATE DATABASE ${PG_SEEDED_TEMPLATE}`);
  } finally {
    await admin.end();
  }
  const bare = await openDatabase({ databaseUrl: dbUrl(url, PG_BARE_TEMPLATE) });
  await bare.close();
  const db = await openDatabase({ databaseUrl: dbUrl(url, PG_SEEDED_TEMPLATE) });
  try {
    await migrate(db);
    await seedDistrict(db, tinyDistrict);
  } finally {
    await db.close();
  }
}

async function prepareEmbedded(dir: string): Promise<{ bare: string; seeded: string }> {
  const pglite = await openPglite({ dataDir: 'memory://' });
  const db = pgliteDb(pglite);
  try {
    await db.exec('CREATE EXTENSION IF NOT EXISTS postgis');
    const bare = join(dir, 'pglite-bare.tar');
    writeFileSync(bare, new Uint8Array(await (await pglite.dumpDataDir('none')).arrayBuffer()));
    await migrate(db);
    await seedDistrict(db, tinyDistrict);
    const seeded = join(dir, 'pglite-seeded.tar');
    writeFileSync(seeded, new Uint8Array(await (await pglite.dumpDataDir('none')).arrayBuffer()));
    return { bare, seeded };
  } finally {
    await db.close();
  }
}

export function dbUrl(clusterUrl: string, database: string): string {
  const u = new URL(clusterUrl);
  u.pathname = `/${database}`;
  return u.toString();
}
