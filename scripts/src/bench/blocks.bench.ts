/**
 * `pnpm bench blocks [--runs N] [--baseline <commit>] [--scale default|lianhu|none]`: street
 * blocks from real networks (issue 13), side by side in one run:
 *
 * - ours (`streetBlocks`, `buildUnits` of this checkout), strictly (no joins, no sliver
 *   merging) and with the defaults;
 * - the implementation of `--baseline` (default 57fafe1, before issue 13), materialised from
 *   git into core/node_modules/.gridatlas-baseline/<commit> and imported from there;
 * - JSTS (GeometryNoder + Polygonizer, blocks-jsts.ts), strictly;
 * - PostGIS (embedded PGlite + PostGIS: ST_Node + ST_Polygonize), the reference.
 *
 * On the Wuhan and Shanghai real networks: faces, the PostGIS faces, coverage of the boundary,
 * buildings left outside every face, the largest area difference from PostGIS, and median
 * wall times; then on every community of the demo district: faces and times, ours vs the
 * baseline. Prints markdown tables for BENCHMARKS.md.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '@gridatlas/api';
import { compareFaces, referenceFaces } from '@gridatlas/api/testing';
import {
  areaM2,
  buildUnits,
  representativePoint,
  streetBlocks,
  type LineString,
  type PlanUnit,
  type Polygon,
  type Position,
} from '@gridatlas/core';
import { generateDistrict, type DemoScale } from '@gridatlas/data';
import { shanghaiStreetCase, wuhanStreetCase, type StreetCase } from '@gridatlas/data/real-streets';
import { jstsFaces } from './blocks-jsts.js';
import { machineLine } from './machine.js';

interface BlocksLike {
  faces: Polygon[];
  faceOf(point: Position): number;
}
interface BaselineModules {
  commit: string;
  streetBlocks: (boundary: Polygon, streets: readonly LineString[]) => BlocksLike;
  buildUnits: (input: {
    boundary: Polygon;
    streets: readonly LineString[];
    buildings: readonly PlanUnit[];
    maxUnitHouseholds: number;
    maxUnitPersons?: number;
  }) => { units: unknown[]; unitOfBuilding: Int32Array };
}

const ROOT = join(import.meta.dirname, '../../..');
const ms = (x: number): string => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x >= 100 ? 0 : 1)} ms`);
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

interface Timing {
  /** Median CPU time of this process (all its threads), ms: steadier than wall time on a shared machine. */
  cpu: number;
  /** Median wall time, ms. */
  wall: number;
}

/**
 * Times each function `runs` times, taking turns (a, b, c, a, b, c, …) after one warm-up call
 * each, so drift on the machine touches all alike; medians of CPU and wall time, and the last
 * result of each.
 */
function race<T extends Record<string, () => unknown>>(runs: number, fns: T): { [K in keyof T]: Timing & { result: ReturnType<T[K]> } } {
  const names = Object.keys(fns) as (keyof T)[];
  const results = new Map<keyof T, unknown>(names.map((n) => [n, fns[n]!()]));
  const cpu = new Map<keyof T, number[]>(names.map((n) => [n, []]));
  const wall = new Map<keyof T, number[]>(names.map((n) => [n, []]));
  for (let i = 0; i < runs; i++) {
    for (const n of names) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      results.set(n, fns[n]!());
      wall.get(n)!.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.get(n)!.push((c.user + c.system) / 1000);
    }
  }
  return Object.fromEntries(names.map((n) => [n, { cpu: median(cpu.get(n)!), wall: median(wall.get(n)!), result: results.get(n) }])) as {
    [K in keyof T]: Timing & { result: ReturnType<T[K]> };
  };
}

const time = (t: Timing): string => `${ms(t.cpu)} (${ms(t.wall)})`;

/** The baseline's core/src from git, where its imports (flatbush, turf) resolve from core/node_modules. */
async function loadBaseline(commit: string): Promise<BaselineModules> {
  const dir = join(ROOT, 'core/node_modules/.gridatlas-baseline', commit);
  if (!existsSync(join(dir, 'core/src/engine/street-blocks.ts'))) {
    mkdirSync(dir, { recursive: true });
    const tar = execFileSync('git', ['-C', ROOT, 'archive', commit, 'core/src'], { maxBuffer: 1 << 28 });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
  }
  const blocks = (await import(join(dir, 'core/src/engine/street-blocks.ts'))) as Pick<BaselineModules, 'streetBlocks'>;
  const units = (await import(join(dir, 'core/src/engine/build-units.ts'))) as Pick<BaselineModules, 'buildUnits'>;
  return { commit, streetBlocks: blocks.streetBlocks, buildUnits: units.buildUnits };
}

