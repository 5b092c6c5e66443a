/**
 * `pnpm bench planner [--scale lianhu|default] [--seed N] [--samples N] [--runs N]`: the
 * planner's metrics on the generated district, side by side in one run with the naive
 * baseline of issue 4 (Turf `booleanPointInPolygon` of every grid against every building):
 * the whole district (ours: index + metrics of every grid, and the full `validatePlan`) and
 * one grid recomputed as on a drag frame (p50/p95). Fails when the two disagree on any
 * grid's households, persons or buildings.
 */
import { parseArgs } from 'node:util';
import {
  createUnitIndex,
  DEFAULT_RULE_PROFILE,
  gridMetrics,
  representativePoint,
  validatePlan,
  type GridMetrics,
  type PlanCommunity,
  type PlanUnit,
} from '@gridatlas/core';
import { generateDistrict, type DemoScale } from '@gridatlas/data';
import { percentile } from './load-mix.js';
import { machineLine } from './machine.js';
import { countMismatches, naiveGridCounts, type GridCounts } from './planner-baseline.js';

const ms = (x: number): string => (x >= 100 ? `${x.toFixed(0)} ms` : x >= 1 ? `${x.toFixed(1)} ms` : `${(x * 1000).toFixed(0)} µs`);
const ratio = (baseline: number, ours: number): string => `${(baseline / ours).toFixed(baseline / ours < 10 ? 1 : 0)}×`;

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const result = fn();
  return [result, performance.now() - t0];
}

/**
 * Wall time of `fn`: its first (cold, before the JIT has warmed up) run, and the median of
 * `runs` runs after `warmup` more untimed ones; with its last result.
 */
function timed<T>(runs: number, warmup: number, fn: () => T): { result: T; coldMs: number; ms: number } {
  const [first, coldMs] = time(fn);
  let result = first;
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) [result, times[i]] = time(fn);
  return { result, coldMs, ms: percentile(times, 50) };
}

export async function benchPlanner(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      scale: { type: 'string', default: 'lianhu' },
      seed: { type: 'string', default: '1' },
      samples: { type: 'string', default: '500' },
      runs: { type: 'string', default: '10' },
    },
  });
  const scale = values.scale as DemoScale;
  const samples = Number(values.samples);
  const runs = Number(values.runs);
  console.log(`machine: ${machineLine()}`);

  const [dataset, generated] = time(() => generateDistrict({ seed: Number(values.seed), scale }));
  const plan = dataset.plans.find((p) => p.status === 'approved') ?? dataset.plans[0]!;
  const grids = plan.grids;
  const communities: PlanCommunity[] = dataset.regions
    .filter((r) => r.level === 'community')
    .map((r) => ({ code: r.code, geometry: r.boundary }));
  const units: PlanUnit[] = dataset.buildings.map((b) => ({
    id: String(b.id),
    point: representativePoint(b.footprint.coordinates),
    households: b.households,
    persons: b.persons,
    footprint: b.footprint.coordinates,
  }));
  console.log(
    `district: ${scale} (seed ${values.seed}), ${grids.length} grids in ${communities.length} communities, ` +
      `${units.length} buildings, generated in ${ms(generated)}`,
  );

  // (a) Ours: the index plus every grid's metrics, and the whole validation (gaps, overlaps, cut buildings…).
  const metricsRun = timed(runs, 3, () => {
    const index = createUnitIndex(units);
    return new Map(grids.map((g) => [g.code, gridMetrics(g.geometry, index, DEFAULT_RULE_PROFILE)] as const));
  });
  const indexRun = timed(runs, 3, () => createUnitIndex(units));
  const validateRuns = Math.max(3, Math.ceil(runs / 3));
  const validateRun = timed(validateRuns, 1, () =>
    validatePlan({ communities, grids, units: createUnitIndex(units), profile: DEFAULT_RULE_PROFILE }),
  );
  const ourMetrics = metricsRun.result;
  const validation = validateRun.result;

  // (b) Baseline: every grid against every building.
  const baselineRun = timed(3, 1, () => new Map<string, GridCounts>(grids.map((g) => [g.code, naiveGridCounts(g.geometry, units)])));
  const baseline = baselineRun.result;
  const baselineMs = baselineRun.ms;

  const mismatches = [
    ...countMismatches(ourMetrics, baseline).map((m) => ({ ...m, path: 'gridMetrics' })),
    ...countMismatches(validation.metrics as Map<string, GridMetrics>, baseline).map((m) => ({ ...m, path: 'validatePlan' })),
  ];
  if (mismatches.length > 0) {
    console.error(`\nFAILED: ${mismatches.length} grid count(s) differ between ours and the Turf baseline:`);
    for (const m of mismatches.slice(0, 10))
      console.error(`  ${m.path} ${m.code}: ours ${JSON.stringify(m.ours)}, baseline ${JSON.stringify(m.baseline)}`);
    process.exitCode = 1;
    return;
  }
  const households = [...baseline.values()].reduce((s, c) => s + c.households, 0);
  console.log(`counts agree on all ${grids.length} grids (households, persons, buildings; ${households} households in grids)`);

  // (c) One grid recomputed, as on every drag frame: a spread of grids, each timed alone.
  const step = Math.max(1, Math.floor(grids.length / samples));
  const sample = grids.filter((_, i) => i % step === 0).slice(0, samples);
  const index = indexRun.result;
  for (const g of sample) gridMetrics(g.geometry, index, DEFAULT_RULE_PROFILE);
  const oursOne = sample.map((g) => time(() => gridMetrics(g.geometry, index, DEFAULT_RULE_PROFILE))[1]);
  const naiveOne = sample.map((g) => time(() => naiveGridCounts(g.geometry, units))[1]);

  const p50 = (x: number[]): number => percentile(x, 50);
  const p95 = (x: number[]): number => percentile(x, 95);
  console.log('');
  console.log(`| case | ours | naive Turf baseline | baseline ÷ ours |`);
  console.log(`| --- | --- | --- | --- |`);
  console.log(
    `| whole district: households/persons/buildings of ${grids.length} grids (ours: flatbush index ${ms(indexRun.ms)} + gridMetrics; ` +
      `median of ${runs} warm runs, baseline of 3) | ${ms(metricsRun.ms)} | ${ms(baselineMs)} | ${ratio(baselineMs, metricsRun.ms)} |`,
  );
  console.log(
    `| same, first run (cold JIT) | ${ms(metricsRun.coldMs)} | ${ms(baselineRun.coldMs)} | ${ratio(baselineRun.coldMs, metricsRun.coldMs)} |`,
  );
  console.log(
    `| whole district: full validatePlan (metrics + gaps, overlaps, outside, cut buildings, zones; median of ${validateRuns}, first ${ms(validateRun.coldMs)}) ` +
      `| ${ms(validateRun.ms)} | ${ms(baselineMs)} (counts only) | ${ratio(baselineMs, validateRun.ms)} |`,
  );
  console.log(
    `| one grid (${sample.length} grids), p50 | ${ms(p50(oursOne))} | ${ms(p50(naiveOne))} | ${ratio(p50(naiveOne), p50(oursOne))} |`,
  );
  console.log(
    `| one grid (${sample.length} grids), p95 | ${ms(p95(oursOne))} | ${ms(p95(naiveOne))} | ${ratio(p95(naiveOne), p95(oursOne))} |`,
  );
  console.log('');
  console.log(
    `problems found by validatePlan: ${validation.errors} error(s), ${validation.warnings} warning(s); ` +
      `a frame at 60 Hz is 16.7 ms (one-grid p95: ${ms(p95(oursOne))})`,
  );
}
