/**
 * `pnpm bench geometry [--runs N] [--baseline <commit>] [--limit S] [--file wuhan|zhengzhou|both]`:
 * the normalising step's polygon repair on real district boundaries (the web-map files in
 * ../shared/data/real, as given and converted from GCJ-02), side by side in one run:
 *
 * - ours: `normaliseFeatures` of this checkout (noding on the grid, bounded build-area);
 * - the previous JSTS path: `normaliseFeatures` of `--baseline` (default 6146a60, before the
 *   fix: off-grid noding, JSTS Polygonizer in its only-polygonal mode), materialised from git
 *   into core/node_modules/.gridatlas-baseline/<commit>.
 *
 * Each district runs in a child process per implementation (a warm-up, then `--runs` timed
 * runs, median CPU and wall ms); a child still running after `--limit` seconds is stopped and
 * counted as not finishing. Prints a markdown table for BENCHMARKS.md.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { FeatureCollection } from 'geojson';
import { machineLine } from './machine.js';

const ROOT = join(import.meta.dirname, '../../..');
const REAL = process.env.GRIDATLAS_REAL_DATA ?? join(ROOT, '../shared/data/real');
const CHILD = join(import.meta.dirname, 'geometry-repair.child.ts');

interface Run {
  cpu: number;
  wall: number;
  parts: number;
  area: number;
}

/** The baseline's core/src from git; its imports (jsts, turf) resolve from core/node_modules. */
function baselineIndex(commit: string): string {
  const dir = join(ROOT, 'core/node_modules/.gridatlas-baseline', commit);
  if (!existsSync(join(dir, 'core/src/index.ts'))) {
    mkdirSync(dir, { recursive: true });
    const tar = execFileSync('git', ['-C', ROOT, 'archive', commit, 'core/src'], { maxBuffer: 1 << 28 });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
  }
  return join(dir, 'core/src/index.ts');
}

/** One child run; null when it did not finish within `limitS` seconds. */
function runChild(index: string, file: string, system: string, feature: number, runs: number, limitS: number): Promise<Run | null> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', CHILD, index, file, system, String(feature), String(runs)],
      { cwd: ROOT, timeout: limitS * 1000, killSignal: 'SIGKILL', maxBuffer: 1 << 20 },
      (error, stdout) => {
        if (error && (error as { killed?: boolean }).killed) resolve(null);
        else if (error) reject(error);
        else resolve(JSON.parse(stdout.trim().split('\n').pop()!) as Run);
      },
    );
  });
}

const ms = (x: number): string => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x >= 100 ? 0 : 1)} ms`);
const vertices = (g: FeatureCollection['features'][number]['geometry']): number =>
  g.type === 'Polygon' ? g.coordinates.flat().length : g.type === 'MultiPolygon' ? g.coordinates.flat(2).length : 0;

export async function benchGeometry(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      runs: { type: 'string', default: '3' },
      baseline: { type: 'string', default: '6146a60' },
      limit: { type: 'string', default: '90' },
      file: { type: 'string', default: 'wuhan' },
    },
  });
  const runs = Math.max(1, Number(values.runs));
  const limitS = Number(values.limit);
  const files = values.file === 'both' ? ['wuhan', 'zhengzhou'] : [values.file!];
  console.log(`machine: ${machineLine()}; load average at start ${loadavg()[0]!.toFixed(1)}`);
  console.log(
    `ours: this checkout; previous JSTS path: ${values.baseline}; times: median CPU (wall) of ${runs} runs after a warm-up, each district in its own process per implementation, stopped after ${limitS} s`,
  );
  const ours = join(ROOT, 'core/src/index.ts');
  const old = baselineIndex(values.baseline!);
  console.log(
    '\n| boundaries | district | vertices | ours, CPU (wall) | previous JSTS path, CPU (wall) | previous ÷ ours (CPU) | same parts and area (1e-9) |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const name of files) {
    const file = join(REAL, `${name}-districts-echarts.geojson`);
    const fc = JSON.parse(readFileSync(file, 'utf8')) as FeatureCollection;
    for (const system of ['as-given', 'gcj02']) {
      const total = { ours: 0, old: 0, both: 0, hung: [] as string[] };
      for (let i = 0; i < fc.features.length; i++) {
        const f = fc.features[i]!;
        const district = String(f.properties?.name ?? i);
        const a = await runChild(ours, file, system, i, runs, limitS);
        const b = await runChild(old, file, system, i, runs, limitS);
        if (!a) {
          // Not expected: said plainly rather than left out of the table.
          console.log(
            `| ${name} ${system} | ${district} | ${vertices(f.geometry)} | did not finish in ${limitS} s | ${b ? ms(b.cpu) : 'did not finish'} | | |`,
          );
          continue;
        }
        total.ours += a.cpu;
        if (b) {
          total.old += b.cpu;
          total.both += a.cpu;
        } else total.hung.push(district);
        const same = b
          ? a.parts === b.parts && Math.abs(a.area - b.area) <= 1e-9 * b.area
            ? 'yes'
            : `no: ${b.parts} → ${a.parts} parts, area ×${(a.area / b.area).toFixed(9)}`
          : '';
        console.log(
          `| ${name} ${system} | ${district} | ${vertices(f.geometry)} | ${ms(a.cpu)} (${ms(a.wall)}) | ${b ? `${ms(b.cpu)} (${ms(b.wall)})` : `did not finish in ${limitS} s`} | ${b ? (b.cpu / a.cpu).toFixed(2) : '∞'} | ${same} |`,
        );
      }
      console.log(
        `| ${name} ${system} | **all ${fc.features.length}** | | ${ms(total.ours)} | ${ms(total.old)} on the ${fc.features.length - total.hung.length} it finished${total.hung.length ? `; never finished ${total.hung.join(', ')}` : ''} | ${(total.old / total.both).toFixed(2)} (where both finish) | |`,
      );
    }
  }
  console.log(`\nload average at the end ${loadavg()[0]!.toFixed(1)}`);
}
