/**
 * Grids of a region at the end of each period: how many, how many meet the active rule
 * profile (core's `gridLoad`), over and under it, the exceptions outside the rule (dedicated
 * grids; a grid that is one building over the rule on its own), and plans waiting for approval.
 */
import { gridLoad, type RuleProfile } from '@gridatlas/core';
import type { Db } from '../db/db.types.js';
import type { GridInForce } from './grids-in-force.js';

export interface GridCounts {
  count: number;
  within: number;
  over: number;
  under: number;
  dedicated: number;
  singleUnitOverRule: number;
  /** within ÷ (grids under the rule); null when no grid is under the rule. */
  withinShare: number | null;
}

/** Classifies grids (already limited to the region) by the rule profile. */
export function countGrids(grids: readonly GridInForce[], profile: Readonly<RuleProfile>): GridCounts {
  const c = { count: grids.length, within: 0, over: 0, under: 0, dedicated: 0, singleUnitOverRule: 0 };
  for (const g of grids) {
    const status = gridLoad(g, profile, { type: g.type }).status;
    if (status === 'exempt') c.dedicated++;
    else if (status === 'over' && g.units === 1) c.singleUnitOverRule++;
    else if (status === 'over') c.over++;
    else if (status === 'under') c.under++;
    else c.within++;
  }
  const ruled = c.within + c.over + c.under;
  return { ...c, withinShare: ruled > 0 ? c.within / ruled : null };
}

/**
 * Plans of the region submitted and not yet decided at `atMs` (epoch ms): submitted by then and
 * either still submitted, or approved or archived only afterwards. A plan sent back to draft
 * after `atMs` is not counted (the table keeps only its last status).
 */
export async function plansWaiting(db: Db, districtCode: string, regionCode: string, atMs: number): Promise<number> {
  const r = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM plans
     WHERE district_code = $1 AND region_code LIKE $2 || '%' AND submitted_at IS NOT NULL AND submitted_at < to_timestamp($3::float8)
       AND (status = 'submitted'
         OR (status = 'approved' AND approved_at >= to_timestamp($3::float8))
         OR (status = 'archived' AND coalesce(approved_at, archived_at) >= to_timestamp($3::float8)))`,
    [districtCode, regionCode, atMs / 1000],
  );
  return r.rows[0]?.n ?? 0;
}
