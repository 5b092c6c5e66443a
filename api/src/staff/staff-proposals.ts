/**
 * Assignments follow the grid lineage when a plan is approved. For every grid code the plan
 * retired, the active workers assigned to it (grid-level roles) are proposed for the new grids
 * that took its area (`grid_code_lineage`): per new grid and role, the worker whose old grid gave
 * it the most area (ties: the lowest staff id), unless someone already serves it in that role. A
 * split grid's worker is thus proposed for each part; of a merge's workers, one is proposed and
 * the others are left "needing a grid" (listed by the roster checks, never dropped). The old
 * assignment stays in force until a planner confirms; confirming replaces it, rejecting keeps
 * the worker listed as needing a grid. Zone roles follow the lineage through `zone-proposals.ts`.
 */
import { writeAudit } from '../audit/audit.store.js';
import { isInsideJurisdiction } from '../auth/jurisdiction.js';
import type { Db } from '../db/db.types.js';
import { HttpError, forbidden, notFound } from '../http/http-error.js';
import { bumpWorker } from './staff.store.js';
import { proposeZonesAfterApproval } from './zone-proposals.js';

export interface Proposal {
  id: number;
  districtCode: string;
  planId: number;
  staffId: number;
  staffName: string;
  role: string;
  /** 'grid': a grid role's new grid; 'zone': a zone role's new zone; 'needs_zone': the successor grids carry no zone. */
  kind: 'grid' | 'zone' | 'needs_zone';
  fromGridCode: string | null;
  gridCode: string | null;
  gridName: string | null;
  fromZoneCode: string | null;
  zoneCode: string | null;
  /** Zone kinds: the grids in force that took the old zone's area. */
  successorGrids: string[];
  regionCode: string;
  sharedM2: number;
  status: 'pending' | 'confirmed' | 'rejected';
  decidedBy: string | null;
}

/** Writes the proposals of an approved plan (inside its approval transaction); answers how many. */
export async function proposeAfterApproval(
  tx: Db,
  districtCode: string,
  planId: number,
): Promise<{ proposed: number; unplaced: number; needsZone: number }> {
  const r = await tx.query<{ n: number }>(
    `WITH gone AS (SELECT code FROM grid_codes WHERE district_code = $1 AND retired_plan_id = $2),
     cand AS (
       SELECT a.id AS assignment_id, a.staff_id, a.role, l.parent_code, l.code AS child, l.shared_m2
       FROM staff_assignments a
       JOIN staff s ON s.district_code = a.district_code AND s.id = a.staff_id AND s.active
       JOIN grid_code_lineage l ON l.district_code = a.district_code AND l.plan_id = $2 AND l.parent_code = a.grid_code
       WHERE a.district_code = $1 AND a.grid_code IN (SELECT code FROM gone)),
     best AS (SELECT DISTINCT ON (child, role) * FROM cand ORDER BY child, role, shared_m2 DESC, staff_id),
     ins AS (
       INSERT INTO staff_assignment_proposals
         (district_code, plan_id, staff_id, role, assignment_id, from_grid_code, grid_code, region_code, zone_code, shared_m2)
       SELECT $1, $2, b.staff_id, b.role, b.assignment_id, b.parent_code, b.child, n.community_code, n.zone_code, b.shared_m2
       FROM best b JOIN grids n ON n.district_code = $1 AND n.plan_id = $2 AND n.code = b.child
       WHERE NOT EXISTS (SELECT 1 FROM staff_assignments x WHERE x.district_code = $1 AND x.grid_code = b.child AND x.role = b.role)
       RETURNING staff_id)
     SELECT (SELECT count(*)::int FROM ins) AS n,
            (SELECT count(DISTINCT staff_id)::int FROM cand WHERE staff_id NOT IN (SELECT staff_id FROM ins)) AS unplaced`,
    [districtCode, planId],
  );
  const row = r.rows[0] as unknown as { n: number; unplaced: number };
  const zones = await proposeZonesAfterApproval(tx, districtCode, planId);
  return { proposed: row.n + zones.proposed, unplaced: row.unplaced + zones.unplaced, needsZone: zones.needsZone };
}

