/**
 * Incidents of a region in windows of time, each as it stood at the window's end (`toMs`,
 * already cut at asOf): their states come from the closed-loop history up to then, not from
 * the incident's current state, so a past period's figures stay put.
 *
 * - count: reported in the window, in the region (the incident's community, migration 0015; an
 *   incident in no community — on a boundary road, in a park — counts for its district only);
 * - closedShare: of those not voided by the end, the share with a `closed` transition by then;
 * - medianHoursToClose: median of (first `closed` − reported), hours, over those closed;
 * - closedOverdue: closed by the end with closure `overdue`;
 * - returnedForRework: dispatched more than once by the end (a failed check sends it back);
 * - overdueOpen: incidents of the region reported at any time before the end, open then
 *   (neither closed nor voided) and past their deadline (the last deadline set);
 * - per grid: the grid in force when the incident happened (migration 0015).
 *
 * Whole months (a month period's three windows and the series) are read from the figures kept
 * per place and month, as each month stood at its end (migration 0051); other spans (a year, a
 * range of days, a month cut at `asOf`) from each incident's kept marks (`incident_marks`,
 * migration 0047: its first closing and voiding and its second dispatch), one scan of the
 * incidents and of their marks; "open past its deadline at T" from the kept overdue ranges.
 */
import type { Db } from '../db/db.types.js';
import { shanghaiMidnight } from '../analytics/patrols-period.js';
import { addMonths } from './dashboard-period.js';
import { heaviestOf, monthDetails, monthTotals, overdueOpenAt, settleIncidentMonths, wholeMonthOf } from './incident-months.js';

export interface IncidentTotals {
  count: number;
  voided: number;
  closed: number;
  medianHoursToClose: number | null;
  closedOverdue: number;
  returnedForRework: number;
}

export interface IncidentWindowFigures extends IncidentTotals {
  byCategory: Record<string, number>;
  /** The `top` grids with the most incidents: code → count. */
  heaviest: { code: string; count: number }[];
  /** Open past their deadline at the window's end, whenever reported. */
  overdueOpen: number;
}

export interface IncidentMonth extends IncidentTotals {
  month: string;
}

export interface IncidentSection {
  windows: IncidentWindowFigures[];
  series: IncidentMonth[];
}

/** The incident `i` is in region `$2`: its community's, or for the district any of its incidents. */
export const IN_REGION = `coalesce(i.community_code, i.district_code::text) LIKE $2 || '%'`;

const ZERO: IncidentTotals = { count: 0, voided: 0, closed: 0, medianHoursToClose: null, closedOverdue: 0, returnedForRework: 0 };

/**
 * The figures of `windows` (epoch ms, each as at its end) and the totals of each month `YYYY-MM`
 * of `months` (Asia/Shanghai), each as at the month's end or at `asOfEnd` when that comes first;
 * months with no incident are zeros. A span that is a whole month is read from the figures kept
 * per place and month (`incident-months.ts`, migration 0051), any other span from the incidents
 * and their marks (`spanFigures`); the overdue counts from the kept overdue ranges. The reads go
 * side by side: PostgreSQL runs them on several connections at once.
 */
export async function incidentSection(
  db: Db,
  districtCode: string,
  regionCode: string,
  windows: readonly { fromMs: number; toMs: number }[],
  months: readonly string[],
  asOfEnd: number,
  top: number,
): Promise<IncidentSection> {
  await settleIncidentMonths(db, districtCode);
  const monthSpans = months.map((m) => ({
    fromMs: shanghaiMidnight(`${m}-01`),
    toMs: Math.min(shanghaiMidnight(`${addMonths(m, 1)}-01`), asOfEnd),
  }));
  const windowMonths = windows.map(wholeMonthOf);
  const seriesMonths = monthSpans.map(wholeMonthOf);
  const whole = (ms: (string | null)[]): string[] => [...new Set(ms.filter((m): m is string => m !== null))];
  // Spans that are not whole months, each with its place in `windows` or `months`.
  const liveWindows = windows.flatMap((w, k) => (windowMonths[k] === null ? [{ ...w, k }] : []));
  const liveMonths = monthSpans.flatMap((w, k) => (seriesMonths[k] === null ? [{ ...w, k }] : []));
  const [kept, details, w, m, overdue] = await Promise.all([
    monthTotals(db, districtCode, regionCode, whole([...windowMonths, ...seriesMonths])),
    monthDetails(db, districtCode, regionCode, whole(windowMonths)),
    spanFigures(db, districtCode, regionCode, liveWindows, top),
    spanFigures(db, districtCode, regionCode, liveMonths, null),
    overdueOpenAt(
      db,
      districtCode,
      regionCode,
      windows.map((x) => x.toMs),
    ),
  ]);
  return {
    windows: windows.map((_, k): IncidentWindowFigures => {
      const month = windowMonths[k];
      if (month) {
        const detail = details.get(month)!;
        return {
          ...(kept.get(month) ?? ZERO),
          byCategory: detail.byCategory,
          heaviest: heaviestOf(detail.byGrid, top),
          overdueOpen: overdue[k]!,
        };
      }
      const j = liveWindows.findIndex((x) => x.k === k);
      return {
        ...(w.totals.get(j) ?? ZERO),
        byCategory: Object.fromEntries(w.categories.filter((c) => c[0] === j).map(([, category, count]) => [category, count])),
        heaviest: w.heaviest.filter((h) => h[0] === j).map(([, code, count]) => ({ code, count })),
        overdueOpen: overdue[k]!,
      };
    }),
    series: months.map((month, k) => {
      const kept1 = seriesMonths[k];
      const totals = kept1 ? kept.get(kept1) : m.totals.get(liveMonths.findIndex((x) => x.k === k));
      return { month, ...(totals ?? ZERO) };
    }),
  };
}