const coverage = (faces: readonly Polygon[], boundary: Polygon): number => faces.reduce((s, f) => s + areaM2(f), 0) / areaM2(boundary);
const outside = (b: BlocksLike, buildings: readonly PlanUnit[]): number => buildings.filter((u) => b.faceOf(u.point) < 0).length;
const unitShare = { maxUnitHouseholds: 100, maxUnitPersons: 333 };

export async function benchBlocks(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      runs: { type: 'string', default: '7' },
      baseline: { type: 'string', default: '57fafe1' },
      scale: { type: 'string', default: 'default' },
    },
  });
  const runs = Math.max(1, Number(values.runs));
  console.log(
    `machine: ${machineLine()}; load average at start ${loadavg()[0]!.toFixed(1)} (other work on the machine slows every column alike)`,
  );
  console.log(
    `ours: this checkout; baseline: ${values.baseline}; JSTS 2.12 (GeometryNoder + Polygonizer); reference: PostGIS on the embedded database; times: median CPU ms of the process (wall ms) over ${runs} runs taking turns, after a warm-up`,
  );
  const baseline = await loadBaseline(values.baseline!);
  const db = await openDatabase({ dataDir: 'memory://' });

  console.log(
    '\n| network | implementation | faces | PostGIS faces | coverage | buildings outside | largest area difference from PostGIS | street blocks, CPU (wall) | units (blocks cut to ≤ 100 households), CPU (wall) |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  try {
    for (const c of [wuhanStreetCase(), shanghaiStreetCase()]) await realNetwork(c, runs, baseline, db);
  } finally {
    await db.close();
  }

  if (values.scale !== 'none') demoDistrict(values.scale as DemoScale, runs, baseline);
  console.log(`\nload average at the end ${loadavg()[0]!.toFixed(1)}`);
}

async function realNetwork(
  c: StreetCase,
  runs: number,
  baseline: BaselineModules,
  db: Awaited<ReturnType<typeof openDatabase>>,
): Promise<void> {
  const label = `${c.name} (${c.streets.length} lines, ${c.buildings.length} buildings)`;
  const blocks = race(runs, {
    strict: () => streetBlocks(c.boundary, c.streets, { gapM: 0, sliverM2: 0, sliverWidthM: 0 }),
    ours: () => streetBlocks(c.boundary, c.streets),
    old: () => baseline.streetBlocks(c.boundary, c.streets),
    jsts: () => jstsFaces(c.boundary, c.streets),
  });
  const units = race(runs, {
    ours: () => buildUnits({ boundary: c.boundary, streets: c.streets, buildings: c.buildings, ...unitShare }),
    old: () => baseline.buildUnits({ boundary: c.boundary, streets: c.streets, buildings: c.buildings, ...unitShare }),
  });
  const { strict, ours, old, jsts } = blocks;
  const [oursUnits, oldUnits] = [units.ours, units.old];

  const ref = await referenceFaces(db, c.boundary, c.streets);
  const joins = ours.result.planar.joins.map((j): LineString => ({ type: 'LineString', coordinates: j }));
  const refJoined = joins.length > 0 ? await referenceFaces(db, c.boundary, [...c.streets, ...joins]) : ref;
  const strictCmp = await compareFaces(db, c.boundary, strict.result.faces, ref, 0.0071);
  const oursCmp = await compareFaces(db, c.boundary, ours.result.faces, refJoined, 0.0071);
  const s = ours.result.planar.stats;
  const row = (impl: string, faces: string, pg: string, cov: string, out: string, diff: string, t: string, units: string): void =>
    console.log(`| ${label} | ${impl} | ${faces} | ${pg} | ${cov} | ${out} | ${diff} | ${t} | ${units} |`);
  row(
    'ours, strict',
    String(strict.result.faces.length),
    String(ref.length),
    coverage(strict.result.faces, c.boundary).toFixed(6),
    String(outside(strict.result, c.buildings)),
    `${strictCmp.maxAreaDiffM2.toFixed(3)} m² (${(strictCmp.maxAreaDiffPerPerimeterM * 100).toFixed(2)} cm × perimeter); ${strictCmp.refWithinOne}/${ref.length} matched`,
    time(strict),
    '',
  );
  row(
    `ours (${s.joined} joined, ${s.slivers} slivers merged)`,
    String(ours.result.faces.length),
    `${refJoined.length} − ${s.slivers} merged`,
    coverage(ours.result.faces, c.boundary).toFixed(6),
    String(outside(ours.result, c.buildings)),
    `each PostGIS face in one block: ${oursCmp.refWithinOne}/${refJoined.length}`,
    time(ours),
    `${time(oursUnits)}: ${oursUnits.result.units.length} units, ${oursUnits.result.unitOfBuilding.filter((u) => u < 0).length} outside`,
  );
  row(
    `baseline ${baseline.commit}`,
    String(old.result.faces.length),
    String(ref.length),
    coverage(old.result.faces, c.boundary).toFixed(6),
    String(outside(old.result, c.buildings)),
    '',
    time(old),
    `${time(oldUnits)}: ${oldUnits.result.units.length} units, ${oldUnits.result.unitOfBuilding.filter((u) => u < 0).length} outside`,
  );
  row(
    'JSTS, strict',
    String(jsts.result.faces),
    String(ref.length),
    '',
    '',
    '',
    `${time(jsts)}; wall: noding ${ms(jsts.result.nodeMs)}, polygonizing ${ms(jsts.result.polygonizeMs)}`,
    '',
  );
  console.log(
    `| ${label} | CPU ratios | | | | | | ours ÷ baseline ${(ours.cpu / old.cpu).toFixed(2)}, JSTS ÷ ours strict ${(jsts.cpu / strict.cpu).toFixed(1)} | ours ÷ baseline ${(oursUnits.cpu / oldUnits.cpu).toFixed(2)} |`,
  );
}

