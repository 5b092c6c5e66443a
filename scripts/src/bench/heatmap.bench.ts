/**
 * `pnpm bench heatmap`: the analyst heatmap's pan frame times in headless Chromium, run by the
 * web package's own bench (`web/e2e/heatmap-pan.bench.ts`, next to the browser harness it
 * uses) in a child process; this names the machine first.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineLine } from './machine.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');

export async function benchHeatmap(args: string[]): Promise<void> {
  console.log(`machine: ${machineLine()}`);
  const child = spawn(process.execPath, ['--import', 'tsx', 'e2e/heatmap-pan.bench.ts', ...args], {
    cwd: join(root, 'web'),
    stdio: 'inherit',
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`the heatmap bench exited with ${code}`);
}
