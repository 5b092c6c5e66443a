/**
 * Plans in the database: look one up with the caller's jurisdiction applied in SQL, create a
 * draft from another plan's grids (or the approved grids in force), and read a plan's grids
 * as a GeoJSON FeatureCollection built by PostgreSQL.
 */
import { insideJurisdiction, overlapsJurisdiction } from '../auth/jurisdiction.js';
import type { Db } from '../db/db.types.js';
import { featureCollection } from '../layers/feature-collection.sql.js';
import { storeProblems, validateStoredPlan } from './plan-validation.js';

export interface PlanRecord {
  id: number;
  districtCode: string;
  regionCode: string;
  name: string;
  status: 'draft' | 'submitted' | 'approved' | 'archived';
  author: string;
  createdAt: string;
  updatedAt: string;
  approvedAt: string | null;
  version: number;
  submittedAt: string | null;
  submittedBy: string | null;
  approvedBy: string | null;
  archivedAt: string | null;
  /** Why the plan was last sent back or archived, as its approver or author wrote it. */
  statusNote: string | null;
}

export interface PlanAccess extends PlanRecord {
  /** The plan's region overlaps the jurisdiction: it may be read (grids clipped to it). */
  visible: boolean;
  /** The plan's region lies inside the jurisdiction: all its grids are the caller's to edit. */
  editable: boolean;
}

export const PLAN_COLUMNS = `p.id, p.district_code AS "districtCode", p.region_code AS "regionCode", p.name, p.status, p.author,
  p.created_at AS "createdAt", p.updated_at AS "updatedAt", p.approved_at AS "approvedAt", p.version,
  p.submitted_at AS "submittedAt", p.submitted_by AS "submittedBy", p.approved_by AS "approvedBy", p.archived_at AS "archivedAt",
  p.status_note AS "statusNote"`;

type Stamp = 'createdAt' | 'updatedAt' | 'approvedAt' | 'submittedAt' | 'archivedAt';
type PlanRow = Omit<PlanRecord, Stamp> & {
  createdAt: Date;
  updatedAt: Date;
  approvedAt: Date | null;
  submittedAt: Date | null;
  archivedAt: Date | null;
};

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

export function toPlan<T extends PlanRow>(row: T): Omit<T, Stamp> & Pick<PlanRecord, Stamp> {
  return {
    ...row,
    districtCode: row.districtCode.trim(),
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
    approvedAt: iso(row.approvedAt),
    submittedAt: iso(row.submittedAt),
    archivedAt: iso(row.archivedAt),
  };
}

/** Plans whose region overlaps `regionCode` (the district's, the community's and the ones inside it), newest first. */
export async function listPlans(db: Db, districtCode: string, regionCode: string, jurisdictions: readonly string[]): Promise<PlanRecord[]> {
  const r = await db.query<PlanRow>(
    `SELECT ${PLAN_COLUMNS} FROM plans p
     WHERE p.district_code = $1 AND (p.region_code LIKE $2 || '%' OR $2 LIKE p.region_code || '%') AND ${overlapsJurisdiction('p.region_code', '$3')}
     ORDER BY p.updated_at DESC, p.id DESC LIMIT 200`,
    [districtCode, regionCode, jurisdictions],
  );
  return r.rows.map(toPlan);
}

/** The problems (warnings) stored with the plan by its last save or transition. */
export async function storedProblems(db: Db, plan: Pick<PlanRecord, 'id' | 'districtCode'>): Promise<unknown[]> {
  const r = await db.query<{ problems: unknown[] }>('SELECT problems FROM plans WHERE district_code = $1 AND id = $2', [
    plan.districtCode,
    plan.id,
  ]);
  return r.rows[0]?.problems ?? [];
}

/** The plan `id` (a decimal string) with the caller's access to it, or null when there is none. */
export async function findPlan(db: Db, id: string, jurisdictions: readonly string[], forUpdate = false): Promise<PlanAccess | null> {
  const r = await db.query<PlanRow & { visible: boolean; editable: boolean }>(
    `SELECT ${PLAN_COLUMNS}, ${overlapsJurisdiction('p.region_code', '$2')} AS visible, ${insideJurisdiction('p.region_code', '$2')} AS editable
     FROM plans p WHERE p.id = $1::bigint ORDER BY p.district_code LIMIT 1${forUpdate ? ' FOR UPDATE' : ''}`,
    [id, jurisdictions],
  );
  const row = r.rows[0];
  return row ? toPlan(row) : null;
}

/**
 * A new draft for `regionCode` holding a copy of the grids of `fromPlanId` inside the region,
 * or of the approved grids in force there. Runs in one transaction.
 */
export async function createDraft(
  db: Db,
  draft: { districtCode: string; regionCode: string; name: string; author: string; fromPlanId: number | null },
): Promise<PlanRecord & { grids: number }> {
  return db.transaction(async (tx) => {
    const created = await tx.query<PlanRow>(
      `INSERT INTO plans AS p (district_code, region_code, name, status, author) VALUES ($1, $2, $3, 'draft', $4)
       RETURNING ${PLAN_COLUMNS}`,
      [draft.districtCode, draft.regionCode, draft.name, draft.author],
    );
    const plan = toPlan(created.rows[0]!);
    const source = draft.fromPlanId === null ? 'current_grids' : 'grids';
    const copied = await tx.query<{ n: number }>(
      `WITH ins AS (
         INSERT INTO grids (district_code, plan_id, code, name, type, community_code, zone_code, geometry)
         SELECT g.district_code, $3, g.code, g.name, g.type, g.community_code, g.zone_code, g.geometry
         FROM ${source} g
         WHERE g.district_code = $1 AND g.community_code LIKE $2 || '%' AND ($4::bigint IS NULL OR g.plan_id = $4::bigint)
         RETURNING 1)
       SELECT count(*) AS n FROM ins`,
      [draft.districtCode, draft.regionCode, plan.id, draft.fromPlanId],
    );
    await tx.query(
      `INSERT INTO plan_revisions (district_code, plan_id, version, saved_by, added)
       SELECT $1, $2, 1, $3, coalesce(array_agg(code ORDER BY code), '{}') FROM grids WHERE district_code = $1 AND plan_id = $2`,
      [draft.districtCode, plan.id, draft.author],
    );
    // The copy's warnings (inherited gaps, over-cap grids…) show as soon as the draft opens.
    await storeProblems(tx, plan, await validateStoredPlan(tx, plan));
    return { ...plan, grids: copied.rows[0]?.n ?? 0 };
  });
}

/** The plan's grids inside the jurisdiction as FeatureCollection JSON text (id = numeric code). */
export function planGridsJson(db: Db, plan: Pick<PlanRecord, 'id' | 'districtCode'>, jurisdictions: readonly string[]): Promise<string> {
  return featureCollection(
    db,
    {
      id: 'row_number() OVER (ORDER BY g.code)',
      geometry: 'g.geometry',
      properties: `json_build_object('code', g.code, 'name', g.name, 'type', g.type, 'communityCode', g.community_code, 'zoneCode', g.zone_code)`,
      from: `FROM grids g WHERE g.district_code = $1 AND g.plan_id = $2 AND ${insideJurisdiction('g.community_code', '$3')}`,
      orderBy: 'g.code',
    },
    [plan.districtCode, plan.id, jurisdictions],
  );
}
