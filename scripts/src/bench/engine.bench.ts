/**
 * `pnpm bench engine [--scale lianhu|default] [--profile any|all] [--seed N]` (and `--real`,
 * engine-real.bench.ts: real census units, messy variants and the Wuhan tiles): the
 * auto-delineation engine of issue 5 on every community of the generated district, side by
 * side in one run with two baselines — the district's hand-made approved plan, and greedy
 * region growing (engine-greedy.ts) on the very same units — then the rebalance scenario
 * (compounds grow 30–50%): households moved by `rebalance` against a from-scratch re-run.
 * Prints a markdown table for BENCHMARKS.md.
 */
import { parseArgs } from 'node:util';
import {
  createRandom,
  createUnitIndex,
  DEFAULT_RULE_PROFILE,
  delineateCommunity,
  gridLoad,
  gridLowerBound,
  rebalanceCommunity,
  representativePoint,
  validatePlan,
  type CapCombine,
  type DelineateResult,
  type EngineUnit,
  type PlanGrid,
  type PlanUnit,
  type RuleProfile,
} from '@gridatlas/core';
import { generateDistrict, type DemoScale } from '@gridatlas/data';
import type { LineString, Polygon } from 'geojson';
import { greedyGrids } from './engine-greedy.js';
import { benchEngineExact } from './engine-exact.bench.js';
import { benchEngineReal } from './engine-real.bench.js';
import { emptyScenarioResult, rebalanceApprovedScenario, type ApprovedScenarioResult } from './engine-rebalance-approved.js';
import { leastMoves } from './rebalance-bound.js';
import { addChecks, checkLine, checkRebalanceOutput } from './rebalance-output.js';
import { machineLine } from './machine.js';