function demoDistrict(scale: DemoScale, runs: number, baseline: BaselineModules): void {
  const dataset = generateDistrict({ seed: 1, scale });
  const streets = dataset.streets.map((s) => s.geometry);
  const communities = dataset.regions.filter((r) => r.level === 'community');
  const byCommunity = new Map<string, PlanUnit[]>();
  for (const b of dataset.buildings) {
    const unit: PlanUnit = {
      id: String(b.id),
      point: representativePoint(b.footprint.coordinates),
      households: b.households,
      persons: b.persons,
      footprint: b.footprint.coordinates,
    };
    byCommunity.set(b.communityCode, [...(byCommunity.get(b.communityCode) ?? []), unit]);
  }
  const sums = {
    oursFaces: 0,
    oldFaces: 0,
    differ: 0,
    oursOut: 0,
    oldOut: 0,
    oursCov: 0,
    oldCov: 0,
    oursMs: 0,
    oldMs: 0,
    oursUnitsMs: 0,
    oldUnitsMs: 0,
    oursUnits: 0,
    oldUnits: 0,
  };
  const r = runs;
  for (const c of communities) {
    const buildings = byCommunity.get(c.code) ?? [];
    const b = race(r, { ours: () => streetBlocks(c.boundary, streets), old: () => baseline.streetBlocks(c.boundary, streets) });
    const u = race(r, {
      ours: () => buildUnits({ boundary: c.boundary, streets, buildings, maxUnitHouseholds: 100 }),
      old: () => baseline.buildUnits({ boundary: c.boundary, streets, buildings, maxUnitHouseholds: 100 }),
    });
    const [ours, old, oursUnits, oldUnits] = [b.ours, b.old, u.ours, u.old];
    sums.oursFaces += ours.result.faces.length;
    sums.oldFaces += old.result.faces.length;
    if (ours.result.faces.length !== old.result.faces.length) sums.differ++;
    sums.oursOut += outside(ours.result, buildings);
    sums.oldOut += outside(old.result, buildings);
    sums.oursCov += coverage(ours.result.faces, c.boundary) / communities.length;
    sums.oldCov += coverage(old.result.faces, c.boundary) / communities.length;
    sums.oursMs += ours.cpu;
    sums.oldMs += old.cpu;
    sums.oursUnitsMs += oursUnits.cpu;
    sums.oldUnitsMs += oldUnits.cpu;
    sums.oursUnits += oursUnits.result.units.length;
    sums.oldUnits += oldUnits.result.units.length;
  }
  console.log(
    `\ndemo district (${scale}, seed 1): ${communities.length} communities, ${dataset.buildings.length} buildings; sums over communities of median CPU times (${r} runs each, taking turns)\n`,
  );
  console.log(
    '| implementation | street blocks | communities with another face count | mean coverage | buildings outside | street blocks CPU | units | units CPU (blocks cut to ≤ 100 households) |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  console.log(
    `| ours | ${sums.oursFaces} | ${sums.differ} | ${sums.oursCov.toFixed(6)} | ${sums.oursOut} | ${ms(sums.oursMs)} | ${sums.oursUnits} | ${ms(sums.oursUnitsMs)} |`,
  );
  console.log(
    `| baseline | ${sums.oldFaces} | | ${sums.oldCov.toFixed(6)} | ${sums.oldOut} | ${ms(sums.oldMs)} | ${sums.oldUnits} | ${ms(sums.oldUnitsMs)} |`,
  );
  console.log(
    `| ours ÷ baseline | | | | | ${(sums.oursMs / sums.oldMs).toFixed(2)} | | ${(sums.oursUnitsMs / sums.oldUnitsMs).toFixed(2)} |`,
  );
}
