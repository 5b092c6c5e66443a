/**
 * A draft's grids replaced and checked: the old rows deleted, the new ones inserted, and the
 * PostGIS checks and the core rules' inputs read on the new rows (plan-checks.sql.ts). Under load
 * each round trip of a save waits its turn for the event loop and the connection, with the
 * plan's row locked (BENCHMARKS.md, issue 15), so a save of up to ONE_STATEMENT_MAX grids does it
 * all in one statement. A statement cannot read its own writes, so there the checks read the rows
 * the insert takes (`saved`: the table's columns, the same geometry), the rows the table holds
 * afterwards. They have no spatial index, and looking for overlaps pair by pair grows with the
 * square of the grids: a larger save writes, then checks the table in a second statement.
 */
import type { Db } from '../db/db.types.js';
import { checkStoredPlan, planChecksSql, toPlanChecks, type PlanChecks, type PlanChecksRow } from './plan-checks.sql.js';

/** Most grids a save replaces and checks in one statement (a one-community draft has about ten). */
const ONE_STATEMENT_MAX = 100;

/** One grid as written: code, name, type, community, zone, geometry as GeoJSON text (WGS84 degrees). */
export interface GridRow {
  c: string;
  n: string;
  t: string;
  m: string;
  z: string | null;
  g: string;
}

/**
 * The old rows deleted (`gone`, their codes) and `saved` — the rows of parameter `rowsParam`
 * with the table's columns — inserted. The insert waits for the delete (it reads the count of
 * the rows deleted), so a code kept by the edit never meets its old row.
 */
const replaceCtes = (rowsParam: string): string => `gone AS (
       DELETE FROM grids WHERE district_code = $1 AND plan_id = $2 RETURNING code
     ), saved AS MATERIALIZED (
       SELECT $1::char(6) AS district_code, $2::bigint AS plan_id, r.c AS code, r.n AS name, r.t AS type,
         r.m AS community_code, r.z AS zone_code, ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(r.g), 4326)) AS geometry
       FROM json_to_recordset(${rowsParam}::json) AS r(c text, n text, t text, m text, z text, g text)
     ), put AS (
       INSERT INTO grids (district_code, plan_id, code, name, type, community_code, zone_code, geometry)
       SELECT district_code, plan_id, code, name, type, community_code, zone_code, geometry FROM saved
       WHERE (SELECT count(*) FROM gone) >= 0
     )`;

// The rows are $3; the codes replaced come back.
const REPLACE_SQL = `WITH ${replaceCtes('$3')}
     SELECT code FROM gone`;

// With the checks of the rows it inserts: the region is $3 (as planChecksSql reads it), the rows $4.
const REPLACE_AND_CHECK_SQL = `WITH ${replaceCtes('$4')}
     SELECT pc.*, (SELECT coalesce(array_agg(code), '{}') FROM gone) AS before
     FROM (${planChecksSql('saved')}) pc`;

/**
 * Replaces the grids of plan `plan.id` with `rows` and checks them (one statement, or two for a
 * save of more than `oneStatementMax` grids); `before` is the codes replaced, `label` names a
 * grid for the client (its code or "#index"). Run it inside the save's transaction, the plan's
 * row locked: a problem found rolls the write back.
 *
 * @example
 * const { before, checks } = await replaceAndCheckGrids(tx, plan, rows, (code) => code);
 * if (checks.geometryProblems.length > 0) throw unprocessable('…', checks.geometryProblems);
 */
export async function replaceAndCheckGrids(
  tx: Db,
  plan: { id: number; districtCode: string; regionCode: string },
  rows: readonly GridRow[],
  label: (code: string) => string,
  oneStatementMax = ONE_STATEMENT_MAX,
): Promise<{ before: string[]; checks: PlanChecks }> {
  if (rows.length > oneStatementMax) {
    const gone = await tx.query<{ code: string }>(REPLACE_SQL, [plan.districtCode, plan.id, JSON.stringify(rows)]);
    return { before: gone.rows.map((r) => r.code), checks: await checkStoredPlan(tx, plan, label) };
  }
  const r = await tx.query<PlanChecksRow & { before: string[] }>(REPLACE_AND_CHECK_SQL, [
    plan.districtCode,
    plan.id,
    plan.regionCode,
    JSON.stringify(rows),
  ]);
  const row = r.rows[0]!;
  return { before: row.before, checks: toPlanChecks(row, label) };
}
