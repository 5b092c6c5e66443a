/**
 * Special-group visits due and done against each category's cadence
 * in the district's visit plan (`district_visit_cadences`, migration 0040: the district's
 * own cadences, else the defaults of 0035). At the end
 * of a window, a person of a category is due a visit in the cadence period that holds the
 * window's last day (its month, quarter or year, up to the end); done when their building had
 * at least one live (not withdrawn) visit in that cadence period — the definition of
 * `../visits/visits-due.sql.ts`, whose per-grid figures add up to these. People count from their `since` date.
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

/**
 * The counts of several windows in one read: the region's people once, and per building its
 * last visit before each window's end — not a probe of the visits per person, window and
 * cadence, nor a pass over every visit of the span the windows' years cover.
 */
export async function visitCounts(
  db: Db,
  districtCode: string,
  regionCode: string,
  windows: readonly DayWindow[],
): Promise<VisitCounts[][]> {
  const params: unknown[] = [districtCode, regionCode];
  const p = (v: unknown): string => {
    params.push(v);
    return `$${params.length}`;
  };
  const CADENCES = ['monthly', 'quarterly', 'yearly'] as const;
  const seconds = (day: string): number => shanghaiMidnight(day) / 1000;
  const per = windows.map((w, i) => {
    const c = cadenceWindows(w);
    const to = p(w.toMs / 1000);
    return {
      to,
      since: p(shanghaiDate(w.toMs)),
      // The month, quarter and year all end at the window's end: visited in one of them when the
      // building's last visit before that end falls in it.
      visited: CADENCES.map((k) => `vis.last${i} >= to_timestamp(${p(seconds(c[k].from))}::float8)`),
    };
  });
  const r = await db.query<Record<string, string | number>>(
    `WITH person AS MATERIALIZED (
       SELECT s.id, s.building_id, s.category, s.since
       FROM special_group_records s JOIN buildings b ON b.district_code = s.district_code AND b.id = s.building_id
       WHERE s.district_code = $1 AND b.community_code LIKE $2 || '%'
     ),
     -- Per building of the region's people, its last live visit before each window's end: one
     -- probe of the live visits' index (building, time) per building and window, where reading
     -- every visit of the windows' years (337,000 for a Lianhu-scale district) was the cost.
     visited AS MATERIALIZED (
       SELECT b.building_id,
         ${per
           .map(
             (w, i) => `(SELECT max(v.visited_at) FROM visits v
            WHERE v.district_code = $1 AND v.building_id = b.building_id AND v.deleted_at IS NULL
              AND v.visited_at < to_timestamp(${w.to}::float8)) AS last${i}`,
           )
           .join(',\n         ')}
       FROM (SELECT DISTINCT building_id FROM person) b
     )
     SELECT k.category, k.cadence,
       ${per
         .map(
           (w, i) =>
             `count(p.id) FILTER (WHERE p.since < ${w.since}::date)::int AS due${i},
       count(p.id) FILTER (WHERE p.since < ${w.since}::date
         AND CASE k.cadence WHEN 'monthly' THEN ${w.visited[0]} WHEN 'quarterly' THEN ${w.visited[1]} ELSE ${w.visited[2]} END)::int AS done${i}`,
         )
         .join(',\n       ')}
     FROM district_visit_cadences k
     LEFT JOIN (person p LEFT JOIN visited vis ON vis.building_id = p.building_id) ON p.category = k.category
     WHERE k.district_code = $1 AND k.category <> 'household'
     GROUP BY k.category, k.cadence`,
    params,
  );
  const byCategory = new Map(r.rows.map((row) => [String(row.category), row]));
  return windows.map((_, i) =>
    SPECIAL_GROUP_CATEGORIES.flatMap((cat) => {
      const row = byCategory.get(cat.key);
      return row
        ? [{ category: cat.key, cadence: row.cadence as VisitCadence, due: Number(row[`due${i}`]), done: Number(row[`done${i}`]) }]
        : [];
    }),
  );
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
