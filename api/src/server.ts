/**
 * Starts GridAtlas on one port: opens the database (embedded unless a URL is given),
 * migrates it, loads the synthetic demo district into an empty database when demo mode is
 * on, and serves the API plus the built web app.
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.js';
import type { Db } from './db/db.types.js';
import { migrate } from './db/migrate.js';
import { openDatabase } from './db/open-database.js';
import { createLogger, type Logger } from './log.js';
import type { DemoScale, DistrictDataset, GenerateOptions } from './seed/dataset.types.js';
import { isSeeded } from './seed/district-data.js';
import { seedDistrict } from './seed/seed-district.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServerOptions {
  port: number;
  /** Interface to listen on; default all. */
  host?: string;
  databaseUrl?: string;
  dataDir?: string;
  /** Built web app; default `<repo>/web/dist`; `false` serves the API only. */
  webDist?: string | false;
  /** Seed the synthetic demo district into an empty database. */
  demo?: { seed: number; scale: DemoScale } | false;
  log?: Logger;
}

export interface RunningServer {
  url: string;
  port: number;
  db: Db;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const log = options.log ?? createLogger();
  const t0 = performance.now();
  const db = await openDatabase({
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
  });
  try {
    const { applied } = await migrate(db);
    log.info('database_ready', { database: db.kind, migrationsApplied: applied.length, ms: Math.round(performance.now() - t0) });
    if (options.demo && !(await isSeeded(db))) await seedDemo(db, options.demo, log);
    const webDist = options.webDist === false ? undefined : (options.webDist ?? join(repoRoot, 'web/dist'));
    const app = createApp({ db, log, ...(webDist ? { webDist } : {}) });
    const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: options.port, ...(options.host ? { hostname: options.host } : {}) }, () => resolve(s));
      s.once('error', reject);
    });
    const port = (server.address() as AddressInfo).port;
    return {
      url: `http://localhost:${port}`,
      port,
      db,
      async close() {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await db.close();
      },
    };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}

type Generate = (options: GenerateOptions) => DistrictDataset;

async function seedDemo(db: Db, demo: { seed: number; scale: DemoScale }, log: Logger): Promise<void> {
  // Loaded on demand: the generator is only needed on a first start in demo mode.
  const dataModule = '@gridatlas/data';
  const { generateDistrict } = (await import(dataModule)) as { generateDistrict?: Generate };
  if (!generateDistrict) throw new Error('@gridatlas/data has no generateDistrict: the demo district cannot be generated');
  const t0 = performance.now();
  const dataset = generateDistrict({ seed: demo.seed, scale: demo.scale });
  const t1 = performance.now();
  await seedDistrict(db, dataset);
  log.info('demo_seeded', {
    scale: demo.scale,
    seed: demo.seed,
    buildings: dataset.buildings.length,
    generateMs: Math.round(t1 - t0),
    seedMs: Math.round(performance.now() - t1),
  });
}