const ms = (x: number): string => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x >= 100 ? 0 : 1)} ms`);
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const code = (community: string, i: number): string => `${community}${String(i + 1).padStart(3, '0')}`;

interface Community {
  code: string;
  boundary: Polygon;
  buildings: PlanUnit[];
  result: DelineateResult & { units: { units: EngineUnit[]; adjacency: Map<number, number>[] } };
  ms: number;
}

/** Problems `validatePlan` finds in one community's engine grids, by kind. */
function validateCommunity(c: Community, profile: RuleProfile): Map<string, number> {
  const grids: PlanGrid[] = c.result.grids.map((g, i) => ({ code: code(c.code, i), geometry: g.geometry, communityCode: c.code }));
  const v = validatePlan({ communities: [{ code: c.code, geometry: c.boundary }], grids, units: createUnitIndex(c.buildings), profile });
  const kinds = new Map<string, number>();
  for (const p of v.problems)
    if (p.severity === 'error' || p.kind === 'gap' || p.kind === 'overlap') kinds.set(p.kind, (kinds.get(p.kind) ?? 0) + 1);
  return kinds;
}

export async function benchEngine(args: string[]): Promise<void> {
  if (args.includes('--real')) return benchEngineReal(args.filter((a) => a !== '--real'));
  if (args.includes('--exact')) return benchEngineExact(args.filter((a) => a !== '--exact'));
  const { values } = parseArgs({
    args,
    options: {
      scale: { type: 'string', default: 'lianhu' },
      profile: { type: 'string', default: 'any' },
      seed: { type: 'string', default: '1' },
      // Target fills of the engine's own division in the rebalance scenario (comma-separated):
      // how much headroom it takes for growth to move few households.
      fills: { type: 'string', default: '0.85' },
    },
  });
  const fills = values.fills.split(',').map(Number);
  if (fills.some((f) => !(f > 0 && f < 1))) throw new Error(`--fills wants numbers between 0 and 1, e.g. 0.85,0.75; got ${values.fills}`);
  const scale = values.scale as DemoScale;
  const profile: RuleProfile = { ...DEFAULT_RULE_PROFILE, combine: values.profile as CapCombine };
  const seed = Number(values.seed);
  console.log(`machine: ${machineLine()}`);

  const t0 = performance.now();
  const dataset = generateDistrict({ seed: 1, scale });
  const generated = performance.now() - t0;
  const regions = dataset.regions.filter((r) => r.level === 'community');
  const streets = dataset.streets.map((s) => s.geometry);
  const byCommunity = new Map<string, PlanUnit[]>();
  for (const b of dataset.buildings) {
    const unit: PlanUnit = {
      id: String(b.id),
      point: representativePoint(b.footprint.coordinates),
      households: b.households,
      persons: b.persons,
      footprint: b.footprint.coordinates,
      compoundId: b.compoundId === null ? null : String(b.compoundId),
    };
    byCommunity.set(b.communityCode, [...(byCommunity.get(b.communityCode) ?? []), unit]);
  }
  const households = dataset.buildings.reduce((s, b) => s + b.households, 0);
  console.log(
    `district: ${scale} (seed 1), ${regions.length} communities, ${dataset.buildings.length} buildings, ${households} households; ` +
      `rule ${profile.maxHouseholds} households ${profile.combine === 'any' ? 'or' : 'and'} ${profile.maxPersons} persons; generated in ${ms(generated)}`,
  );

  // (a) Ours: every community from its streets and buildings.
  const communities: Community[] = [];
  const started = performance.now();
  for (const r of regions) {
    const buildings = byCommunity.get(r.code) ?? [];
    const t = performance.now();
    const result = delineateCommunity({ boundary: r.boundary, streets, buildings, profile, seed });
    communities.push({ code: r.code, boundary: r.boundary, buildings, result, ms: performance.now() - t });
  }
  const oursMs = performance.now() - started;
  const slowest = communities.reduce((a, b) => (b.ms > a.ms ? b : a));
  const sum = (f: (c: Community) => number): number => communities.reduce((s, c) => s + f(c), 0);
  const grids = sum((c) => c.result.grids.length);
  const lowerBound = sum((c) => c.result.lowerBound);
  const buildingLowerBound = sum((c) => gridLowerBound(c.buildings, profile));
  const exceptions = sum((c) => c.result.exceptions.length);
  const overRule = sum((c) => c.result.grids.filter((g) => !g.exception && gridLoad(g, profile).status === 'over').length);
  const nonContiguous = communities.filter((c) => !c.result.report.contiguous).length;
  const delineateMs = sum((c) => c.result.report.ms);
  const problems = new Map<string, number>();
  for (const c of communities) for (const [k, n] of validateCommunity(c, profile)) problems.set(k, (problems.get(k) ?? 0) + n);
  const problemText = [...problems].map(([k, n]) => `${k} ${n}`).join(', ') || 'none';

  // (b) Greedy region growing on the same units.
  let greedy = 0;
  let greedyMs = 0;
  // Grids over the household cap yet within the rule (under "any", by persons): the lower bound counts households only.
  let greedyPastHouseholdCap = 0;
  let oursPastHouseholdCap = 0;
  for (const c of communities) {
    const t = performance.now();
    const parts = greedyGrids(c.result.units.units, c.result.units.adjacency, profile);
    greedyMs += performance.now() - t;
    greedy += parts.length;
    const units = c.result.units.units;
    greedyPastHouseholdCap += parts.filter(
      (p) => p.length > 1 && p.reduce((s, u) => s + units[u]!.households, 0) > profile.maxHouseholds,
    ).length;
    oursPastHouseholdCap += c.result.grids.filter((g) => !g.exception && g.households > profile.maxHouseholds).length;
  }

  // (c) The hand-made approved plan of the demo district.
  const approved = dataset.plans.find((p) => p.status === 'approved') ?? dataset.plans[0]!;
  const v = validatePlan({
    communities: regions.map((r) => ({ code: r.code, geometry: r.boundary })),
    grids: approved.grids,
    units: createUnitIndex([...byCommunity.values()].flat()),
    profile,
  });
  const approvedOver = v.problems.filter((p) => p.kind === 'over_cap').length;
  const approvedErrors = v.problems.filter((p) => p.severity === 'error').length;

  console.log(
    `ours: ${grids} grids, lower bound ${lowerBound} (of buildings: ${buildingLowerBound}), ${exceptions} indivisible exceptions, ${overRule} other grids over the rule, ` +
      `${nonContiguous} communities with a split grid; validatePlan: ${problemText}`,
  );
  console.log(
    `ours: whole district ${ms(oursMs)} (units + delineate; delineate alone ${ms(delineateMs)}), slowest community ${slowest.code} ${ms(slowest.ms)} (${slowest.buildings.length} buildings)`,
  );
  console.log(`greedy region growing on the same units: ${greedy} grids in ${ms(greedyMs)}`);
  console.log(
    `grids over ${profile.maxHouseholds} households but within the rule by persons: ours ${oursPastHouseholdCap}, greedy ${greedyPastHouseholdCap}` +
      (profile.combine === 'any' ? ' (under "any" the lower bound counts households only, so it is not a bound on such grids)' : ''),
  );
  console.log(
    `approved hand-made plan: ${approved.grids.length} grids, ${approvedOver} over the rule, ${approvedErrors} validation errors`,
  );

  // (d) Rebalance: in about half the communities with compounds, 1–3 compounds grow by 30–50%;
  // on the engine's own packed division, and on its division planned to 85% of the caps.
  const headroom = ownPlanScenario(communities, streets, profile, seed, 1);
  const roomy = fills.map((f) => [`target fill ${f}`, ownPlanScenario(communities, streets, profile, seed, f)] as const);
  for (const [label, x] of [['packed', headroom] as const, ...roomy]) {
    console.log(
      `rebalance of the engine's own plan (${label}): ${x.communities} communities (+${x.grownHouseholds} households), ${x.violating} grids over the rule, ` +
        `${x.touched} of ${x.grids} grids touched, ${x.remaining} still over; moved ${x.moved} households in ${ms(x.rebalanceMs)}; ` +
        `from scratch ${x.scratchMoved} households in ${ms(x.scratchMs)}; any re-division must move at least ${x.bound}; ${checkLine(x.output)}`,
    );
  }

  // (e) The same growth on the hand-made approved plan, which has room in its grids.
  const real = rebalanceApprovedScenario({
    communities: communities.map((c) => ({ code: c.code, boundary: c.boundary, buildings: c.buildings })),
    grids: approved.grids,
    streets,
    profile,
    seed,
  });
  console.log(
    `rebalance of the approved plan: ${real.communities} communities (+${real.grownHouseholds} households), ${real.violating} grids over the rule, ` +
      `${real.touched} of ${real.grids} grids touched, ${real.remaining} still over; moved ${real.moved} households in ${ms(real.rebalanceMs)}; from scratch ${real.scratchMoved} households in ${ms(real.scratchMs)}; any re-division must move at least ${real.bound}; ${checkLine(real.output)}`,
  );

  const row = (cells: (string | number)[]): string => `| ${cells.join(' | ')} |`;
  console.log('');
  console.log(row(['case', 'ours (engine)', 'baseline', 'ours ÷ baseline']));
  console.log(row(['---', '---', '---', '---']));
  console.log(
    row([
      `grids, ${regions.length} communities (lower bound ${lowerBound})`,
      `${grids} (${(grids / lowerBound).toFixed(3)} × LB)`,
      `greedy ${greedy} (${(greedy / lowerBound).toFixed(3)} × LB)`,
      (grids / greedy).toFixed(3),
    ]),
  );
  console.log(
    row([
      'grids vs the hand-made approved plan',
      `${grids} (${(grids / buildingLowerBound).toFixed(3)} × building LB ${buildingLowerBound})`,
      `approved ${approved.grids.length} (${(approved.grids.length / buildingLowerBound).toFixed(3)} × LB)`,
      (grids / approved.grids.length).toFixed(3),
    ]),
  );
  console.log(
    row([
      'grids over the rule (not exceptions)',
      `${overRule} (+${exceptions} reported exceptions)`,
      `greedy 0 · approved ${approvedOver}`,
      '—',
    ]),
  );
  console.log(
    row([
      'contiguity / gaps and overlaps (validatePlan)',
      `${communities.length - nonContiguous}/${communities.length} communities all one-piece grids · ${problemText}`,
      `approved: ${approvedErrors} validation errors`,
      '—',
    ]),
  );
  console.log(
    row([
      'whole district, wall time',
      `${ms(oursMs)} (delineate ${ms(delineateMs)})`,
      `greedy ${ms(greedyMs)} (same units)`,
      (delineateMs / greedyMs).toFixed(1),
    ]),
  );
  console.log(row(['slowest community', `${ms(slowest.ms)} (${slowest.code})`, '—', '—']));
  // The floor: households the grids over the rule must lose whatever is done (indivisible buildings).
  const floor = (x: ApprovedScenarioResult): string =>
    `least possible ${x.bound} (${x.scratchMoved > 0 ? pct(x.bound / x.scratchMoved) : '—'} of the re-run); ours ${x.bound > 0 ? (x.moved / x.bound).toFixed(3) : '—'} × it`;
  console.log(
    row([
      `rebalance of the approved hand-made plan: ${real.communities} communities, compounds +30–50%`,
      `${real.moved} households moved, ${real.touched}/${real.grids} grids touched, ${real.remaining} left over, ${ms(real.rebalanceMs)}; ${floor(real)}`,
      `re-run from scratch: ${real.scratchMoved} households, ${ms(real.scratchMs)}`,
      real.scratchMoved > 0 ? pct(real.moved / real.scratchMoved) : '—',
    ]),
  );
  for (const [label, x] of [
    ['packed at the lower bound', headroom] as const,
    ...roomy.map(([l, x]) => [`divided with ${l}`, x] as const),
  ]) {
    console.log(
      row([
        `rebalance of the engine's own plan (${label}): ${x.communities} communities, compounds +30–50%`,
        `${x.moved} households moved, ${x.touched}/${x.grids} grids touched, ${x.remaining} left over, ${ms(x.rebalanceMs)}; ${floor(x)}`,
        `re-run from scratch: ${x.scratchMoved} households, ${ms(x.scratchMs)}`,
        x.scratchMoved > 0 ? pct(x.moved / x.scratchMoved) : '—',
      ]),
    );
  }
}

