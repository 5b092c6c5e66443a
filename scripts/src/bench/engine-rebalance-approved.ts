/**
 * The rebalance scenario on the plan a district really has: the demo district's hand-made
 * approved plan (grids filled to 150–300 households, as planners draw them). Its planted
 * faults (grids merged past the cap) are first fixed by one rebalance with today's counts,
 * so the scenario starts from a compliant plan; then compounds grow by 30–50% and the plan
 * is rebalanced again, both with core's `rebalanceCommunity` (the entry point the planner,
 * the API and the command line use). Households moved are compared with its division from
 * scratch of the grown community, matched to the old grids by shared households.
 */
import { createRandom, rebalanceCommunity, type PlanGrid, type PlanUnit, type RuleProfile } from '@gridatlas/core';
import type { LineString, Polygon } from 'geojson';
import { leastMoves } from './rebalance-bound.js';
import { addChecks, checkRebalanceOutput, NO_PROBLEMS, type OutputCheck } from './rebalance-output.js';

export interface ApprovedScenarioInput {
  communities: { code: string; boundary: Polygon; buildings: PlanUnit[] }[];
  grids: readonly PlanGrid[];
  streets: readonly LineString[];
  profile: RuleProfile;
  seed: number;
}

export interface ApprovedScenarioResult {
  communities: number;
  grownHouseholds: number;
  violating: number;
  remaining: number;
  touched: number;
  grids: number;
  moved: number;
  scratchMoved: number;
  /** The least any re-division must move (`leastMoves`): the floor under both figures. */
  bound: number;
  /** The rebalanced grids as written, every building located in them. */
  output: OutputCheck;
  rebalanceMs: number;
  scratchMs: number;
}

/** A scenario's figures before any community is added to them. */
export function emptyScenarioResult(): ApprovedScenarioResult {
  return {
    communities: 0,
    grownHouseholds: 0,
    violating: 0,
    remaining: 0,
    touched: 0,
    grids: 0,
    moved: 0,
    scratchMoved: 0,
    bound: 0,
    output: { ...NO_PROBLEMS },
    rebalanceMs: 0,
    scratchMs: 0,
  };
}

export function rebalanceApprovedScenario(input: ApprovedScenarioInput): ApprovedScenarioResult {
  const { profile, seed, streets } = input;
  const rng = createRandom(seed).fork('grow-approved');
  const out = emptyScenarioResult();
  for (const c of input.communities) {
    const compounds = [...new Set(c.buildings.map((b) => b.compoundId).filter((id): id is string => !!id))];
    if (compounds.length === 0 || !rng.chance(0.5)) continue;
    const grow = new Map<string, number>();
    const count = Math.min(compounds.length, rng.int(1, 3));
    while (grow.size < count) grow.set(rng.pick(compounds), rng.range(1.3, 1.5));
    const grown = c.buildings.map((b) => {
      const f = grow.get(b.compoundId ?? '') ?? 1;
      return f === 1 ? b : { ...b, households: Math.round(b.households * f), persons: Math.round(b.persons * f) };
    });
    out.grownHouseholds += grown.reduce((s, b) => s + b.households, 0) - c.buildings.reduce((s, b) => s + b.households, 0);
    const mine = input.grids.filter(
      (g): g is PlanGrid & { geometry: Polygon } => g.communityCode === c.code && g.geometry.type === 'Polygon',
    );
    const plan = mine.map((g) => ({ code: g.code, geometry: g.geometry, ...(g.type ? { type: g.type } : {}) }));
    // Today's plan made compliant first: the scenario measures what growth costs.
    const fixed = rebalanceCommunity({ boundary: c.boundary, streets, buildings: c.buildings, plan, profile, seed });
    const base = fixed.grids.map((g) => ({
      code: g.code,
      geometry: g.geometry,
      ...(mine.find((m) => m.code === g.code)?.type === 'dedicated' ? { type: 'dedicated' as const } : {}),
    }));
    const t = performance.now();
    const result = rebalanceCommunity({ boundary: c.boundary, streets, buildings: grown, plan: base, profile, seed, compare: true });
    const ms = performance.now() - t;
    // The comparison's own time is not the rebalance's.
    out.rebalanceMs += ms - result.rerun!.ms;
    out.scratchMs += result.rerun!.ms;
    out.scratchMoved += result.rerun!.householdsMoved;
    out.communities++;
    out.violating += result.report.violating.length;
    out.remaining += result.report.remaining.length;
    out.touched += result.report.changedGrids.length + result.report.addedGrids.length;
    out.grids += mine.length;
    out.moved += result.report.householdsMoved;
    out.output = addChecks(out.output, checkRebalanceOutput(result, grown, c.boundary, profile));
    out.bound += leastMoves(result, base, new Map(grown.map((b) => [b.id, b])), profile);
  }
  return out;
}
