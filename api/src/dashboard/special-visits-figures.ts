/**
 * Special-group visits due and done against each category's cadence
 * (`special_group_visit_cadences`, migration 0035: monthly, quarterly or yearly). At the end
 * of a window, a person of a category is due a visit in the cadence period that holds the
 * window's last day (its month, quarter or year, up to the end); done when their building had
 * at least one visit (`visits`) in that cadence period. People count from their `since` date.
 * Aggregates only, small counts suppressed with `suppressTable` over categories × (visited,
 * not visited) with the due counts as row totals, so no cell can be worked out by subtraction.
 */
import { SPECIAL_GROUP_CATEGORIES } from '@gridatlas/core';
import type { Db } from '../db/db.types.js';
import { DAY_MS, shanghaiDate, shanghaiMidnight } from '../analytics/patrols-period.js';
import { suppressTable, type SuppressedCell } from '../special-groups/suppression.js';
import type { VisitCadence } from './dashboard.schemas.js';
import type { DayWindow } from './dashboard-period.js';

export interface CadenceWindows {
  monthly: { from: string; to: string };
  quarterly: { from: string; to: string };
  yearly: { from: string; to: string };
}

/** The month, quarter and year holding the window's last day, each up to the window's end. */
export function cadenceWindows(w: DayWindow): CadenceWindows {
  const last = shanghaiDate(w.toMs - DAY_MS);
  const [y, m] = [Number(last.slice(0, 4)), Number(last.slice(5, 7))];
  const q = Math.floor((m - 1) / 3) * 3 + 1;
  const to = shanghaiDate(w.toMs);
  return {
    monthly: { from: `${last.slice(0, 7)}-01`, to },
    quarterly: { from: `${y}-${String(q).padStart(2, '0')}-01`, to },
    yearly: { from: `${y}-01-01`, to },
  };
}

export interface VisitCounts {
  category: string;
  cadence: VisitCadence;
  due: number;
  done: number;
}

export async function visitCounts(db: Db, districtCode: string, regionCode: string, w: DayWindow): Promise<VisitCounts[]> {
  const c = cadenceWindows(w);
  const r = await db.query<VisitCounts>(
    `SELECT k.category, k.cadence, count(s.id)::int AS due,
       (count(s.id) FILTER (WHERE EXISTS (
         SELECT 1 FROM visits v
         WHERE v.district_code = $1 AND v.building_id = s.building_id AND v.visited_at < to_timestamp($6::float8)
           AND v.visited_at >= to_timestamp((CASE k.cadence WHEN 'monthly' THEN $3 WHEN 'quarterly' THEN $4 ELSE $5 END)::float8))))::int AS done
     FROM special_group_visit_cadences k
     LEFT JOIN (special_group_records s JOIN buildings b ON b.district_code = s.district_code AND b.id = s.building_id)
       ON s.category = k.category AND s.district_code = $1 AND b.community_code LIKE $2 || '%' AND s.since < $7::date
     GROUP BY k.category, k.cadence`,
    [
      districtCode,
      regionCode,
      shanghaiMidnight(c.monthly.from) / 1000,
      shanghaiMidnight(c.quarterly.from) / 1000,
      shanghaiMidnight(c.yearly.from) / 1000,
      w.toMs / 1000,
      shanghaiDate(w.toMs),
    ],
  );
  const byCategory = new Map(r.rows.map((row) => [row.category, row]));
  return SPECIAL_GROUP_CATEGORIES.flatMap((cat) => {
    const row = byCategory.get(cat.key);
    return row ? [row] : [];
  });
}

export interface SuppressedVisits {
  rows: { category: string; due: SuppressedCell; done: SuppressedCell }[];
  total: { due: SuppressedCell; done: SuppressedCell };
}

/** Suppresses a window's counts (categories × visited / not visited) at `threshold` people. */
export function suppressVisits(counts: readonly VisitCounts[], threshold: number): SuppressedVisits {
  const t = suppressTable(
    counts.map((c) => [c.done, c.due - c.done]),
    2,
    threshold,
  );
  return {
    rows: counts.map((c, i) => ({ category: c.category, due: t.rowTotals[i]!, done: t.cells[i]![0]! })),
    total: { due: t.total, done: t.columnTotals[0]! },
  };
}
