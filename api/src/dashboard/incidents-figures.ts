/**
 * Incidents of a region in a window, as they stood at the window's end (`toMs`, already cut
 * at asOf): their states are read from `incident_transitions` up to then, not from the
 * incident's current state, so a past period's figures stay put.
 *
 * - count: reported in the window, in the region (the incident's community, migration 0015);
 * - closedShare: of those not voided by the end, the share with a `closed` transition by then;
 * - medianHoursToClose: median of (first `closed` − reported), hours, over those closed;
 * - closedOverdue: closed by the end with closure `overdue`;
 * - returnedForRework: dispatched more than once by the end (a failed check sends it back);
 * - overdueOpen: incidents of the region reported at any time before the end, open then
 *   (neither closed nor voided) and past their deadline (the last deadline set);
 * - per grid: the grid in force when the incident happened (migration 0015).
 */
import type { Db } from '../db/db.types.js';

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
}

/**
 * Columns of an incident's (`i`) closed-loop history before `at`: when first closed, whether voided,
 * whether dispatched more than once — read from its kept marks (`incident_marks`, migration
 * 0047: the first closing and voiding and the second dispatch), one row per incident, where
 * every window once read all the incident's transitions.
 */
const historyAt = (at: string): string =>
  `CASE WHEN k.closed_at < ${at} THEN k.closed_at END AS closed_at, coalesce(k.voided_at < ${at}, false) AS voided,
   coalesce(k.redispatched_at < ${at}, false) AS returned`;

/** The marks `k` of the incident `i` (none when it has no transitions). */
const MARKS = `LEFT JOIN incident_marks k ON k.district_code = i.district_code AND k.incident_id = i.id`;

const WINDOW_INCIDENTS = `
  SELECT i.id, i.category, i.grid_code, i.reported_at, i.closure, ${historyAt('to_timestamp($4::float8)')}
  FROM incidents i ${MARKS}
  WHERE i.district_code = $1 AND i.community_code LIKE $2 || '%'
    AND i.reported_at >= to_timestamp($3::float8) AND i.reported_at < to_timestamp($4::float8)`;

const TOTALS = `count(*)::int AS count,
  (count(*) FILTER (WHERE voided))::int AS voided,
  (count(*) FILTER (WHERE closed_at IS NOT NULL AND NOT voided))::int AS closed,
  (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM closed_at - reported_at) / 3600)
    FILTER (WHERE closed_at IS NOT NULL AND NOT voided))::float8 AS "medianHoursToClose",
  (count(*) FILTER (WHERE closed_at IS NOT NULL AND NOT voided AND closure = 'overdue'))::int AS "closedOverdue",
  (count(*) FILTER (WHERE returned))::int AS "returnedForRework"`;

export async function incidentWindow(
  db: Db,
  districtCode: string,
  regionCode: string,
  fromMs: number,
  toMs: number,
  top: number,
): Promise<IncidentWindowFigures> {
  const r = await db.query<{
    totals: IncidentTotals;
    by_category: Record<string, number> | null;
    heaviest: { code: string; count: number }[] | null;
  }>(
    `WITH w AS MATERIALIZED (${WINDOW_INCIDENTS})
     SELECT (SELECT row_to_json(x) FROM (SELECT ${TOTALS} FROM w) x) AS totals,
       (SELECT json_object_agg(category, n) FROM (SELECT category, count(*)::int AS n FROM w GROUP BY category) c) AS by_category,
       (SELECT json_agg(json_build_object('code', grid_code, 'count', n) ORDER BY n DESC, grid_code)
          FROM (SELECT grid_code, count(*)::int AS n FROM w WHERE grid_code IS NOT NULL GROUP BY grid_code ORDER BY n DESC, grid_code LIMIT $5) h) AS heaviest`,
    [districtCode, regionCode, fromMs / 1000, toMs / 1000, top],
  );
  const row = r.rows[0]!;
  return { ...row.totals, byCategory: row.by_category ?? {}, heaviest: row.heaviest ?? [] };
}

/**
 * Incidents open at each of `atMs` (epoch ms) past their deadline, whenever reported: neither
 * closed nor voided by then (its first closing or voiding, kept in `incident_marks`, not before
 * it). One pass over the incidents before the latest instant instead of one pass per instant.
 */
export async function overdueOpen(db: Db, districtCode: string, regionCode: string, atMs: readonly number[]): Promise<number[]> {
  if (atMs.length === 0) return [];
  const params: unknown[] = [districtCode, regionCode, Math.max(...atMs) / 1000];
  const counts = atMs.map((at, k) => {
    params.push(at / 1000);
    const t = `to_timestamp($${params.length}::float8)`;
    return `(count(*) FILTER (WHERE i.reported_at < ${t} AND i.deadline_at < ${t} AND (least(k.closed_at, k.voided_at) IS NULL OR least(k.closed_at, k.voided_at) >= ${t})))::int AS n${k}`;
  });
  const r = await db.query<Record<string, number>>(
    `SELECT ${counts.join(', ')}
     FROM incidents i
     ${MARKS}
     WHERE i.district_code = $1 AND i.community_code LIKE $2 || '%'
       AND i.reported_at < to_timestamp($3::float8) AND i.deadline_at < to_timestamp($3::float8)`,
    params,
  );
  return atMs.map((_, k) => r.rows[0]?.[`n${k}`] ?? 0);
}

export interface IncidentMonth extends IncidentTotals {
  month: string;
}

/**
 * The totals per month `YYYY-MM` of `months` (consecutive, Asia/Shanghai), each as it stood
 * at the month's end or at `asOfEnd` (epoch ms) when that comes first; months with no incident
 * are zeros.
 */
export async function incidentMonths(
  db: Db,
  districtCode: string,
  regionCode: string,
  months: readonly string[],
  asOfEnd: number,
): Promise<IncidentMonth[]> {
  const r = await db.query<IncidentMonth>(
    `WITH m AS (
       SELECT to_char(d, 'YYYY-MM') AS month,
         (d AT TIME ZONE 'Asia/Shanghai') AS t0,
         least((d + interval '1 month') AT TIME ZONE 'Asia/Shanghai', to_timestamp($5::float8)) AS t1
       FROM generate_series($3::timestamp, $4::timestamp, interval '1 month') AS d
     ),
     w AS MATERIALIZED (
       SELECT m.month, i.category, i.reported_at, i.closure, ${historyAt('m.t1')}
       FROM m JOIN incidents i ON i.district_code = $1 AND i.community_code LIKE $2 || '%'
         AND i.reported_at >= m.t0 AND i.reported_at < m.t1
       ${MARKS}
     )
     SELECT month, ${TOTALS} FROM w GROUP BY month`,
    [districtCode, regionCode, `${months[0]}-01`, `${months[months.length - 1]}-01`, asOfEnd / 1000],
  );
  const byMonth = new Map(r.rows.map((row) => [row.month, row]));
  return months.map(
    (month) =>
      byMonth.get(month) ?? { month, count: 0, voided: 0, closed: 0, medianHoursToClose: null, closedOverdue: 0, returnedForRework: 0 },
  );
}