/**
 * The growth scenario on the engine's own division of each community (made with `targetFill`),
 * rebalanced with `rebalanceCommunity` and charged against its division from scratch of the
 * grown community with the same target fill. The same communities grow in both runs (the
 * random stream is forked the same way).
 */
function ownPlanScenario(
  communities: readonly Community[],
  streets: readonly LineString[],
  profile: RuleProfile,
  seed: number,
  targetFill: number,
): ApprovedScenarioResult {
  const rng = createRandom(seed).fork('grow');
  const out = emptyScenarioResult();
  for (const c of communities) {
    const compounds = [...new Set(c.buildings.map((b) => b.compoundId).filter((id): id is string => !!id))];
    if (compounds.length === 0 || !rng.chance(0.5)) continue;
    const grow = new Map<string, number>();
    const count = Math.min(compounds.length, rng.int(1, 3));
    while (grow.size < count) grow.set(rng.pick(compounds), rng.range(1.3, 1.5));
    const buildings = c.buildings.map((b) => {
      const f = grow.get(b.compoundId ?? '') ?? 1;
      return f === 1 ? b : { ...b, households: Math.round(b.households * f), persons: Math.round(b.persons * f) };
    });
    out.grownHouseholds += buildings.reduce((s, b) => s + b.households, 0) - c.buildings.reduce((s, b) => s + b.households, 0);
    const division =
      targetFill === 1
        ? c.result
        : delineateCommunity({ boundary: c.boundary, streets, buildings: c.buildings, profile, seed, targetFill });
    const plan = division.grids.map((g, i) => ({ code: code(c.code, i), geometry: g.geometry }));
    const t = performance.now();
    const r = rebalanceCommunity({ boundary: c.boundary, streets, buildings, plan, profile, seed, compare: true, targetFill });
    const elapsed = performance.now() - t;
    out.rebalanceMs += elapsed - r.rerun!.ms;
    out.scratchMs += r.rerun!.ms;
    out.communities++;
    out.violating += r.report.violating.length;
    out.remaining += r.report.remaining.length;
    out.touched += r.report.changedGrids.length + r.report.addedGrids.length;
    out.grids += plan.length;
    out.moved += r.report.householdsMoved;
    out.scratchMoved += r.rerun!.householdsMoved;
    out.output = addChecks(out.output, checkRebalanceOutput(r, buildings, c.boundary, profile));
    out.bound += leastMoves(r, plan, new Map(buildings.map((b) => [b.id, b])), profile);
  }
  return out;
}
