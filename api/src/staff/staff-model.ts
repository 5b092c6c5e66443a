/**
 * A district's staffing model (migration 0038): its roles, the unit each serves (grid, zone of
 * 2–3 grids, community), whether every grid needs it, and the per-worker limits (grids,
 * households) past which the roster flags an overload. 'n_plus_5' when the district names none.
 */
import type { Db } from '../db/db.types.js';

export type RoleScope = 'grid' | 'zone' | 'community';

export interface ModelRole {
  key: string;
  zh: string;
  en: string;
  scope: RoleScope;
  required: boolean;
  /** Grids one worker of the role may serve; null: no limit. */
  maxGrids: number | null;
  /** Households (in the grids served) one worker may carry; null: no limit. */
  maxHouseholds: number | null;
}

export interface StaffModel {
  key: string;
  zh: string;
  en: string;
  roles: ModelRole[];
}

/** A model as the model editor sees it: who owns it, its version and last editor. */
export interface StaffModelRecord extends StaffModel {
  /** The district that owns the copy; null for a built-in model (read-only in the app). */
  ownerDistrict: string | null;
  version: number;
  updatedBy: string | null;
  updatedAt: string;
}

export const DEFAULT_STAFF_MODEL = 'n_plus_5';

/** SQL of the district's model key, for `$n` the district code. */
export const modelKeySql = (param: string): string =>
  `coalesce((SELECT model_key FROM district_staff_models WHERE district_code = ${param}), '${DEFAULT_STAFF_MODEL}')`;

/** A model's names for a role: its own (a role renamed in it) or the shared ones (`staff_roles`). */
export const ROLE_NAME_COLUMNS = 'coalesce(mr.zh, r.zh) AS zh, coalesce(mr.en, r.en) AS en';

/**
 * `LEFT JOIN` of `mr`, the district's model's row for the role `roleSql` (`param` the district
 * code), beside `r` (`staff_roles`): with `coalesce(mr.zh, r.zh)` a list of people names each
 * role as the district's model does — renamed or shared.
 */
export const districtModelRoleJoin = (param: string, roleSql: string): string =>
  `LEFT JOIN staff_model_roles mr ON mr.model_key = ${modelKeySql(param)} AND mr.role = ${roleSql}`;

export async function staffModel(db: Db, districtCode: string): Promise<StaffModel> {
  const r = await db.query<{ mkey: string; mzh: string; men: string } & ModelRole>(
    `SELECT m.key AS mkey, m.zh AS mzh, m.en AS men, r.key, ${ROLE_NAME_COLUMNS}, mr.scope, mr.required,
            mr.max_grids AS "maxGrids", mr.max_households AS "maxHouseholds"
       FROM staff_models m
       JOIN staff_model_roles mr ON mr.model_key = m.key
       JOIN staff_roles r ON r.key = mr.role
      WHERE m.key = ${modelKeySql('$1')}
      ORDER BY mr.sort, r.key`,
    [districtCode],
  );
  const first = r.rows[0];
  if (!first) return { key: DEFAULT_STAFF_MODEL, zh: '', en: '', roles: [] };
  return {
    key: first.mkey,
    zh: first.mzh,
    en: first.men,
    roles: r.rows.map(({ key, zh, en, scope, required, maxGrids, maxHouseholds }) => ({
      key,
      zh,
      en,
      scope,
      required,
      maxGrids,
      maxHouseholds,
    })),
  };
}
