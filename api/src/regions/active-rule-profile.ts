/** The district's active rule profile, or the national default when none is active. */
import { DEFAULT_RULE_PROFILE, type CapCombine, type RuleProfile } from '@gridatlas/core';
import type { Db } from '../db/db.types.js';

/** The columns of `rule_profiles` as the fields of a core `RuleProfile`. */
export const RULE_PROFILE_COLUMNS = `max_households AS "maxHouseholds", max_persons AS "maxPersons", combine,
  under_fill_ratio AS "underFillRatio", min_grids_per_zone AS "minGridsPerZone",
  max_grids_per_zone AS "maxGridsPerZone", sliver_m2 AS "sliverM2", sliver_width_m AS "sliverWidthM"`;

/** A row of `RULE_PROFILE_COLUMNS` as a profile; no row (no active profile) is the national default. */
export function toRuleProfile(row: RuleProfile | null | undefined): RuleProfile {
  return row ? { ...row, combine: row.combine as CapCombine } : { ...DEFAULT_RULE_PROFILE };
}

export async function activeRuleProfile(db: Db, districtCode: string): Promise<RuleProfile> {
  const r = await db.query<RuleProfile>(`SELECT ${RULE_PROFILE_COLUMNS} FROM rule_profiles WHERE district_code = $1 AND active`, [
    districtCode,
  ]);
  return toRuleProfile(r.rows[0]);
}
