/**
 * What is due, done and overdue on a day, per grid in force and visit category, in SQL.
 *
 * Units: each special-group person (registered on or before the day) and each building's
 * ordinary households (`buildings.households`). A unit of cadence C (the district's plan,
 * `district_visit_cadences`) is due in the period of C holding the day (its month, quarter or
 * year, up to the day):
 * - done: its building had a live visit in that period — the dashboard's rule, so its figures
 *   and these agree. For households, distinct door labels count (a visit without a label
 *   counts once), at most the building's households.
 * - overdue: not visited in this period nor in the one before, though it was due then
 *   (a person registered before this period; households always). Overdue since the end of the
 *   first period it missed: two periods after the period of the last visit, or one period after
 *   the period of registration. Households with no visit on record count from the start of this
 *   period (a lower bound: we do not know when they were last seen).
 * - pending: due, neither done nor overdue.
 * Withdrawn visits (deleted_at) count nowhere. Days are Asia/Shanghai calendar days.
 */
import { visitPeriodStart, type VisitCadence } from '@gridatlas/core';
import { shanghaiMidnight } from '../analytics/patrols-period.js';
import { placementSql } from '../plans/unit-placement.sql.js';

const DAY_MS = 86_400_000;

/** The day before the period holding `day` started: the start of the previous period. */
function previousStart(day: string, cadence: VisitCadence): string {
  const start = visitPeriodStart(day, cadence);
  return visitPeriodStart(new Date(Date.parse(`${start}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10), cadence);
}

export interface DueScope {
  districtCode: string;
  /** Buildings whose community code starts with this (a district, subdistrict or community). */
  regionCode: string;
  jurisdictions: readonly string[];
  /** `YYYY-MM-DD`, Asia/Shanghai. */
  day: string;
  /** Only this grid's units. */
  gridCode?: string;
}

/**
 * SQL and parameters of a relation of units, one row per person or building's households:
 * `grid_code, category, cadence, record_id, building_id, building_name, since, n` (units:
 * 1 person or the building's households), `done`, `overdue` (numbers of `n`),
 * `overdue_since` (date, when overdue > 0), `last_day` (date of the building's last live
 * visit up to the day, or NULL), `period_end` (the day the current period ends).
 */
export function dueUnitsSql(s: DueScope): { sql: string; params: unknown[] } {
  const cadences: VisitCadence[] = ['monthly', 'quarterly', 'yearly'];
  const params: unknown[] = [
    s.districtCode,
    s.regionCode,
    s.jurisdictions,
    s.day,
    new Date(shanghaiMidnight(s.day) + DAY_MS).toISOString(),
  ];
  const p = (v: unknown): string => {
    params.push(v);
    return `$${params.length}`;
  };
  const now = Object.fromEntries(cadences.map((c) => [c, `${p(visitPeriodStart(s.day, c))}::date`]));
  const prev = Object.fromEntries(cadences.map((c) => [c, `${p(previousStart(s.day, c))}::date`]));
  const grid = s.gridCode === undefined ? '' : `AND p.grid_code = ${p(s.gridCode)}`;
  const byCadence = (column: (c: VisitCadence) => string): string =>
    `CASE k.cadence ${cadences.map((c) => `WHEN '${c}' THEN ${column(c)}`).join(' ')} END`;
  const unit = `(CASE k.cadence WHEN 'monthly' THEN 'month' WHEN 'quarterly' THEN 'quarter' ELSE 'year' END)`;
  const step = `(CASE k.cadence WHEN 'monthly' THEN interval '1 month' WHEN 'quarterly' THEN interval '3 months' ELSE interval '1 year' END)`;
  const periodStartOf = (day: string): string => `date_trunc(${unit}, ${day}::timestamp)`;
  const buildingsWhere = `b.district_code = $1 AND b.community_code LIKE $2 || '%' AND EXISTS (SELECT 1 FROM unnest($3::text[]) AS jur(jur_code) WHERE b.community_code LIKE jur.jur_code || '%')${
    s.gridCode === undefined ? '' : ` AND b.community_code = left(${p(s.gridCode)}, 12)`
  }`;
  const sql = `
    WITH bld AS MATERIALIZED (
      SELECT b.id, b.name, b.households, p.grid_code
      FROM buildings b
      JOIN ${placementSql({ grids: 'current_grids', gridsWhere: 'g.district_code = $1', buildingsWhere, fewBuildings: true })} p ON p.building_id = b.id
      WHERE ${buildingsWhere} ${grid}
    ),
    seen AS MATERIALIZED (
      SELECT v.building_id, max(v.day) AS last_day,
        ${cadences
          .map(
            (c) => `count(DISTINCT v.label) FILTER (WHERE v.day >= ${now[c]})::int AS now_${c},
        count(DISTINCT v.label) FILTER (WHERE v.day >= ${prev[c]})::int AS two_${c}`,
          )
          .join(',\n        ')}
      FROM (
        SELECT v.building_id, (v.visited_at AT TIME ZONE 'Asia/Shanghai')::date AS day, coalesce(v.household, '#' || v.id::text) AS label
        FROM visits v JOIN bld ON bld.id = v.building_id
        WHERE v.district_code = $1 AND v.deleted_at IS NULL AND v.visited_at < $5::timestamptz
      ) v
      GROUP BY v.building_id
    ),
    unit AS (
      SELECT bld.grid_code, s.category, s.id AS record_id, bld.id AS building_id, bld.name AS building_name, s.since, 1 AS n
      FROM special_group_records s JOIN bld ON bld.id = s.building_id
      WHERE s.district_code = $1 AND s.since <= $4::date
      UNION ALL
      SELECT bld.grid_code, 'household', NULL, bld.id, bld.name, NULL, bld.households FROM bld WHERE bld.households > 0
    ),
    counted AS (
      SELECT u.*, k.cadence, seen.last_day,
        coalesce(${byCadence((c) => `seen.now_${c}`)}, 0) AS n_now,
        coalesce(${byCadence((c) => `seen.two_${c}`)}, 0) AS n_two,
        (${periodStartOf('$4::date')} + ${step} - interval '1 day')::date AS period_end,
        ${periodStartOf('$4::date')}::date AS period_start,
        (${periodStartOf('seen.last_day')} + 2 * ${step})::date AS missed_after_visit,
        (${periodStartOf('u.since')} + ${step})::date AS missed_after_since
      FROM unit u
      JOIN district_visit_cadences k ON k.district_code = $1 AND k.category = u.category
      LEFT JOIN seen ON seen.building_id = u.building_id
    )
    SELECT grid_code, category, cadence, record_id, building_id, building_name, since, n, last_day, period_end,
      CASE WHEN record_id IS NULL THEN least(n, n_now) WHEN n_now > 0 THEN 1 ELSE 0 END AS done,
      CASE WHEN record_id IS NULL THEN n - least(n, n_two) WHEN n_two = 0 AND since < period_start THEN 1 ELSE 0 END AS overdue,
      CASE
        WHEN record_id IS NULL THEN CASE WHEN n_two = 0 AND last_day IS NOT NULL THEN missed_after_visit ELSE period_start END
        ELSE greatest(missed_after_visit, missed_after_since)
      END AS overdue_since
    FROM counted`;
  return { sql, params };
}
