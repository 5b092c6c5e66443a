/**
 * A plan's life: draft → submitted → approved, a submitted plan sent back to draft, a draft
 * or submitted plan archived. Each transition locks the plan row, checks its status and the
 * version the caller saw, and bumps the version. Approval makes the plan current: it gives
 * provisional codes final serials in reading order, registers them with their lineage,
 * retires the codes it drops and archives the approved plans it supersedes, all in one
 * transaction.
 */
import { isProvisionalCode, readingOrder, type PlanProblem } from '@gridatlas/core';
import type { Polygon } from 'geojson';
import type { Db } from '../db/db.types.js';
import { HttpError, forbidden, notFound } from '../http/http-error.js';
import { proposeAfterApproval } from '../staff/staff-proposals.js';
import { findPlan, PLAN_COLUMNS, toPlan, type PlanRecord } from './plan.store.js';
import { checkStoredPlan } from './plan-checks.sql.js';
import { storeProblems } from './plan-validation.js';
import { unprocessable } from './save-grids.js';
import type { PlanStatusConflictDetail, PlanVersionConflictDetail, RetiredCodesConflictDetail } from './plan-schemas.js';

export type Transition = 'submit' | 'approve' | 'return' | 'archive';

const FROM: Record<Transition, PlanRecord['status'][]> = {
  submit: ['draft'],
  approve: ['submitted'],
  return: ['submitted'],
  archive: ['draft', 'submitted'],
};

export interface TransitionInput {
  planId: string;
  version: number;
  note?: string | undefined;
  jurisdictions: readonly string[];
  username: string;
}

export interface TransitionResult {
  plan: PlanRecord;
  /** On approval: provisional code → final code. */
  codes?: Record<string, string>;
  problems?: PlanProblem[];
}

/** Hard problems (PostGIS and core) of the stored plan refuse the transition; warnings are stored. */
async function checkHard(tx: Db, plan: PlanRecord): Promise<PlanProblem[]> {
  const checks = await checkStoredPlan(tx, plan, (code) => code);
  const postgis = checks.geometryProblems;
  if (postgis.length > 0) throw unprocessable(`the plan has ${postgis.length} problem(s) to fix first`, postgis);
  const v = checks.validate();
  const hard = v.problems.filter((p) => p.severity === 'error');
  if (hard.length > 0) {
    throw unprocessable(
      `the plan has ${hard.length} problem(s) to fix first`,
      hard.map((p) => ({
        kind: p.kind === 'multipart' ? 'multipart' : 'invalid_geometry',
        grids: p.grids,
        message: p.message,
        ...(p.location ? { location: p.location } : {}),
      })),
    );
  }
  await storeProblems(tx, plan, v);
  return v.problems;
}

/** Final serials for the plan's provisional codes, community by community in reading order. */
async function finalCodes(tx: Db, plan: PlanRecord): Promise<Map<string, string>> {
  const rows = await tx.query<{ code: string; community: string; g: string }>(
    `SELECT code, community_code AS community, ST_AsGeoJSON(geometry) AS g FROM grids WHERE district_code = $1 AND plan_id = $2 AND code LIKE '%N%'`,
    [plan.districtCode, plan.id],
  );
  const provisional = rows.rows.filter((r) => isProvisionalCode(r.code));
  const communities = [...new Set(provisional.map((r) => r.community))].sort();
  const issued = await tx.query<{ community: string; n: number }>(
    `SELECT left(code, 12) AS community, max(right(code, 3)::int) AS n FROM grid_codes
     WHERE district_code = $1 AND left(code, 12) = ANY($2::text[]) GROUP BY left(code, 12)`,
    [plan.districtCode, communities],
  );
  const last = new Map(issued.rows.map((r) => [r.community, r.n]));
  const codes = new Map<string, string>();
  for (const community of communities) {
    const order = readingOrder(
      provisional.filter((r) => r.community === community).map((r) => ({ key: r.code, geometry: JSON.parse(r.g) as Polygon })),
    );
    let n = last.get(community) ?? 0;
    for (const key of order) {
      n += 1;
      if (n > 999) throw new HttpError(422, 'unprocessable', `community ${community} has no unused grid serial left (999 issued)`);
      codes.set(key, `${community}${String(n).padStart(3, '0')}`);
    }
  }
  return codes;
}

