/**
 * Vacancies and overloads of a district's roster, in SQL, over the grids in force:
 *
 * - who serves a grid: an active worker assigned to the grid itself, to its zone (片, 2–3
 *   grids), or — with neither grid nor zone — to its community or an enclosing region (a
 *   subdistrict's supervisor), as the dashboard counts staffing;
 * - a vacancy: a required role of the district's model that nobody serves in a grid;
 * - an overload: a worker serving, in one role, more grids or more households than the role
 *   allows (households: buildings placed in grids by core's rule, read from the pairs kept per
 *   approved plan, `keptPlacementSql`);
 * - workload: the sum of the workload index (households, persons, special groups, incidents,
 *   visits; `api/src/analytics/workload.route.ts`) of the grids a worker serves, when given;
 * - needs a grid: an active worker whose grid- or zone-level assignments serve no grid in force
 *   (their grid was split, merged or retired), or who has no assignment at all.
 */
import type { Db } from '../db/db.types.js';
import { keptPlacementSql } from '../plans/kept-placement.sql.js';
import { modelKeySql } from './staff-model.js';

export interface GridStaffing {
  code: string;
  name: string;
  communityCode: string;
  zoneCode: string | null;
  households: number;
  /** Required roles nobody serves here. */
  missing: string[];
  /** Workers serving the grid (work phone only). */
  staff: { id: number; name: string; phone: string | null; role: string; via: 'grid' | 'zone' | 'region' }[];
  /** Some worker serving it carries more than their role allows. */
  overloaded: boolean;
}

export interface WorkerLoad {
  id: number;
  name: string;
  role: string;
  grids: number;
  households: number;
  maxGrids: number | null;
  maxHouseholds: number | null;
  /** Sum of the workload index of the grids served (district mean grid = 1), when known. */
  workload: number | null;
}

export interface NeedsGrid {
  id: number;
  name: string;
  regionCode: string;
  /** The grid codes of assignments that point at no grid in force. */
  lostGrids: string[];
  /** Proposals waiting for a planner (after a plan's approval). */
  pendingProposals: number;
}

export interface StaffChecks {
  grids: GridStaffing[];
  overloaded: WorkerLoad[];
  needsGrid: NeedsGrid[];
}

/**
 * Serving relation `(code, staff_id, role, via)` of every grid in force of district `$1`, by
 * active workers; hash joins per level (an IN over the levels makes a nested loop).
 */
export const SERVES_SQL = `
  g AS MATERIALIZED (SELECT code, name, community_code, zone_code FROM current_grids WHERE district_code = $1),
  a AS MATERIALIZED (
    SELECT a.staff_id, a.role, a.grid_code, a.zone_code, a.region_code FROM staff_assignments a
    JOIN staff s ON s.district_code = a.district_code AND s.id = a.staff_id AND s.active
    WHERE a.district_code = $1),
  serves AS (
    SELECT g.code, a.staff_id, a.role, 'grid' AS via FROM g JOIN a ON a.grid_code = g.code
    UNION SELECT g.code, a.staff_id, a.role, 'zone' FROM g JOIN a ON a.grid_code IS NULL AND a.zone_code = g.zone_code
    UNION SELECT g.code, a.staff_id, a.role, 'region' FROM g JOIN a ON a.grid_code IS NULL AND a.zone_code IS NULL AND a.region_code = g.community_code
    UNION SELECT g.code, a.staff_id, a.role, 'region' FROM g JOIN a ON a.grid_code IS NULL AND a.zone_code IS NULL AND a.region_code = left(g.community_code, 9)
    UNION SELECT g.code, a.staff_id, a.role, 'region' FROM g JOIN a ON a.grid_code IS NULL AND a.zone_code IS NULL AND a.region_code = left(g.community_code, 6)
  )`;

const HOUSEHOLDS_SQL = `
  hh AS MATERIALIZED (
    SELECT p.grid_code AS code, sum(b.households)::int AS households
    FROM ${keptPlacementSql({ grids: 'current_grids', gridsWhere: 'g.district_code = $1' })} p
    JOIN buildings b ON b.district_code = $1 AND b.id = p.building_id
    GROUP BY p.grid_code)`;

/**
 * The checks of the grids in force inside `regionCode` (a district, subdistrict or community;
 * a grid code gives that grid alone). Loads count every grid a worker serves in the district.
 * `workloadOf`: workload index per grid code, when the caller has it.
 */
