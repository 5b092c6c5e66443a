/**
 * Zone roles (专管员 for a 片 of 2–3 grids, the ladder's 网格长) follow the lineage too. When a
 * plan's approval leaves a zone-level assignment pointing at a zone that no grid in force
 * carries any more, the zone's grids this plan retired or kept are followed to their successors
 * (`grid_code_lineage` for retired ones; a kept code is its own successor), and:
 *
 * - the successors carry a zone: the worker is proposed (kind 'zone') for the zone holding most
 *   of the successors' area (m²), unless someone already serves that zone in that role; of
 *   several workers of one role aiming at one zone, the one whose old zone gave it most area
 *   (ties: lowest staff id) — the others stay listed as needing a grid by the roster checks;
 * - the successors carry none: a 'needs_zone' entry names them, for a planner to group them into
 *   a zone (or assign the worker by hand) and then dismiss the entry.
 *
 * Nobody loses their zone silently: every such worker gets a proposal, an entry, or is counted
 * as unplaced (and listed by the checks).
 */
import type { Db } from '../db/db.types.js';

/** Zone-role assignments whose zone this approval emptied, with their successor grids and the zone they point at. */
const LOST_ZONES_SQL = `
  za AS (
    SELECT a.id AS assignment_id, a.staff_id, a.role, a.zone_code AS from_zone
    FROM staff_assignments a
    JOIN staff s ON s.district_code = a.district_code AND s.id = a.staff_id AND s.active
    JOIN zones z ON z.district_code = a.district_code AND z.code = a.zone_code
    -- A zone lies in one community: inside the plan's region, the plan's grids are all its grids
    -- (read from the plan itself: during the approval the plan is not yet among current_grids).
    WHERE a.district_code = $1 AND a.grid_code IS NULL
      AND z.community_code LIKE (SELECT region_code FROM plans WHERE district_code = $1 AND id = $2) || '%'
      AND NOT EXISTS (SELECT 1 FROM grids n WHERE n.district_code = $1 AND n.plan_id = $2 AND n.zone_code = a.zone_code)),
  old AS (
    SELECT DISTINCT og.zone_code AS from_zone, og.code
    FROM grids og
    WHERE og.district_code = $1 AND og.plan_id <> $2 AND og.zone_code IN (SELECT from_zone FROM za)
      AND (og.code IN (SELECT code FROM grid_codes WHERE district_code = $1 AND retired_plan_id = $2)
           OR og.code IN (SELECT code FROM grids WHERE district_code = $1 AND plan_id = $2))),
  succ AS (
    SELECT o.from_zone, l.code AS child, l.shared_m2 AS m2
    FROM old o JOIN grid_code_lineage l ON l.district_code = $1 AND l.plan_id = $2 AND l.parent_code = o.code
    UNION
    SELECT o.from_zone, n.code, ST_Area(n.geometry::geography)
    FROM old o JOIN grids n ON n.district_code = $1 AND n.plan_id = $2 AND n.code = o.code),
  fate AS (
    SELECT sc.from_zone, array_agg(DISTINCT sc.child ORDER BY sc.child) AS children, sum(sc.m2) AS m2,
      (SELECT n.zone_code FROM succ x JOIN grids n ON n.district_code = $1 AND n.plan_id = $2 AND n.code = x.child
        WHERE x.from_zone = sc.from_zone AND n.zone_code IS NOT NULL
        GROUP BY n.zone_code ORDER BY sum(x.m2) DESC, n.zone_code LIMIT 1) AS to_zone
    FROM succ sc GROUP BY sc.from_zone)`;

/** Writes the zone proposals and needs-a-zone entries of an approved plan; answers the counts. */
export async function proposeZonesAfterApproval(
  tx: Db,
  districtCode: string,
  planId: number,
): Promise<{ proposed: number; needsZone: number; unplaced: number }> {
  const r = await tx.query<{ proposed: number; needs: number; unplaced: number }>(
    `WITH ${LOST_ZONES_SQL},
     cand AS (
       SELECT za.*, f.to_zone, f.children, f.m2,
         (SELECT sum(x.m2) FROM succ x JOIN grids n ON n.district_code = $1 AND n.plan_id = $2 AND n.code = x.child
           WHERE x.from_zone = za.from_zone AND n.zone_code = f.to_zone) AS to_m2
       FROM za JOIN fate f ON f.from_zone = za.from_zone),
     best AS (
       SELECT DISTINCT ON (to_zone, role) * FROM cand
       WHERE to_zone IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM staff_assignments x JOIN staff s ON s.district_code = x.district_code AND s.id = x.staff_id AND s.active
                         WHERE x.district_code = $1 AND x.grid_code IS NULL AND x.zone_code = cand.to_zone AND x.role = cand.role)
       ORDER BY to_zone, role, to_m2 DESC, staff_id),
     ins_zone AS (
       INSERT INTO staff_assignment_proposals
         (district_code, plan_id, staff_id, role, assignment_id, kind, from_zone_code, zone_code, region_code, successor_grids, shared_m2)
       SELECT $1, $2, b.staff_id, b.role, b.assignment_id, 'zone', b.from_zone, b.to_zone, z.community_code, b.children, b.to_m2
       FROM best b JOIN zones z ON z.district_code = $1 AND z.code = b.to_zone
       RETURNING staff_id),
     ins_needs AS (
       INSERT INTO staff_assignment_proposals
         (district_code, plan_id, staff_id, role, assignment_id, kind, from_zone_code, region_code, successor_grids, shared_m2)
       SELECT $1, $2, c.staff_id, c.role, c.assignment_id, 'needs_zone', c.from_zone, z.community_code, c.children, c.m2
       FROM cand c JOIN zones z ON z.district_code = $1 AND z.code = c.from_zone
       WHERE c.to_zone IS NULL
       RETURNING staff_id)
     SELECT (SELECT count(*)::int FROM ins_zone) AS proposed, (SELECT count(*)::int FROM ins_needs) AS needs,
            (SELECT count(*)::int FROM cand WHERE to_zone IS NOT NULL AND assignment_id NOT IN (SELECT assignment_id FROM best)) AS unplaced`,
    [districtCode, planId],
  );
  const row = r.rows[0]!;
  return { proposed: row.proposed, needsZone: row.needs, unplaced: row.unplaced };
}
