/**
 * The rule check of the draft, derived from the grids: `validatePlan` from `@gridatlas/core`
 * over the whole community, memoised by the grids array's reference so every reader of the
 * same draft gets the same result object.
 */
import { createUnitIndex, validatePlan, type PlanUnit, type PlanValidation, type RuleProfile, type UnitIndex } from '@gridatlas/core';
import type { MultiPolygon, Polygon } from '@gridatlas/core';
import type { DraftGrids } from './draft.store';

export interface PlannerContext {
  communityCode: string;
  boundary: Polygon | MultiPolygon;
  units: PlanUnit[];
  index: UnitIndex;
  profile: RuleProfile;
}

export function plannerContext(
  communityCode: string,
  boundary: Polygon | MultiPolygon,
  units: PlanUnit[],
  profile: RuleProfile,
): PlannerContext {
  return { communityCode, boundary, units, index: createUnitIndex(units), profile };
}

export interface DraftAnalysis extends PlanValidation {
  /** Milliseconds the last validation took. */
  ms: number;
}

const cache = new WeakMap<DraftGrids, DraftAnalysis>();

export function analyseDraft(grids: DraftGrids, ctx: PlannerContext): DraftAnalysis {
  const hit = cache.get(grids);
  if (hit) return hit;
  const started = performance.now();
  const result = validatePlan({
    communities: [{ code: ctx.communityCode, geometry: ctx.boundary }],
    grids: grids.map((g) => ({ code: g.key, geometry: g.geometry, communityCode: g.communityCode, zoneCode: g.zoneCode, type: g.type })),
    units: ctx.index,
    profile: ctx.profile,
  });
  const analysis = { ...result, ms: performance.now() - started };
  cache.set(grids, analysis);
  return analysis;
}