const PROPOSAL_COLUMNS = `p.id::int AS id, p.district_code AS "districtCode", p.plan_id::int AS "planId", p.staff_id::int AS "staffId",
  s.name AS "staffName", p.role, p.kind, p.from_grid_code AS "fromGridCode", p.grid_code AS "gridCode",
  p.from_zone_code AS "fromZoneCode", p.zone_code AS "zoneCode", p.successor_grids AS "successorGrids",
  (SELECT g.name FROM grids g WHERE g.district_code = p.district_code AND g.plan_id = p.plan_id AND g.code = p.grid_code) AS "gridName",
  p.region_code AS "regionCode", round(p.shared_m2::numeric, 1)::float8 AS "sharedM2", p.status, p.decided_by AS "decidedBy"`;

/** Where a proposal points, for jurisdiction and order: its grid, its zone, else its community. */
const TARGET_SQL = 'coalesce(p.grid_code, p.zone_code, p.region_code)';

const trimDistrict = (p: Proposal): Proposal => ({ ...p, districtCode: p.districtCode.trim() });

export async function listProposals(db: Db, districtCode: string, regionCode: string, status: string | null): Promise<Proposal[]> {
  const r = await db.query<Proposal>(
    `SELECT ${PROPOSAL_COLUMNS} FROM staff_assignment_proposals p JOIN staff s ON s.district_code = p.district_code AND s.id = p.staff_id
     WHERE p.district_code = $1 AND ${TARGET_SQL} LIKE $2 || '%' AND ($3::text IS NULL OR p.status = $3)
     ORDER BY p.status = 'pending' DESC, ${TARGET_SQL}, p.role, p.id`,
    [districtCode, regionCode, status],
  );
  return r.rows.map(trimDistrict);
}

/** Confirms or rejects a pending proposal in one transaction, audited. */
export async function decideProposal(
  db: Db,
  id: number,
  decision: 'confirm' | 'reject',
  user: { id: number; username: string; jurisdictions: readonly string[] },
  ip: string | null,
): Promise<Proposal> {
  return db.transaction(async (tx) => {
    const locked = await tx.query<{
      district: string;
      staff: number;
      status: string;
      kind: Proposal['kind'];
      target: string;
      grid: string | null;
      zone: string | null;
      assignment: number | null;
      from: string | null;
      fromZone: string | null;
      successors: string[];
    }>(
      `SELECT district_code AS district, staff_id::int AS staff, status, kind, ${TARGET_SQL} AS target, grid_code AS grid,
              zone_code AS zone, assignment_id::int AS assignment, from_grid_code AS from, from_zone_code AS "fromZone",
              successor_grids AS successors
       FROM staff_assignment_proposals p WHERE id = $1 FOR UPDATE`,
      [id],
    );
    const p = locked.rows[0];
    if (!p) throw notFound(`no staff proposal ${id}`);
    const district = p.district.trim();
    if (!isInsideJurisdiction(user.jurisdictions, p.target)) throw forbidden(`${p.target} is outside your jurisdiction`);
    if (p.status !== 'pending')
      throw new HttpError(409, 'conflict', `proposal ${id} was already ${p.status}: reload the list`, { status: p.status });
    if (decision === 'confirm' && p.kind === 'needs_zone')
      throw new HttpError(
        409,
        'conflict',
        `nothing to confirm: grids ${p.successors.join(', ')} that took zone ${p.fromZone}'s area carry no zone; group them into a zone in a plan or give the worker a zone in the roster, then dismiss this entry`,
      );
    if (decision === 'confirm' && p.kind === 'zone') {
      await confirmZone(tx, district, p.staff, p.assignment, p.fromZone!, p.zone!, id);
      await bumpWorker(tx, district, p.staff, user.username);
    }
    if (decision === 'confirm' && p.kind === 'grid') {
      const g = await tx.query<{ community: string; zone: string | null }>(
        'SELECT community_code AS community, zone_code AS zone FROM current_grids WHERE district_code = $1 AND code = $2',
        [district, p.grid],
      );
      if (!g.rows[0])
        throw new HttpError(409, 'conflict', `grid ${p.grid} is no longer in force (a later plan replaced it): reject this proposal`);
      const s = await tx.query<{ active: boolean }>('SELECT active FROM staff WHERE district_code = $1 AND id = $2 FOR UPDATE', [
        district,
        p.staff,
      ]);
      if (!s.rows[0]?.active) throw new HttpError(409, 'conflict', `worker ${p.staff} has been deactivated: reject this proposal`);
      // The assignment to the grid that is gone (if still there), replaced by the new grid's.
      await tx.query('DELETE FROM staff_assignments WHERE district_code = $1 AND id = $2 AND grid_code = $3', [
        district,
        p.assignment,
        p.from,
      ]);
      await tx.query(
        `INSERT INTO staff_assignments (district_code, staff_id, role, region_code, zone_code, grid_code)
         SELECT p.district_code, p.staff_id, p.role, $2, $3, p.grid_code FROM staff_assignment_proposals p WHERE p.id = $1
           AND NOT EXISTS (SELECT 1 FROM staff_assignments x WHERE x.district_code = p.district_code AND x.staff_id = p.staff_id
                           AND x.role = p.role AND x.grid_code = p.grid_code)`,
        [id, g.rows[0].community, g.rows[0].zone],
      );
      await bumpWorker(tx, district, p.staff, user.username);
    }
    await tx.query(`UPDATE staff_assignment_proposals SET status = $2, decided_by = $3, decided_at = now() WHERE id = $1`, [
      id,
      decision === 'confirm' ? 'confirmed' : 'rejected',
      user.username,
    ]);
    await writeAudit(tx, {
      userId: user.id,
      action: `staff.proposal.${decision}`,
      target: `${district}/${p.staff}`,
      detail: { proposal: id, kind: p.kind, from: p.from ?? p.fromZone, to: p.grid ?? p.zone },
      ip,
    });
    const out = await tx.query<Proposal>(
      `SELECT ${PROPOSAL_COLUMNS} FROM staff_assignment_proposals p JOIN staff s ON s.district_code = p.district_code AND s.id = p.staff_id WHERE p.id = $1`,
      [id],
    );
    return trimDistrict(out.rows[0]!);
  });
}

