/**
 * Rebalance one community: the one entry point the planner's worker, the API, the command
 * line and the benchmarks share (beside `delineateCommunity`). From buildings and streets,
 * units are the street blocks cut along the plan's own grid outlines (so no unit straddles
 * two grids and untouched grids keep their exact edges) and at a sixth of the caps, by
 * households and, under `all`, by persons too; from polygon units (census blocks) the units
 * are the polygons. Each unit goes to the grid its `unitIds` name, else the grid holding a
 * point inside it; locked and dedicated grids take part but never change. Then `rebalance`,
 * and, when asked, a division from scratch of the same community to charge the households
 * moved against (its grids matched to the old ones by shared households, per building).
 * Degrees `[lng, lat]`; households and persons are counts.
 */
import type { LineString, MultiPolygon, Polygon } from 'geojson';
import { geometryBBox, pointInPolygon } from '../geometry/point-in-polygon.js';
import { representativePoint } from '../geometry/representative-point.js';
import type { PlanGrid, PlanUnit, UnitKind } from '../plan/plan.types.js';
import type { RuleProfile } from '../rule-profile.js';
import { assignmentMoves } from './assignment-moves.js';
import { buildUnits } from './build-units.js';
import { snapCoverage } from './coverage-snap.js';
import { delineate, gridLowerBound, SNAP_TOLERANCE_M } from './delineate.js';
import { delineateCommunity, REBALANCE_UNIT_SHARE } from './delineate-community.js';
import type { EngineRunOptions } from './engine-progress.js';
import type { EngineUnit } from './engine.types.js';
import { rebalance, type RebalanceResult } from './rebalance.js';
import { polygonAdjacency } from './unit-graph.js';

/** A grid of the plan being rebalanced; `code` is any stable key. */
export interface RebalancePlanGrid {
  code: string;
  geometry: Polygon | MultiPolygon;
  /** Dedicated grids (专属网格) take part locked. */
  type?: 'comprehensive' | 'dedicated';
  /** Units of the grid by id, when known (polygon units); else each unit goes to the grid holding a point inside it. */
  unitIds?: readonly string[];
}

interface CommonInput extends EngineRunOptions {
  plan: readonly RebalancePlanGrid[];
  profile: Readonly<RuleProfile>;
  /** Codes of grids that must not change (dedicated grids are locked anyway). */
  locked?: readonly string[];
  seed?: number;
  /** Code for the n-th new grid (default `NEW-n`). */
  newCode?: (n: number) => string;
  /** Also divide from scratch and charge the households moved against it (default false). */
  compare?: boolean;
  /** Target fill of the from-scratch comparison (default 1). */
  targetFill?: number;
}

/** Buildings (points) with the community's streets and boundary. */
export interface RebalanceBuildingsInput extends CommonInput {
  boundary: Polygon;
  streets: readonly LineString[];
  buildings: readonly PlanUnit[];
}

/** Polygon units (census blocks…), neighbours from shared edges. */
export interface RebalancePolygonsInput extends CommonInput {
  units: readonly EngineUnit[];
  /** What the polygon units are (census blocks, building footprints), for messages; "unit" when absent. */
  unitKind?: UnitKind;
}

export type RebalanceCommunityInput = RebalanceBuildingsInput | RebalancePolygonsInput;

export interface RebalanceCommunityResult extends RebalanceResult {
  /** The units rebalanced and their adjacency. */
  units: EngineUnit[];
  adjacency: Map<number, number>[];
  /** Index of each unit's grid in `plan` before rebalancing (-1: in none; it joined a neighbour). */
  assignment: Int32Array;
  /** Units in no grid of the plan. */
  unassigned: number;
  /** `unitIds` of the plan naming no unit. */
  unknownUnitIds: number;
  lowerBound: number;
  /** The from-scratch division, when `compare` was set: its grid count and what it would move. */
  rerun: { grids: number; householdsMoved: number; buildingsMoved: number; ms: number } | null;
}

/** Outline polygons of a plan grid (every part of a multipart grid). */
const outlinesOf = (plan: readonly RebalancePlanGrid[]): (Polygon | MultiPolygon)[] => plan.map((g) => g.geometry);

/** Each unit's grid: the one naming it in `unitIds`, else the one holding its representative point (-1: none). */
function assign(units: readonly EngineUnit[], plan: readonly RebalancePlanGrid[]): { owner: Int32Array; unknown: number } {
  const owner = new Int32Array(units.length).fill(-1);
  const index = new Map(units.map((u, i) => [u.id, i]));
  let unknown = 0;
  plan.forEach((g, gi) => {
    for (const id of g.unitIds ?? []) {
      const u = index.get(id);
      if (u === undefined) unknown++;
      else owner[u] = gi;
    }
  });
  const boxes = plan.map((g) => geometryBBox(g.geometry));
  units.forEach((u, i) => {
    if (owner[i]! >= 0 || plan[0] === undefined) return;
    const p = representativePoint(u.geometry.coordinates);
    owner[i] = plan.findIndex((g, gi) => {
      if (g.unitIds) return false;
      const b = boxes[gi]!;
      return p[0] >= b[0] && p[0] <= b[2] && p[1] >= b[1] && p[1] <= b[3] && pointInPolygon(p, g.geometry);
    });
  });
  return { owner, unknown };
}

