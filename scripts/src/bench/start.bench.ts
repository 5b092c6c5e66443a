/**
 * `pnpm bench start`: how long `pnpm start`'s server takes until it answers, on a fresh
 * embedded database (cold: creates the database, migrates, generates and seeds the demo
 * district) and again on the same folder (warm). The web build is timed on its own.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@gridatlas/api/testing';
import { machineLine } from './machine.js';
import { waitSeeded } from './wait-seeded.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');

async function timeServerStart(dataDir: string): Promise<number> {
  const port = await freePort();
  const t0 = performance.now();
  // node --import tsx keeps the server in this child, so SIGTERM reaches it (the tsx binary forks).
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/src/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), GRIDATLAS_DATA_DIR: dataDir, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout.resume();
  try {
    await waitSeeded(`http://127.0.0.1:${port}`, child, 600_000);
    return (performance.now() - t0) / 1000;
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
  }
}

async function timeWebBuild(): Promise<number> {
  const t0 = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(join(root, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], {
      cwd: join(root, 'web'),
      stdio: 'inherit',
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build exited ${code}`))));
  });
  return (performance.now() - t0) / 1000;
}

export async function benchStart(): Promise<void> {
  console.log(`machine: ${machineLine()}`);
  const build = await timeWebBuild();
  const dataDir = mkdtempSync(join(tmpdir(), 'gridatlas-bench-start-'));
  try {
    const cold = await timeServerStart(dataDir);
    const warm = await timeServerStart(dataDir);
    console.log(`web build (vite):                     ${build.toFixed(1)} s`);
    console.log(`cold start (new database + seed):     ${cold.toFixed(1)} s`);
    console.log(`warm start (existing database):       ${warm.toFixed(1)} s`);
    console.log(`cold ÷ warm:                          ${(cold / warm).toFixed(1)}×`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
