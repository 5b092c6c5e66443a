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

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');

async function timeServerStart(dataDir: string): Promise<number> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(join(root, 'node_modules/.bin/tsx'), ['api/src/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), GRIDATLAS_DATA_DIR: dataDir, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout.resume();
  try {
    const deadline = t0 + 600_000;
    while (performance.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/health`);
        const body = (await res.json()) as { seeded?: boolean };
        if (res.ok && body.seeded) return (performance.now() - t0) / 1000;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('server did not answer within 10 minutes');
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
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
