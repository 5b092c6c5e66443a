/**
 * `pnpm bench engine [--scale lianhu|default] [--profile any|all] [--seed N]`: the
 * auto-delineation engine of issue 5 on every community of the generated district, side by
 * side in one run with two baselines — the district's hand-made approved plan, and greedy
 * region growing (engine-greedy.ts) on the very same units — then the rebalance scenario
 * (compounds grow 30–50%): households moved by `rebalance` against a from-scratch re-run.
 * Prints a markdown table for BENCHMARKS.md.
 */
import { parseArgs } from 'node:util';
import {
  assignmentMoves,
  createRandom,
  createUnitIndex,
  DEFAULT_RULE_PROFILE,
  delineateCommunity,
  gridLoad,
  gridLowerBound,
  rebalance,
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
import type { Polygon } from 'geojson';
import { greedyGrids } from './engine-greedy.js';
import { rebalanceApprovedScenario } from './engine-rebalance-approved.js';
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
  for (const p of v.problems) if (p.severity === 'error' || p.kind === 'gap' || p.kind === 'overlap') kinds.set(p.kind, (kinds.get(p.kind) ?? 0) + 1);
  return kinds;
}

export async function benchEngine(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { scale: { type: 'string', default: 'lianhu' }, profile: { type: 'string', default: 'any' }, seed: { type: 'string', default: '1' } },
  });
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
    greedyPastHouseholdCap += parts.filter((p) => p.length > 1 && p.reduce((s, u) => s + units[u]!.households, 0) > profile.maxHouseholds).length;
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

  console.log(`ours: ${grids} grids, lower bound ${lowerBound} (of buildings: ${buildingLowerBound}), ${exceptions} indivisible exceptions, ${overRule} other grids over the rule, ` +
    `${nonContiguous} communities with a split grid; validatePlan: ${problemText}`);
  console.log(`ours: whole district ${ms(oursMs)} (units + delineate; delineate alone ${ms(delineateMs)}), slowest community ${slowest.code} ${ms(slowest.ms)} (${slowest.buildings.length} buildings)`);
  console.log(`greedy region growing on the same units: ${greedy} grids in ${ms(greedyMs)}`);
  console.log(
    `grids over ${profile.maxHouseholds} households but within the rule by persons: ours ${oursPastHouseholdCap}, greedy ${greedyPastHouseholdCap}` +
      (profile.combine === 'any' ? ' (under "any" the lower bound counts households only, so it is not a bound on such grids)' : ''),
  );
  console.log(`approved hand-made plan: ${approved.grids.length} grids, ${approvedOver} over the rule, ${approvedErrors} validation errors`);

  // (d) Rebalance: in about half the communities with compounds, 1–3 compounds grow by 30–50%.
  const rng = createRandom(seed).fork('grow');
  let scenario = 0;
  let violating = 0;
  let remaining = 0;
  let touched = 0;
  let gridsInScenario = 0;
  let moved = 0;
  let buildingsMoved = 0;
  let scratchMoved = 0;
  let scratchBuildings = 0;
  let scratchGrids = 0;
  let rebalanceMs = 0;
  let scratchMs = 0;
  let grownHouseholds = 0;
  for (const c of communities) {
    const compounds = [...new Set(c.buildings.map((b) => b.compoundId).filter((id): id is string => !!id))];
    if (compounds.length === 0 || !rng.chance(0.5)) continue;
    const grow = new Map<string, number>();
    const count = Math.min(compounds.length, rng.int(1, 3));
    while (grow.size < count) grow.set(rng.pick(compounds), rng.range(1.3, 1.5));
    const factor = new Map(c.buildings.map((b) => [b.id, grow.get(b.compoundId ?? '') ?? 1]));
    const buildings = c.buildings.map((b) => {
      const f = factor.get(b.id)!;
      return f === 1 ? b : { ...b, households: Math.round(b.households * f), persons: Math.round(b.persons * f) };
    });
    const bld = new Map(buildings.map((b) => [b.id, b]));
    grownHouseholds += buildings.reduce((s, b) => s + b.households, 0) - c.buildings.reduce((s, b) => s + b.households, 0);
    const units = c.result.units.units.map((u) => ({
      ...u,
      households: (u.buildings ?? []).reduce((s, id) => s + bld.get(id)!.households, 0),
      persons: (u.buildings ?? []).reduce((s, id) => s + bld.get(id)!.persons, 0),
    }));
    const plan = c.result.grids.map((g, i) => ({ code: code(c.code, i), geometry: g.geometry, unitIds: g.unitIds }));
    let t = performance.now();
    const out = rebalance({ plan, units, adjacency: c.result.units.adjacency, profile, seed });
    rebalanceMs += performance.now() - t;
    // From scratch: the whole community again from its streets and grown buildings, charged per building.
    t = performance.now();
    const again = delineateCommunity({ boundary: c.boundary, streets, buildings, profile, seed });
    scratchMs += performance.now() - t;
    const unitOf = new Map(c.result.units.units.map((u) => [u.id, u]));
    const before = new Map(plan.flatMap((g) => g.unitIds.flatMap((id) => (unitOf.get(id)!.buildings ?? []).map((b) => [b, g.code] as const))));
    const freshUnit = new Map(again.units.units.map((u) => [u.id, u]));
    const after = new Map(again.grids.flatMap((g, i) => g.unitIds.flatMap((id) => (freshUnit.get(id)!.buildings ?? []).map((b) => [b, `n${i}`] as const))));
    const s = assignmentMoves(before, after, new Map(buildings.map((b) => [b.id, b.households])));
    scenario++;
    violating += out.report.violating.length;
    remaining += out.report.remaining.length;
    touched += out.report.changedGrids.length + out.report.addedGrids.length;
    gridsInScenario += plan.length;
    moved += out.report.householdsMoved;
    buildingsMoved += out.report.buildingsMoved;
    scratchMoved += s.households;
    scratchBuildings += s.units;
    scratchGrids += again.grids.length;
  }
  console.log(
    `rebalance: ${scenario} communities with grown compounds (+${grownHouseholds} households), ${violating} grids over the rule, ` +
      `${touched} of ${gridsInScenario} grids touched, ${remaining} still over; moved ${moved} households (${buildingsMoved} buildings) in ${ms(rebalanceMs)}; ` +
      `from scratch ${scratchMoved} households (${scratchBuildings} buildings), ${scratchGrids} grids, in ${ms(scratchMs)}`,
  );

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
      `${real.touched} of ${real.grids} grids touched, ${real.remaining} still over; moved ${real.moved} households in ${ms(real.rebalanceMs)}; from scratch ${real.scratchMoved} households in ${ms(real.scratchMs)}`,
  );

  const row = (cells: (string | number)[]): string => `| ${cells.join(' | ')} |`;
  console.log('');
  console.log(row(['case', 'ours (engine)', 'baseline', 'ours ÷ baseline']));
  console.log(row(['---', '---', '---', '---']));
  console.log(row([`grids, ${regions.length} communities (lower bound ${lowerBound})`, `${grids} (${(grids / lowerBound).toFixed(3)} × LB)`, `greedy ${greedy} (${(greedy / lowerBound).toFixed(3)} × LB)`, (grids / greedy).toFixed(3)]));
  console.log(row(['grids vs the hand-made approved plan', `${grids} (${(grids / buildingLowerBound).toFixed(3)} × building LB ${buildingLowerBound})`, `approved ${approved.grids.length} (${(approved.grids.length / buildingLowerBound).toFixed(3)} × LB)`, (grids / approved.grids.length).toFixed(3)]));
  console.log(row(['grids over the rule (not exceptions)', `${overRule} (+${exceptions} reported exceptions)`, `greedy 0 · approved ${approvedOver}`, '—']));
  console.log(row(['contiguity / gaps and overlaps (validatePlan)', `${communities.length - nonContiguous}/${communities.length} communities all one-piece grids · ${problemText}`, `approved: ${approvedErrors} validation errors`, '—']));
  console.log(row(['whole district, wall time', `${ms(oursMs)} (delineate ${ms(delineateMs)})`, `greedy ${ms(greedyMs)} (same units)`, (delineateMs / greedyMs).toFixed(1)]));
  console.log(row(['slowest community', `${ms(slowest.ms)} (${slowest.code})`, '—', '—']));
  console.log(row([`rebalance of the approved hand-made plan: ${real.communities} communities, compounds +30–50%`, `${real.moved} households moved, ${real.touched}/${real.grids} grids touched, ${real.remaining} left over, ${ms(real.rebalanceMs)}`, `re-run from scratch: ${real.scratchMoved} households, ${ms(real.scratchMs)}`, real.scratchMoved > 0 ? pct(real.moved / real.scratchMoved) : '—']));
  console.log(row([`rebalance of the engine's own plan (packed at the lower bound): ${scenario} communities, compounds +30–50%`, `${moved} households moved, ${touched}/${gridsInScenario} grids touched, ${remaining} left over, ${ms(rebalanceMs)}`, `re-run from scratch: ${scratchMoved} households, ${ms(scratchMs)}`, scratchMoved > 0 ? pct(moved / scratchMoved) : '—']));
}
