/**
 * Divide one community from its streets and buildings: street blocks cut into units of at
 * most a fraction of the household cap (fine enough to pack grids close to the cap, while
 * boundaries still follow streets wherever a block fits), then `delineate`.
 * Degrees `[lng, lat]`; households and persons are counts.
 */
import type { LineString, Polygon } from 'geojson';
import type { PlanGrid, PlanUnit } from '../plan/plan.types.js';
import type { RuleProfile } from '../rule-profile.js';
import { buildUnits, type BuiltUnits } from './build-units.js';
import { delineate, type DelineateResult } from './delineate.js';

/** Units hold at most this share of the household (and person) cap unless a single building is bigger. */
export const DEFAULT_UNIT_SHARE = 1 / 3;

export interface DelineateCommunityInput {
  boundary: Polygon;
  streets: readonly LineString[];
  buildings: readonly PlanUnit[];
  profile: Readonly<RuleProfile>;
  /** Share of the caps a unit may hold before its block is cut (default 1/3). */
  unitShare?: number;
  locked?: readonly PlanGrid[];
  dedicated?: readonly PlanGrid[];
  seed?: number;
  /** Prefix of the unit ids (default "u"). */
  idPrefix?: string;
}

/**
 * @example
 * const { grids, report, units } = delineateCommunity({ boundary, streets, buildings, profile: DEFAULT_RULE_PROFILE, seed: 1 });
 */
export function delineateCommunity(input: DelineateCommunityInput): DelineateResult & { units: BuiltUnits } {
  const share = input.unitShare ?? DEFAULT_UNIT_SHARE;
  const units = buildUnits({
    boundary: input.boundary,
    streets: input.streets,
    buildings: input.buildings,
    maxUnitHouseholds: Math.max(1, Math.floor(input.profile.maxHouseholds * share)),
    ...(input.profile.combine === 'all' ? { maxUnitPersons: Math.max(1, Math.floor(input.profile.maxPersons * share)) } : {}),
    ...(input.idPrefix ? { idPrefix: input.idPrefix } : {}),
  });
  const result = delineate({
    boundary: input.boundary,
    units: units.units,
    adjacency: units.adjacency,
    profile: input.profile,
    ...(input.locked ? { locked: input.locked } : {}),
    ...(input.dedicated ? { dedicated: input.dedicated } : {}),
    ...(input.seed !== undefined ? { seed: input.seed } : {}),
  });
  return { ...result, units };
}
