/**
 * Between the draft and the engine: the job for "divide" or "rebalance" from the draft and
 * the community's data, the proposed draft grids from the engine's outcome (only this
 * community's grids replaced; for a rebalance untouched grids are the very same objects and
 * reshaped ones keep key and code), and the diff of the proposal against the draft.
 */
import {
  areaM2,
  assignmentMoves,
  diffPlans,
  pointInPolygon,
  type BalanceBy,
  type MultiPolygon,
  type PlanDiff,
  type PlanGrid,
  type Polygon,
} from '@gridatlas/core';
import type { EngineCommunity, EngineJob, EngineOutcome } from '../engine/engine.protocol';
import { newGridKey, type DraftGrid, type DraftGrids } from './draft.store';
import type { PlannerContext } from './plan-analysis';
import type { PlannerData } from './planner-data';

export type AutoPlanKind = 'divide' | 'rebalance';

/** The engine's seed: runs are repeatable. */
export const AUTO_PLAN_SEED = 1;

export function communityGrids(grids: DraftGrids, ctx: PlannerContext): DraftGrid[] {
  return grids.filter((g) => g.communityCode === ctx.communityCode);
}

/** The planner's choices for a divide: target fill (share of the caps, 0 < f ≤ 1) and balance. */
export interface AutoPlanOptions {
  targetFill: number;
  balance: BalanceBy | 'none';
}

export const DEFAULT_AUTO_PLAN_OPTIONS: Readonly<AutoPlanOptions> = Object.freeze({ targetFill: 1, balance: 'none' });

export function autoPlanJob(
  kind: AutoPlanKind,
  grids: DraftGrids,
  ctx: PlannerContext,
  data: PlannerData,
  options: Readonly<AutoPlanOptions> = DEFAULT_AUTO_PLAN_OPTIONS,
): EngineJob {
  const community: EngineCommunity = {
    boundary: largestPolygon(ctx.boundary),
    streets: data.streetLines.map((coordinates) => ({ type: 'LineString', coordinates })),
    buildings: ctx.units,
    profile: ctx.profile,
    seed: AUTO_PLAN_SEED,
  };
  const own = communityGrids(grids, ctx);
  const dedicated = own.filter((g) => g.type === 'dedicated');
  if (kind === 'divide') {
    return {
      kind,
      community,
      dedicated: dedicated.map((g): PlanGrid => ({ code: g.key, geometry: g.geometry, communityCode: g.communityCode, type: 'dedicated' })),
      targetFill: options.targetFill,
      balance: options.balance,
    };
  }
  // The rebalance compares itself with a re-division at the same target fill.
  return {
    kind,
    community,
    plan: own.map((g) => ({ code: g.key, geometry: largestPolygon(g.geometry) })),
    locked: dedicated.map((g) => g.key),
    targetFill: options.targetFill,
  };
}

/** The draft with this community's grids replaced by the outcome's. */
export function proposedDraft(basis: DraftGrids, outcome: EngineOutcome, ctx: PlannerContext): DraftGrids {
  const byKey = new Map(basis.map((g) => [g.key, g]));
  const others = basis.filter((g) => g.communityCode !== ctx.communityCode);
  const fresh = (geometry: Polygon | MultiPolygon): DraftGrid => ({
    key: newGridKey(),
    code: null,
    name: '',
    type: 'comprehensive',
    communityCode: ctx.communityCode,
    zoneCode: null,
    geometry,
  });
  if (outcome.kind === 'divide') {
    const dedicated = communityGrids(basis, ctx).filter((g) => g.type === 'dedicated');
    return [...others, ...dedicated, ...outcome.grids.map((g) => fresh(g.geometry))];
  }
  const proposed = outcome.grids.map((g) => {
    const old = g.code !== undefined ? byKey.get(g.code) : undefined;
    if (!old) return fresh(g.geometry);
    return g.changed ? { ...old, geometry: g.geometry } : old;
  });
  return [...others, ...proposed];
}

export interface ProposalDiff extends PlanDiff {
  /** Households whose grid changes when each new grid is matched to the old grid it shares most households with. */
  matchedHouseholds: number;
  matchedBuildings: number;
}

export function proposalDiff(basis: DraftGrids, proposal: DraftGrids, ctx: PlannerContext): ProposalDiff {
  const plan = (grids: DraftGrids): PlanGrid[] =>
    communityGrids(grids, ctx).map((g) => ({ code: g.key, geometry: g.geometry, communityCode: g.communityCode }));
  const before = plan(basis);
  const after = plan(proposal);
  const diff = diffPlans(before, after, ctx.index);
  const matched = assignmentMoves(gridOfUnit(before, ctx), gridOfUnit(after, ctx), new Map(ctx.units.map((u) => [u.id, u.households])));
  return { ...diff, matchedHouseholds: matched.households, matchedBuildings: matched.units };
}

function gridOfUnit(grids: readonly PlanGrid[], ctx: PlannerContext): Map<string, string> {
  const out = new Map<string, string>();
  for (const u of ctx.units) {
    const g = grids.find((grid) => pointInPolygon(u.point, grid.geometry));
    if (g) out.set(u.id, g.code);
  }
  return out;
}

/** A Polygon for the engine: the geometry itself, or the largest part of a MultiPolygon. */
function largestPolygon(geometry: DraftGrid['geometry']): Polygon {
  if (geometry.type === 'Polygon') return geometry;
  const parts = geometry.coordinates.map((coordinates): Polygon => ({ type: 'Polygon', coordinates }));
  return parts.reduce((best, p) => (areaM2(p) > areaM2(best) ? p : best));
}