async function approve(tx: Db, plan: PlanRecord, username: string): Promise<Map<string, string>> {
  const retiredHere = await tx.query<{ code: string }>(
    `SELECT g.code FROM grids g JOIN grid_codes c ON c.district_code = g.district_code AND c.code = g.code
     WHERE g.district_code = $1 AND g.plan_id = $2 AND c.retired_at IS NOT NULL ORDER BY g.code`,
    [plan.districtCode, plan.id],
  );
  if (retiredHere.rows.length > 0) {
    const list = retiredHere.rows.map((r) => r.code);
    throw new HttpError(
      409,
      'conflict',
      `grid code(s) ${list.join(', ')} were retired by another approved plan since this draft was made: return it to draft and redraw those grids`,
      {
        retired: list,
      } satisfies RetiredCodesConflictDetail,
    );
  }
  const codes = await finalCodes(tx, plan);
  const before = await tx.query<{ code: string }>(
    `SELECT code FROM current_grids WHERE district_code = $1 AND community_code LIKE $2 || '%'`,
    [plan.districtCode, plan.regionCode],
  );
  if (codes.size > 0) {
    await tx.query(
      `UPDATE grids g SET code = m.final FROM json_each_text($3::json) AS m(provisional, final)
       WHERE g.district_code = $1 AND g.plan_id = $2 AND g.code = m.provisional`,
      [plan.districtCode, plan.id, JSON.stringify(Object.fromEntries(codes))],
    );
    const finals = [...codes.values()];
    await tx.query(`INSERT INTO grid_codes (district_code, code, first_plan_id) SELECT $1, c, $2 FROM unnest($3::text[]) AS c`, [
      plan.districtCode,
      plan.id,
      finals,
    ]);
    // Lineage: which grids in force each new grid took area from (more than 1 m²).
    await tx.query(
      `INSERT INTO grid_code_lineage (district_code, code, parent_code, plan_id, shared_m2)
       SELECT n.district_code, n.code, o.code, $2, ST_Area(ST_Intersection(n.geometry, o.geometry)::geography)
       FROM grids n JOIN current_grids o ON o.district_code = n.district_code AND o.community_code = n.community_code AND o.geometry && n.geometry
       WHERE n.district_code = $1 AND n.plan_id = $2 AND n.code = ANY($3::text[])
         AND ST_Area(ST_Intersection(n.geometry, o.geometry)::geography) > 1`,
      [plan.districtCode, plan.id, finals],
    );
  }
  // The plan supersedes the approved plans of its region and of every region inside it.
  await tx.query(
    `UPDATE plans SET status = 'archived', archived_at = now(), status_note = $3
     WHERE district_code = $1 AND status = 'approved' AND region_code LIKE $2 || '%'`,
    [plan.districtCode, plan.regionCode, `superseded by plan ${plan.id}`],
  );
  const kept = await tx.query<{ code: string }>('SELECT code FROM grids WHERE district_code = $1 AND plan_id = $2', [
    plan.districtCode,
    plan.id,
  ]);
  const now = new Set(kept.rows.map((r) => r.code));
  const dropped = before.rows.map((r) => r.code).filter((c) => !now.has(c));
  await tx.query(
    `UPDATE grid_codes SET retired_at = now(), retired_plan_id = $2 WHERE district_code = $1 AND code = ANY($3::text[]) AND retired_at IS NULL`,
    [plan.districtCode, plan.id, dropped],
  );
  // The workers of split or merged grids are proposed for the grids that took their area, for a
  // planner to confirm (issue 18); those left without one are listed by the roster checks.
  await proposeAfterApproval(tx, plan.districtCode, plan.id);
  await tx.query(`UPDATE plans SET approved_at = now(), approved_by = $3 WHERE district_code = $1 AND id = $2`, [
    plan.districtCode,
    plan.id,
    username,
  ]);
  return codes;
}

export async function transitionPlan(db: Db, transition: Transition, input: TransitionInput): Promise<TransitionResult> {
  return db.transaction(async (tx) => {
    const found = await findPlan(tx, input.planId, input.jurisdictions, true);
    if (!found) throw notFound(`no plan with id ${input.planId}`);
    if (!found.visible) throw forbidden(`plan ${input.planId} is outside your jurisdiction`);
    if (!found.editable) throw forbidden(`plan ${input.planId} covers region ${found.regionCode}, beyond your jurisdiction`);
    const { visible: _v, editable: _e, ...plan } = found;
    if (!FROM[transition].includes(plan.status)) {
      throw new HttpError(
        409,
        'conflict',
        `plan ${plan.id} is ${plan.status}: only a ${FROM[transition].join(' or ')} plan can be ${transition === 'return' ? 'returned' : `${transition}d`}`,
        {
          status: plan.status,
        } satisfies PlanStatusConflictDetail,
      );
    }
    if (plan.version !== input.version) {
      throw new HttpError(
        409,
        'conflict',
        `plan ${plan.id} changed since version ${input.version}: it is now at version ${plan.version}; reload it`,
        {
          currentVersion: plan.version,
        } satisfies PlanVersionConflictDetail,
      );
    }
    let problems: PlanProblem[] | undefined;
    let codes: Map<string, string> | undefined;
    if (transition === 'submit' || transition === 'approve') problems = await checkHard(tx, plan);
    if (transition === 'approve') codes = await approve(tx, plan, input.username);
    const status = { submit: 'submitted', approve: 'approved', return: 'draft', archive: 'archived' }[transition];
    const updated = await tx.query<Parameters<typeof toPlan>[0]>(
      `UPDATE plans p SET status = $3, version = version + 1, updated_at = now(),
         submitted_at = CASE WHEN $3 = 'submitted' THEN now() ELSE submitted_at END,
         submitted_by = CASE WHEN $3 = 'submitted' THEN $4 ELSE submitted_by END,
         archived_at = CASE WHEN $3 = 'archived' THEN now() ELSE archived_at END,
         status_note = coalesce($5, CASE WHEN $3 = 'submitted' THEN NULL ELSE status_note END)
       WHERE district_code = $1 AND id = $2 RETURNING ${PLAN_COLUMNS}`,
      [plan.districtCode, plan.id, status, input.username, input.note ?? null],
    );
    return { plan: toPlan(updated.rows[0]!), ...(codes ? { codes: Object.fromEntries(codes) } : {}), ...(problems ? { problems } : {}) };
  });
}
