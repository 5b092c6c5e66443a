/**
 * Due and overdue visits per grid (aggregates, suppressed) and per unit (details for
 * entitled roles), both from `dueUnitsSql`.
 */
import type { Db } from '../db/db.types.js';
import { suppressTable, type SuppressedCell } from '../special-groups/suppression.js';
import { dueUnitsSql, type DueScope } from './visits-due.sql.js';
import type { VisitDueGrids, VisitDueList } from './visits.schemas.js';

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

interface GridCounts {
  due: number;
  done: number;
  overdue: number;
  maxOverdueSince: string | null;
}

/**
 * Per grid in force of the scope: units due, done, pending and overdue for one category
 * (`household` or a special-group key) or, with `category` null, all special-group categories
 * together. Special-group counts are persons: the table grids × (done, pending, overdue) with
 * due as row totals is suppressed at `threshold` like every special-group table. Household
 * counts are not about persons and are shown exact.
 */
export async function dueByGrid(db: Db, scope: DueScope, category: string | null, threshold: number): Promise<VisitDueGrids> {
  const units = dueUnitsSql(scope);
  const params = [...units.params, category];
  const categoryParam = `$${params.length}`;
  const [grids, counts] = await Promise.all([
    db.query<{ code: string; name: string }>(
      `SELECT code, name FROM current_grids WHERE district_code = $1 AND community_code LIKE $2 || '%'
         AND EXISTS (SELECT 1 FROM unnest($3::text[]) AS jur(jur_code) WHERE community_code LIKE jur.jur_code || '%') ORDER BY code`,
      [scope.districtCode, scope.regionCode, scope.jurisdictions],
    ),
    db.query<{ grid: string; due: number; done: number; overdue: number; since: string | null }>(
      `SELECT grid_code AS grid, sum(n)::int AS due, sum(done)::int AS done, sum(overdue)::int AS overdue,
         to_char(min(overdue_since) FILTER (WHERE overdue > 0), 'YYYY-MM-DD') AS since
       FROM (${units.sql}) u
       WHERE CASE WHEN ${categoryParam}::text IS NULL THEN category <> 'household' ELSE category = ${categoryParam}::text END
       GROUP BY grid_code`,
      params,
    ),
  ]);
  const byGrid = new Map<string, GridCounts>(
    counts.rows.map((r) => [r.grid, { due: Number(r.due), done: Number(r.done), overdue: Number(r.overdue), maxOverdueSince: r.since }]),
  );
  const rows = grids.rows.map((g) => ({ ...g, ...(byGrid.get(g.code) ?? { due: 0, done: 0, overdue: 0, maxOverdueSince: null }) }));
  const table = rows.map((r) => [r.done, r.due - r.done - r.overdue, r.overdue]);
  const suppressed = category !== 'household';
  const exact = (n: number): SuppressedCell => ({ count: n });
  const t = suppressed
    ? suppressTable(table, 3, threshold)
    : {
        cells: table.map((row) => row.map(exact)),
        rowTotals: rows.map((r) => exact(r.due)),
        columnTotals: [0, 1, 2].map((j) => exact(table.reduce((s, row) => s + row[j]!, 0))),
        total: exact(rows.reduce((s, r) => s + r.due, 0)),
      };
  return {
    day: scope.day,
    category,
    threshold,
    suppressed,
    rows: rows.map((r, i) => {
      const overdue = t.cells[i]![2]!;
      return {
        code: r.code,
        name: r.name,
        due: t.rowTotals[i]!,
        done: t.cells[i]![0]!,
        pending: t.cells[i]![1]!,
        overdue,
        // Withheld with its count: how long says something about how many.
        maxOverdueDays: 'count' in overdue && r.maxOverdueSince ? daysBetween(r.maxOverdueSince, scope.day) : null,
      };
    }),
    totals: { due: t.total, done: t.columnTotals[0]!, pending: t.columnTotals[1]!, overdue: t.columnTotals[2]! },
  };
}

/**
 * The units of the scope still to visit this period (pending or overdue), most overdue first:
 * one row per special-group person, one per building for its households. Individual data:
 * callers check the entitlement and audit the read.
 */
export async function dueItems(db: Db, scope: DueScope): Promise<VisitDueList['items']> {
  const units = dueUnitsSql(scope);
  const r = await db.query<{
    grid_code: string;
    category: string;
    cadence: 'monthly' | 'quarterly' | 'yearly';
    record_id: string | null;
    building_id: string;
    building_name: string;
    units: number;
    overdue: number;
    overdue_since: string | null;
    last_day: string | null;
    period_end: string;
  }>(
    `SELECT grid_code, category, cadence, record_id, building_id, building_name, (n - done)::int AS units, overdue::int AS overdue,
       CASE WHEN overdue > 0 THEN to_char(overdue_since, 'YYYY-MM-DD') END AS overdue_since,
       to_char(last_day, 'YYYY-MM-DD') AS last_day, to_char(period_end, 'YYYY-MM-DD') AS period_end
     FROM (${units.sql}) u
     WHERE n > done
     ORDER BY overdue > 0 DESC, overdue_since, grid_code, building_id, category, record_id`,
    units.params,
  );
  return r.rows.map((row) => ({
    gridCode: row.grid_code,
    category: row.category,
    cadence: row.cadence,
    recordId: row.record_id === null ? null : Number(row.record_id),
    buildingId: Number(row.building_id),
    buildingName: row.building_name,
    units: Number(row.units),
    overdue: Number(row.overdue),
    overdueDays: row.overdue_since ? daysBetween(row.overdue_since, scope.day) : null,
    lastVisit: row.last_day,
    dueBy: row.period_end,
  }));
}