interface SpanRows {
  totals: Map<number, IncidentTotals>;
  /** [span, category, count]. */
  categories: [number, string, number][];
  /** [span, grid, count], the `top` heaviest grids of each span. */
  heaviest: [number, string, number][];
}

/**
 * The totals of each span in one scan of its incidents and their marks; with `top` (not null)
 * also its categories and heaviest grids.
 */
async function spanFigures(
  db: Db,
  districtCode: string,
  regionCode: string,
  spans: readonly { fromMs: number; toMs: number }[],
  top: number | null,
): Promise<SpanRows> {
  if (spans.length === 0) return { totals: new Map(), categories: [], heaviest: [] };
  const ends = spans.map((s) => s.toMs / 1000);
  const detail =
    top === null
      ? ''
      : `,
       (SELECT json_agg(json_build_array(k, category, n)) FROM (SELECT k, category, count(*)::int AS n FROM w GROUP BY k, category) c) AS categories,
       (SELECT json_agg(json_build_array(k, grid_code, n) ORDER BY k, rank) FROM (
         SELECT k, grid_code, count(*)::int AS n, row_number() OVER (PARTITION BY k ORDER BY count(*) DESC, grid_code) AS rank
         FROM w WHERE grid_code IS NOT NULL GROUP BY k, grid_code) g WHERE rank <= $5) AS heaviest`;
  const r = await db.query<{
    totals: (IncidentTotals & { k: number })[] | null;
    categories?: [number, string, number][] | null;
    heaviest?: [number, string, number][] | null;
  }>(
    `WITH s AS (
       SELECT k::int - 1 AS k, to_timestamp(f) AS t0, to_timestamp(t) AS t1 FROM unnest($3::float8[], $4::float8[]) WITH ORDINALITY AS s(f, t, k)
     ), w AS MATERIALIZED (
       SELECT s.k, i.category, i.grid_code, i.reported_at, i.closure,
         CASE WHEN m.closed_at < s.t1 THEN m.closed_at END AS closed_at,
         coalesce(m.voided_at < s.t1, false) AS voided,
         coalesce(m.redispatched_at < s.t1, false) AS returned
       FROM s
       JOIN incidents i ON i.district_code = $1 AND ${IN_REGION} AND i.reported_at >= s.t0 AND i.reported_at < s.t1
       LEFT JOIN incident_marks m ON m.district_code = i.district_code AND m.incident_id = i.id
     )
     SELECT
       (SELECT json_agg(x) FROM (
         SELECT k, count(*)::int AS count,
           (count(*) FILTER (WHERE voided))::int AS voided,
           (count(*) FILTER (WHERE closed_at IS NOT NULL AND NOT voided))::int AS closed,
           (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM closed_at - reported_at) / 3600)
             FILTER (WHERE closed_at IS NOT NULL AND NOT voided))::float8 AS "medianHoursToClose",
           (count(*) FILTER (WHERE closed_at IS NOT NULL AND NOT voided AND closure = 'overdue'))::int AS "closedOverdue",
           (count(*) FILTER (WHERE returned))::int AS "returnedForRework"
         FROM w GROUP BY k) x) AS totals${detail}`,
    top === null
      ? [districtCode, regionCode, spans.map((s) => s.fromMs / 1000), ends]
      : [districtCode, regionCode, spans.map((s) => s.fromMs / 1000), ends, top],
  );
  const row = r.rows[0]!;
  return {
    totals: new Map((row.totals ?? []).map(({ k, ...t }) => [k, t])),
    categories: row.categories ?? [],
    heaviest: row.heaviest ?? [],
  };
}
