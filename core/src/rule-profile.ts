/**
 * Grid size rule profiles: "300户或1000人" by default. A profile is data (one active per
 * district); these are the defaults and the pure checks both browser and API run.
 */
export type CapCombine = 'any' | 'all';

export interface RuleProfile {
  /** Households per grid at most. */
  maxHouseholds: number;
  /** Persons per grid at most. */
  maxPersons: number;
  /**
   * `any`: a grid meets the standard if it meets either cap (the national "300 households
   * or 1000 persons"); `all`: it must meet both.
   */
  combine: CapCombine;
  /** Share of the cap (0–1) below which a grid is flagged as too small. */
  underFillRatio: number;
  /** Allowed number of grids per zone (片). */
  minGridsPerZone: number;
  maxGridsPerZone: number;
  /** Gaps, overlaps and overhangs under this area are slivers the plan checks ignore, m². */
  sliverM2: number;
  /** ...as are pieces thinner than this on average (2·area/perimeter), m. */
  sliverWidthM: number;
}

export const DEFAULT_RULE_PROFILE: Readonly<RuleProfile> = Object.freeze({
  maxHouseholds: 300,
  maxPersons: 1000,
  combine: 'any',
  underFillRatio: 0.4,
  minGridsPerZone: 2,
  maxGridsPerZone: 3,
  sliverM2: 1,
  sliverWidthM: 0.5,
});

/** `exempt`: a dedicated grid (专属网格: a school, hospital…), sized by its institution, is outside the size rule. */
export type LoadStatus = 'ok' | 'over' | 'under' | 'exempt';

export interface GridLoad {
  /** households ÷ household cap, persons ÷ person cap. */
  householdRatio: number;
  personRatio: number;
  /**
   * The ratio that decides the rule: under `any` the smaller of the two (meeting either
   * cap suffices), under `all` the larger.
   */
  load: number;
  status: LoadStatus;
  /** Which cap decided an `over` status, when one did. */
  exceeded: ('households' | 'persons')[];
}

/**
 * Rule status of one grid from its household and person counts.
 *
 * @example
 * gridLoad({ households: 420, persons: 900 }, DEFAULT_RULE_PROFILE).status // 'ok' under `any`
 * gridLoad({ households: 0, persons: 0 }, DEFAULT_RULE_PROFILE, { type: 'dedicated' }).status // 'exempt'
 */
export function gridLoad(
  counts: { households: number; persons: number },
  profile: Readonly<RuleProfile> = DEFAULT_RULE_PROFILE,
  grid: { type?: 'comprehensive' | 'dedicated' | null } = {},
): GridLoad {
  const householdRatio = counts.households / profile.maxHouseholds;
  const personRatio = counts.persons / profile.maxPersons;
  const load = profile.combine === 'any' ? Math.min(householdRatio, personRatio) : Math.max(householdRatio, personRatio);
  const exceeded: ('households' | 'persons')[] = [];
  if (householdRatio > 1) exceeded.push('households');
  if (personRatio > 1) exceeded.push('persons');
  let status: LoadStatus = 'ok';
  if (grid.type === 'dedicated') return { householdRatio, personRatio, load, status: 'exempt', exceeded: [] };
  if (load > 1) status = 'over';
  else if (Math.max(householdRatio, personRatio) < profile.underFillRatio) status = 'under';
  return { householdRatio, personRatio, load, status, exceeded: status === 'over' ? exceeded : [] };
}
