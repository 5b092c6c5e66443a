/** The district's active rule profile, or the national default when none is active. */
import { DEFAULT_RULE_PROFILE, type CapCombine, type RuleProfile } from '@gridatlas/core';
import type { Db } from '../db/db.types.js';

export async function activeRuleProfile(db: Db, districtCode: string): Promise<RuleProfile> {
  const r = await db.query<RuleProfile>(
    `SELECT max_households AS "maxHouseholds", max_persons AS "maxPersons", combine,
       under_fill_ratio AS "underFillRatio", min_grids_per_zone AS "minGridsPerZone",
       max_grids_per_zone AS "maxGridsPerZone", sliver_m2 AS "sliverM2", sliver_width_m AS "sliverWidthM"
     FROM rule_profiles WHERE district_code = $1 AND active`,
    [districtCode],
  );
  const row = r.rows[0];
  return row ? { ...row, combine: row.combine as CapCombine } : { ...DEFAULT_RULE_PROFILE };
}