/**
 * @example
 * const { grids, report, rerun } = rebalanceCommunity({ boundary, streets, buildings, plan, profile, seed: 1, compare: true });
 * report.householdsMoved / rerun!.householdsMoved // the share of a re-division's moves
 */
export function rebalanceCommunity(input: RebalanceCommunityInput): RebalanceCommunityResult {
  const { profile } = input;
  const run: EngineRunOptions = {
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
    ...(input.signal ? { signal: input.signal } : {}),
  };
  let units: EngineUnit[];
  let adjacency: Map<number, number>[];
  if ('buildings' in input) {
    const built = buildUnits({
      boundary: input.boundary,
      streets: input.streets,
      outlines: outlinesOf(input.plan),
      buildings: input.buildings,
      maxUnitHouseholds: Math.max(1, Math.floor(profile.maxHouseholds * REBALANCE_UNIT_SHARE)),
      ...(profile.combine === 'all' ? { maxUnitPersons: Math.max(1, Math.floor(profile.maxPersons * REBALANCE_UNIT_SHARE)) } : {}),
      ...run,
    });
    units = built.units;
    adjacency = built.adjacency;
  } else {
    // Independently drawn polygons share their common boundaries exactly first, as in `delineate`.
    const snap = snapCoverage(
      input.units.map((u) => u.geometry),
      SNAP_TOLERANCE_M,
    );
    units = input.units.map((u, i) => (snap.polygons[i] === u.geometry ? u : { ...u, geometry: snap.polygons[i]! }));
    adjacency = polygonAdjacency(units.map((u) => u.geometry));
  }
  const { owner, unknown } = assign(units, input.plan);
  const unitIds = input.plan.map((): string[] => []);
  owner.forEach((gi, u) => gi >= 0 && unitIds[gi]!.push(units[u]!.id));
  const locked = [...new Set([...(input.locked ?? []), ...input.plan.filter((g) => g.type === 'dedicated').map((g) => g.code)])];
  const result = rebalance({
    plan: input.plan.map((g, gi) => ({ code: g.code, geometry: g.geometry, unitIds: unitIds[gi]! })),
    units,
    adjacency,
    profile,
    locked,
    ...(input.seed !== undefined ? { seed: input.seed } : {}),
    ...(input.newCode ? { newCode: input.newCode } : {}),
    ...('units' in input && input.unitKind ? { unitKind: input.unitKind } : {}),
    ...run,
  });
  const rerun = input.compare ? compareWithRerun(input, units, owner, locked) : null;
  return {
    ...result,
    units,
    adjacency,
    assignment: owner,
    unassigned: owner.filter((g) => g < 0).length,
    unknownUnitIds: unknown,
    lowerBound: gridLowerBound(units, profile),
    rerun,
  };
}

/** Households (and buildings, or units) a from-scratch division would move, locked grids kept. */
function compareWithRerun(
  input: RebalanceCommunityInput,
  units: readonly EngineUnit[],
  owner: Int32Array,
  locked: readonly string[],
): RebalanceCommunityResult['rerun'] {
  const started = performance.now();
  const keep: PlanGrid[] = input.plan
    .filter((g) => locked.includes(g.code))
    .map((g) => ({ code: g.code, geometry: g.geometry, communityCode: '' }));
  const before = new Map<string, string>();
  const after = new Map<string, string>();
  const households = new Map<string, number>();
  let grids: number;
  const common = {
    profile: input.profile,
    ...(keep.length ? { locked: keep } : {}),
    ...(input.seed !== undefined ? { seed: input.seed } : {}),
    ...(input.targetFill !== undefined ? { targetFill: input.targetFill } : {}),
  };
  if ('buildings' in input) {
    // Charged per building: the re-run cuts its own units.
    const again = delineateCommunity({ boundary: input.boundary, streets: input.streets, buildings: input.buildings, ...common });
    grids = again.grids.length;
    units.forEach((u, i) => {
      if (owner[i]! >= 0) for (const b of u.buildings ?? []) before.set(b, input.plan[owner[i]!]!.code);
    });
    for (const b of input.buildings) households.set(b.id, b.households);
    const fresh = new Map(again.units.units.map((u) => [u.id, u.buildings ?? []]));
    again.grids.forEach((g, gi) => g.unitIds.forEach((id) => fresh.get(id)!.forEach((b) => after.set(b, `n${gi}`))));
  } else {
    const boundary = units[0]?.geometry ?? { type: 'Polygon', coordinates: [] };
    const again = delineate({ boundary, units, ...common, ...(input.unitKind ? { unitKind: input.unitKind } : {}) });
    grids = again.grids.length;
    units.forEach((u, i) => {
      households.set(u.id, u.households);
      if (owner[i]! >= 0) before.set(u.id, input.plan[owner[i]!]!.code);
    });
    again.grids.forEach((g, gi) => g.unitIds.forEach((id) => after.set(id, `n${gi}`)));
  }
  const moved = assignmentMoves(before, after, households);
  return { grids, householdsMoved: moved.households, buildingsMoved: moved.units, ms: performance.now() - started };
}
