/**
 * `pnpm bench seed [--scale lianhu|default]`: generates the demo district and seeds it into a
 * fresh embedded database and a fresh real PostgreSQL 15 + PostGIS cluster, reporting wall
 * time and database size; then, side by side in the same run, our batched JSON insert
 * against a row-by-row INSERT baseline for the buildings table.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { migrate, openDatabase, seedDistrict, type Db } from '@gridatlas/api';
import { startPgCluster } from '@gridatlas/api/testing';
import { generateDistrict, type DemoScale, type DistrictDataset } from '@gridatlas/data';
import { du } from './disk-usage.js';
import { machineLine } from './machine.js';

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

async function databaseBytes(db: Db): Promise<number> {
  const r = await db.query<{ bytes: number }>('SELECT pg_database_size(current_database())::bigint AS bytes');
  return r.rows[0]?.bytes ?? 0;
}

async function timeSeed(db: Db, dataset: DistrictDataset): Promise<number> {
  await migrate(db);
  const t0 = performance.now();
  await seedDistrict(db, dataset);
  return performance.now() - t0;
}

const BUILDING_COLUMNS = 'id, community_code, name, footprint, floors, units, households, persons';

/** Our way: one statement per batch of rows through json_to_recordset. */
async function insertBuildingsBatched(db: Db, dataset: DistrictDataset): Promise<number> {
  const t0 = performance.now();
  const rows = dataset.buildings.map((b) => ({
    id: b.id,
    c: b.communityCode,
    n: b.name,
    g: b.footprint,
    f: b.floors,
    u: b.units,
    h: b.households,
    p: b.persons,
  }));
  for (let i = 0; i < rows.length; i += 5000) {
    await db.query(
      `INSERT INTO bench_buildings (${BUILDING_COLUMNS})
       SELECT r.id, r.c, r.n, ST_SetSRID(ST_GeomFromGeoJSON(r.g::text), 4326), r.f, r.u, r.h, r.p
       FROM json_to_recordset($1::json) AS r(id bigint, c text, n text, g json, f int, u int, h int, p int)`,
      [JSON.stringify(rows.slice(i, i + 5000))],
    );
  }
  return performance.now() - t0;
}

/** Baseline: one parameterised INSERT per row. */
async function insertBuildingsRowByRow(db: Db, dataset: DistrictDataset): Promise<number> {
  const t0 = performance.now();
  for (const b of dataset.buildings) {
    await db.query(
      `INSERT INTO bench_buildings (${BUILDING_COLUMNS})
       VALUES ($1, $2, $3, ST_SetSRID(ST_GeomFromGeoJSON($4), 4326), $5, $6, $7, $8)`,
      [b.id, b.communityCode, b.name, JSON.stringify(b.footprint), b.floors, b.units, b.households, b.persons],
    );
  }
  return performance.now() - t0;
}

async function compareInserts(db: Db, dataset: DistrictDataset): Promise<{ batched: number; rowByRow: number }> {
  const reset = async (): Promise<void> => {
    await db.query('DROP TABLE IF EXISTS bench_buildings');
    await db.query(
      `CREATE TABLE bench_buildings (id bigint PRIMARY KEY, community_code text, name text,
         footprint geometry(Geometry, 4326), floors int, units int, households int, persons int)`,
    );
  };
  await reset();
  const rowByRow = await db.transaction((tx) => insertBuildingsRowByRow(tx, dataset));
  await reset();
  const batched = await db.transaction((tx) => insertBuildingsBatched(tx, dataset));
  await db.query('DROP TABLE bench_buildings');
  return { batched, rowByRow };
}

export async function benchSeed(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { scale: { type: 'string', default: 'lianhu' } } });
  const scale = values.scale as DemoScale;
  console.log(`machine: ${machineLine()}`);

  const t0 = performance.now();
  const dataset = generateDistrict({ seed: 1, scale });
  const generated = performance.now() - t0;
  const households = dataset.buildings.reduce((s, b) => s + b.households, 0);
  const points = dataset.patrolTracks.reduce((s, t) => s + t.points.length / 3, 0);
  console.log(
    `dataset (${scale}, seed 1): ${dataset.regions.filter((r) => r.level === 'community').length} communities, ` +
      `${dataset.buildings.length} buildings, ${households} households, ${dataset.plans[0]?.grids.length ?? 0} grids, ` +
      `${dataset.incidents.length} incidents, ${dataset.patrolTracks.length} patrol tracks (${points} points), ` +
      `${dataset.visits.length} visits, ${dataset.specialGroups.length} special-group records`,
  );
  console.log(`generate: ${seconds(generated)}`);

  const dataDir = mkdtempSync(join(tmpdir(), 'gridatlas-bench-seed-'));
  const cluster = await startPgCluster();
  try {
    const embedded = await openDatabase({ dataDir });
    const embeddedSeed = await timeSeed(embedded, dataset);
    const embeddedBytes = await databaseBytes(embedded);
    const embeddedInserts = await compareInserts(embedded, dataset);
    await embedded.close();

    const real = await openDatabase({ databaseUrl: cluster.url });
    const realSeed = await timeSeed(real, dataset);
    const realBytes = await databaseBytes(real);
    const realInserts = await compareInserts(real, dataset);
    await real.close();

    console.log('');
    console.log('| database | seed (one transaction) | database size | data folder |');
    console.log('| --- | --- | --- | --- |');
    console.log(`| embedded PGlite (PG 18 + PostGIS 3.6) | ${seconds(embeddedSeed)} | ${mib(embeddedBytes)} | ${mib(du(dataDir))} |`);
    console.log(`| PostgreSQL 15 + PostGIS 3.3 | ${seconds(realSeed)} | ${mib(realBytes)} | – |`);
    console.log('');
    console.log(`| ${dataset.buildings.length} buildings | batched JSON insert (ours) | row-by-row INSERT (baseline) | speed-up |`);
    console.log('| --- | --- | --- | --- |');
    for (const [name, r] of [
      ['embedded', embeddedInserts],
      ['PostgreSQL 15', realInserts],
    ] as const) {
      console.log(`| ${name} | ${seconds(r.batched)} | ${seconds(r.rowByRow)} | ${(r.rowByRow / r.batched).toFixed(1)}× |`);
    }
  } finally {
    cluster.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