export async function staffChecks(
  db: Db,
  districtCode: string,
  regionCode: string,
  workloadOf?: ReadonlyMap<string, number>,
): Promise<StaffChecks> {
  const grids = await db.query<GridStaffing & { overloaded: boolean }>(
    `WITH ${SERVES_SQL}, ${HOUSEHOLDS_SQL},
     roles AS (SELECT role, required, max_grids, max_households FROM staff_model_roles WHERE model_key = ${modelKeySql('$1')}),
     load AS (
       SELECT sv.staff_id, sv.role, count(DISTINCT sv.code)::int AS grids, coalesce(sum(hh.households), 0)::int AS households
       FROM (SELECT DISTINCT code, staff_id, role FROM serves) sv LEFT JOIN hh ON hh.code = sv.code GROUP BY sv.staff_id, sv.role),
     over AS (
       SELECT l.staff_id, l.role FROM load l JOIN roles r ON r.role = l.role
       WHERE l.grids > r.max_grids OR l.households > r.max_households)
     SELECT g.code, g.name, g.community_code AS "communityCode", g.zone_code AS "zoneCode",
       coalesce(hh.households, 0)::int AS households,
       coalesce((SELECT array_agg(r.role ORDER BY r.role) FROM roles r
                 WHERE r.required AND NOT EXISTS (SELECT 1 FROM serves s WHERE s.code = g.code AND s.role = r.role)), '{}') AS missing,
       coalesce((SELECT json_agg(json_build_object('id', s.staff_id, 'name', st.name, 'phone', st.phone, 'role', s.role, 'via', s.via)
                                 ORDER BY s.role, st.name, s.staff_id)
                 FROM serves s JOIN staff st ON st.district_code = $1 AND st.id = s.staff_id WHERE s.code = g.code), '[]') AS staff,
       EXISTS (SELECT 1 FROM serves s JOIN over o ON o.staff_id = s.staff_id AND o.role = s.role WHERE s.code = g.code) AS overloaded
     FROM g LEFT JOIN hh ON hh.code = g.code
     WHERE g.code LIKE $2 || '%'
     ORDER BY g.code`,
    [districtCode, regionCode],
  );
  const loads = await db.query<Omit<WorkerLoad, 'workload'> & { codes: string[] }>(
    `WITH ${SERVES_SQL}, ${HOUSEHOLDS_SQL},
     roles AS (SELECT role, max_grids, max_households FROM staff_model_roles WHERE model_key = ${modelKeySql('$1')}),
     sv AS (SELECT DISTINCT code, staff_id, role FROM serves),
     load AS (
       SELECT sv.staff_id, sv.role, array_agg(sv.code ORDER BY sv.code) AS codes,
              count(*)::int AS grids, coalesce(sum(hh.households), 0)::int AS households
       FROM sv LEFT JOIN hh ON hh.code = sv.code GROUP BY sv.staff_id, sv.role)
     SELECT l.staff_id::int AS id, st.name, l.role, l.grids, l.households, l.codes,
            r.max_grids AS "maxGrids", r.max_households AS "maxHouseholds"
     FROM load l JOIN roles r ON r.role = l.role
     JOIN staff st ON st.district_code = $1 AND st.id = l.staff_id
     WHERE (l.grids > r.max_grids OR l.households > r.max_households)
       AND EXISTS (SELECT 1 FROM unnest(l.codes) c WHERE c LIKE $2 || '%')
     ORDER BY l.households DESC, l.staff_id`,
    [districtCode, regionCode],
  );
  const needs = await db.query<NeedsGrid>(
    `WITH ${SERVES_SQL},
     home AS (
       SELECT s.id, s.name, coalesce(s.region_code,
         (SELECT min(x.region_code) FROM staff_assignments x WHERE x.district_code = s.district_code AND x.staff_id = s.id),
         s.district_code::text) AS region_code
       FROM staff s WHERE s.district_code = $1 AND s.active)
     SELECT h.id::int AS id, h.name, h.region_code AS "regionCode",
       coalesce((SELECT array_agg(DISTINCT x.grid_code) FROM staff_assignments x
                 WHERE x.district_code = $1 AND x.staff_id = h.id AND x.grid_code IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM g WHERE g.code = x.grid_code)), '{}') AS "lostGrids",
       (SELECT count(*)::int FROM staff_assignment_proposals p WHERE p.district_code = $1 AND p.staff_id = h.id AND p.status = 'pending')
         AS "pendingProposals"
     FROM home h
     WHERE (h.region_code LIKE $2 || '%' OR $2 LIKE h.region_code || '%')
       AND NOT EXISTS (SELECT 1 FROM serves s WHERE s.staff_id = h.id)
     ORDER BY h.region_code, h.name, h.id`,
    [districtCode, regionCode],
  );
  return {
    grids: grids.rows,
    overloaded: loads.rows.map(({ codes, ...l }) => ({
      ...l,
      workload: workloadOf ? Math.round(codes.reduce((sum, c) => sum + (workloadOf.get(c) ?? 0), 0) * 100) / 100 : null,
    })),
    needsGrid: needs.rows,
  };
}
