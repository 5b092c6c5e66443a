/**
 * Divide one community from its streets and buildings: street blocks cut into units of at
 * most a fraction of the household cap (fine enough to pack grids close to the cap, while
 * boundaries still follow streets wherever a block fits), then `delineate`. Locked and
 * dedicated grid outlines are cut lines of the same planar graph, so units (and so the new
 * grids) meet them exactly.
 * Degrees `[lng, lat]`; households and persons are counts.
 */
import type { LineString, Polygon } from 'geojson';
import type { PlanGrid, PlanUnit } from '../plan/plan.types.js';
import type { RuleProfile } from '../rule-profile.js';
import { buildUnits, type BuildUnitsShared, type BuiltUnits } from './build-units.js';
import { areaM2 } from '../geometry/geodesic.js';
import { pointInPolygon } from '../geometry/point-in-polygon.js';
import { balanceFigures, type BalanceBy } from './balance-search.js';
import { delineate, plannedProfile, SNAP_TOLERANCE_M, type DelineateResult } from './delineate.js';
import { outputReport } from './output-report.js';
import type { EngineRunOptions } from './engine-progress.js';

/** Units hold at most this share of the household (and person) cap unless a single building is bigger. */
export const DEFAULT_UNIT_SHARE = 1 / 3;
/**
 * Units of a rebalance hold at most this share of the caps: a rebalance only sheds a grid's
 * overflow, so finer units move fewer households (on the demo district's compliant hand-made
 * plan, 1/6 moved 7,120 households where 1/3 moved 8,251; 1/10 gained no more).
 */
export const REBALANCE_UNIT_SHARE = 1 / 6;

export interface DelineateCommunityInput extends EngineRunOptions {
  boundary: Polygon;
  streets: readonly LineString[];
  buildings: readonly PlanUnit[];
  profile: Readonly<RuleProfile>;
  /** Share of the caps a unit may hold before its block is cut (default 1/3). */
  unitShare?: number;
  /**
   * When grids beyond the lower bound remain, divide again with units cut finer (half, then
   * a quarter of the share) and keep the result with fewest grids (default true).
   */
  refineUnits?: boolean;
  locked?: readonly PlanGrid[];
  dedicated?: readonly PlanGrid[];
  seed?: number;
  /** Prefix of the unit ids (default "u"). */
  idPrefix?: string;
  /** Plan grids to this share of the caps (default 1); see `DelineateInput.targetFill`. */
  targetFill?: number;
  /** Even out households or persons between the grids (default none). */
  balance?: BalanceBy | 'none';
}

/** Finer unit shares tried (each half the last) while grids beyond the lower bound remain. */
const REFINE_STEPS = 2;

/**
 * @example
 * const { grids, report, units } = delineateCommunity({ boundary, streets, buildings, profile: DEFAULT_RULE_PROFILE, seed: 1 });
 */
export function delineateCommunity(input: DelineateCommunityInput): DelineateResult & { units: BuiltUnits } {
  const share = input.unitShare ?? DEFAULT_UNIT_SHARE;
  const steps = input.refineUnits === false ? 0 : REFINE_STEPS;
  let best: (DelineateResult & { units: BuiltUnits }) | null = null;
  // The street blocks before any cut are the same for every share: worked out once.
  const shared: BuildUnitsShared = {};
  for (let step = 0, s = share; step <= steps; step++, s /= 2) {
    const result = divideWithShare(input, s, shared);
    if (!best || result.grids.length < best.grids.length) best = result;
    // Finer units only pay when the tree partition and repair left grids beyond the bound.
    if (best.report.extraGrids === 0) break;
  }
  return best!;
}

function divideWithShare(input: DelineateCommunityInput, share: number, shared: BuildUnitsShared): DelineateResult & { units: BuiltUnits } {
  const fixed = [...(input.locked ?? []), ...(input.dedicated ?? [])];
  // Units are cut against the caps grids are planned to.
  const planned = plannedProfile(input.profile, input.targetFill ?? 1);
  const units = buildUnits({
    boundary: input.boundary,
    streets: input.streets,
    buildings: input.buildings,
    maxUnitHouseholds: Math.max(1, Math.floor(planned.maxHouseholds * share)),
    ...(planned.combine === 'all' ? { maxUnitPersons: Math.max(1, Math.floor(planned.maxPersons * share)) } : {}),
    ...(fixed.length > 0 ? { outlines: fixed.map((g) => g.geometry) } : {}),
    ...(input.idPrefix ? { idPrefix: input.idPrefix } : {}),
    ...runOptions(input),
    shared,
  });
  const result = delineate({
    boundary: input.boundary,
    units: units.units,
    adjacency: units.adjacency,
    profile: input.profile,
    ...(input.locked ? { locked: input.locked } : {}),
    ...(input.dedicated ? { dedicated: input.dedicated } : {}),
    ...(input.seed !== undefined ? { seed: input.seed } : {}),
    ...(input.targetFill !== undefined ? { targetFill: input.targetFill } : {}),
    ...(input.balance !== undefined ? { balance: input.balance } : {}),
    ...runOptions(input),
  });
  return { ...result, report: buildingReport(input, result), units };
}

/**
 * The report's located figures again over the buildings themselves (the units the planner
 * counts): each building point located in the written grids, so a building outside every
 * grid, or inside two, is named by its own id.
 */
function buildingReport(input: DelineateCommunityInput, result: DelineateResult): DelineateResult['report'] {
  const fixedArea = [...(input.locked ?? []), ...(input.dedicated ?? [])].reduce((s, g) => s + areaM2(g.geometry), 0);
  const checked = outputReport({
    grids: result.grids,
    units: input.buildings.map((b) => ({ id: b.id, point: b.point, households: b.households, persons: b.persons })),
    profile: input.profile,
    coverArea: areaM2(input.boundary) - fixedArea,
    sliverWidthM: Math.max(input.profile.sliverWidthM, SNAP_TOLERANCE_M),
  });
  // Buildings inside locked or dedicated grids are theirs, and buildings outside the boundary
  // are not the community's (`unitOfBuilding` marks them -1): neither is missing.
  const fixed = [...(input.locked ?? []), ...(input.dedicated ?? [])];
  const byId = new Map(input.buildings.map((b) => [b.id, b]));
  const unplaced = checked.unplaced.filter(
    (id) => pointInPolygon(byId.get(id)!.point, input.boundary) && !fixed.some((g) => pointInPolygon(byId.get(id)!.point, g.geometry)),
  );
  const r = result.report;
  const by = r.balance.by;
  return {
    ...r,
    compliant: checked.violations.length === 0 && unplaced.length === 0 && checked.doubled.length === 0 && checked.overlaps.length === 0,
    contiguous: r.contiguous && checked.contiguous,
    pieces: checked.pieces,
    coverage: checked.coverage,
    overlapM2: checked.overlapM2,
    unplaced,
    doubled: checked.doubled,
    violations: checked.violations,
    households: checked.households,
    persons: checked.persons,
    balance: balanceFigures(
      by,
      checked.perGrid.filter((_, i) => !result.grids[i]!.exception).map((f) => f[by]),
    ),
  };
}

/** The progress and abort options of `input`, without undefined keys. */
function runOptions(input: EngineRunOptions): EngineRunOptions {
  return { ...(input.onProgress ? { onProgress: input.onProgress } : {}), ...(input.signal ? { signal: input.signal } : {}) };
}
