/**
 * The incident figures kept per place and month (migration 0051): a month window or a month of
 * the series, as the month stood at its end, read as the sum of its places' rows; and "open past
 * its deadline at T" counted from the kept overdue ranges. `incidents-figures.ts` reads these for
 * spans that are whole months and works any other span out from the incidents themselves.
 */
import type { Db } from '../db/db.types.js';
import { shanghaiMidnight } from '../analytics/patrols-period.js';
import { addMonths } from './dashboard-period.js';
import type { IncidentTotals } from './incidents-figures.js';

/** Works out the months a write left noted (a few ms after a workflow step; nothing after a load that settled). */
export async function settleIncidentMonths(db: Db, districtCode: string): Promise<number> {
  // The function only when something is noted: a cold process then plans one small scan, not a PL/pgSQL body.
  const r = await db.query<{ n: number }>(
    `SELECT incident_month_figures_settle($1::char(6)) AS n WHERE EXISTS (SELECT 1 FROM incident_month_dirty WHERE district_code = $1)`,
    [districtCode],
  );
  return r.rows[0]?.n ?? 0;
}

/** The month `YYYY-MM` a span is exactly (its first midnight to the next month's, Asia/Shanghai), else null. */
export function wholeMonthOf(span: { fromMs: number; toMs: number }): string | null {
  const month = new Date(span.fromMs + 8 * 3_600_000).toISOString().slice(0, 7);
  return shanghaiMidnight(`${month}-01`) === span.fromMs && shanghaiMidnight(`${addMonths(month, 1)}-01`) === span.toMs ? month : null;
}

export interface MonthDetail {
  byCategory: Record<string, number>;
  byGrid: Map<string, number>;
}

/** The median as PostgreSQL's percentile_cont(0.5) works it out: linear between the middle two. */
export function medianOf(values: Float64Array): number | null {
  if (values.length === 0) return null;
  const sorted = values.slice().sort();
  const pos = 0.5 * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return lo === hi ? sorted[lo]! : sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Big-endian float8 values packed one after another (float8send). */
function float8s(bytes: Uint8Array): Float64Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float64Array(bytes.byteLength / 8);
  for (let k = 0; k < out.length; k++) out[k] = view.getFloat64(k * 8, false);
  return out;
}

/** Totals of each month `YYYY-MM` of `months` in the region (code prefix), as each stood at its end. */
export async function monthTotals(
  db: Db,
  districtCode: string,
  regionCode: string,
  months: readonly string[],
): Promise<Map<string, IncidentTotals>> {
  if (months.length === 0) return new Map();
  const r = await db.query<{
    month: string;
    count: number;
    voided: number;
    closed: number;
    closed_overdue: number;
    returned: number;
    hours: Uint8Array;
  }>(
    `SELECT to_char(month, 'YYYY-MM') AS month, sum(count)::int AS count, sum(voided)::int AS voided, sum(closed)::int AS closed,
       sum(closed_overdue)::int AS closed_overdue, sum(returned)::int AS returned, string_agg(hours, ''::bytea) AS hours
     FROM incident_month_figures
     WHERE district_code = $1 AND place LIKE $2 || '%' AND month = ANY($3::date[])
     GROUP BY month`,
    [districtCode, regionCode, months.map((m) => `${m}-01`)],
  );
  return new Map(
    r.rows.map((row) => [
      row.month,
      {
        count: row.count,
        voided: row.voided,
        closed: row.closed,
        medianHoursToClose: medianOf(float8s(row.hours)),
        closedOverdue: row.closed_overdue,
        returnedForRework: row.returned,
      },
    ]),
  );
}

/** Counts per category and per in-force grid of each month of `months` in the region. */
export async function monthDetails(
  db: Db,
  districtCode: string,
  regionCode: string,
  months: readonly string[],
): Promise<Map<string, MonthDetail>> {
  const out = new Map<string, MonthDetail>(months.map((m) => [m, { byCategory: {}, byGrid: new Map() }]));
  if (months.length === 0) return out;
  const r = await db.query<{ month: string; categories: Record<string, number>; grids: Record<string, number> }>(
    `SELECT to_char(month, 'YYYY-MM') AS month, categories, grids
     FROM incident_month_figures
     WHERE district_code = $1 AND place LIKE $2 || '%' AND month = ANY($3::date[])`,
    [districtCode, regionCode, months.map((m) => `${m}-01`)],
  );
  for (const row of r.rows) {
    const d = out.get(row.month)!;
    for (const [category, n] of Object.entries(row.categories)) d.byCategory[category] = (d.byCategory[category] ?? 0) + n;
    for (const [grid, n] of Object.entries(row.grids)) d.byGrid.set(grid, (d.byGrid.get(grid) ?? 0) + n);
  }
  return out;
}

/** The `top` grids with the most incidents, most first, then by code (as the incidents' own query orders them). */
export function heaviestOf(byGrid: ReadonlyMap<string, number>, top: number): { code: string; count: number }[] {
  return [...byGrid]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, top)
    .map(([code, count]) => ({ code, count }));
}

/** Incidents of the region open past their deadline at each instant (epoch ms), whenever reported. */
export async function overdueOpenAt(db: Db, districtCode: string, regionCode: string, instants: readonly number[]): Promise<number[]> {
  if (instants.length === 0) return [];
  const r = await db.query<{ k: number; n: number }>(
    `SELECT e.k::int - 1 AS k, count(s.incident_id)::int AS n
     FROM unnest($3::float8[]) WITH ORDINALITY AS e(t, k)
     LEFT JOIN incident_overdue_spans s
       ON s.span @> to_timestamp(e.t) AND s.district_code = $1 AND s.place LIKE $2 || '%'
     GROUP BY e.k`,
    [districtCode, regionCode, instants.map((t) => t / 1000)],
  );
  const out = instants.map(() => 0);
  for (const { k, n } of r.rows) out[k] = n;
  return out;
}