/** A zone proposal confirmed: the worker's assignment to the emptied zone becomes one to the new zone. */
async function confirmZone(
  tx: Db,
  district: string,
  staffId: number,
  assignment: number | null,
  fromZone: string,
  zone: string,
  id: number,
) {
  const z = await tx.query<{ community: string }>(
    `SELECT z.community_code AS community FROM zones z
     WHERE z.district_code = $1 AND z.code = $2 AND EXISTS (SELECT 1 FROM current_grids g WHERE g.district_code = $1 AND g.zone_code = z.code)`,
    [district, zone],
  );
  if (!z.rows[0])
    throw new HttpError(409, 'conflict', `zone ${zone} holds no grid in force any more (a later plan changed it): reject this proposal`);
  const s = await tx.query<{ active: boolean }>('SELECT active FROM staff WHERE district_code = $1 AND id = $2 FOR UPDATE', [
    district,
    staffId,
  ]);
  if (!s.rows[0]?.active) throw new HttpError(409, 'conflict', `worker ${staffId} has been deactivated: reject this proposal`);
  await tx.query('DELETE FROM staff_assignments WHERE district_code = $1 AND id = $2 AND grid_code IS NULL AND zone_code = $3', [
    district,
    assignment,
    fromZone,
  ]);
  await tx.query(
    `INSERT INTO staff_assignments (district_code, staff_id, role, region_code, zone_code, grid_code)
     SELECT p.district_code, p.staff_id, p.role, $2, p.zone_code, NULL FROM staff_assignment_proposals p WHERE p.id = $1
       AND NOT EXISTS (SELECT 1 FROM staff_assignments x WHERE x.district_code = p.district_code AND x.staff_id = p.staff_id
                       AND x.role = p.role AND x.grid_code IS NULL AND x.zone_code = p.zone_code)`,
    [id, z.rows[0].community],
  );
}
