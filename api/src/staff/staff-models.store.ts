/**
 * Staffing models edited in the app (issue 18, migration 0046). Built-in models (no owner) are
 * read-only; a district admin copies one into their district and edits the copy: roles added,
 * renamed (the model's own names; `staff_roles` keeps the shared ones), limits changed, made
 * optional. Every write runs inside the caller's transaction; the vacancy and overload checks
 * read `staff_model_roles` of the chosen model, so they follow an edit at once.
 *
 * A role that workers hold (an assignment of an active worker in a district using the model)
 * is never removed nor given another scope, and a district never switches to a model lacking a
 * role its workers hold: the 409 says how many hold it.
 */
import type { Db } from '../db/db.types.js';
import { HttpError, forbidden, notFound } from '../http/http-error.js';
import {
  DEFAULT_STAFF_MODEL,
  ROLE_NAME_COLUMNS,
  modelKeySql,
  type ModelRole,
  type RoleScope,
  type StaffModelRecord,
} from './staff-model.js';

/** A role as an edit sends it: the same fields as a model's role. */
export type ModelRoleInput = ModelRole;

export interface ModelEdit {
  version: number;
  zh: string;
  en: string;
  roles: ModelRoleInput[];
}

export interface DistrictModels {
  /** The model the district uses ('n_plus_5' when it names none). */
  chosen: string;
  /** Built-in models and the district's own copies, with their roles. */
  models: StaffModelRecord[];
  /** Per role key: active workers of the district holding it (they pin the role in its model). */
  holders: Record<string, number>;
}

const conflict = (message: string, details?: Record<string, unknown>) => new HttpError(409, 'conflict', message, details);

/** The models a district sees: built-in and its own, roles in their order. */
export async function listModels(db: Db, districtCode: string): Promise<DistrictModels> {
  const r = await db.query<
    {
      mkey: string;
      mzh: string;
      men: string;
      owner: string | null;
      version: number;
      updatedBy: string | null;
      updatedAt: string;
    } & Partial<ModelRole>
  >(
    `SELECT m.key AS mkey, m.zh AS mzh, m.en AS men, m.owner_district AS owner, m.version, m.updated_by AS "updatedBy",
            to_char(m.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "updatedAt",
            r.key, ${ROLE_NAME_COLUMNS}, mr.scope, mr.required, mr.max_grids AS "maxGrids", mr.max_households AS "maxHouseholds"
       FROM staff_models m
       LEFT JOIN staff_model_roles mr ON mr.model_key = m.key
       LEFT JOIN staff_roles r ON r.key = mr.role
      WHERE m.owner_district IS NULL OR m.owner_district = $1
      ORDER BY m.owner_district NULLS FIRST, m.key, mr.sort, r.key`,
    [districtCode],
  );
  const models = new Map<string, StaffModelRecord>();
  for (const row of r.rows) {
    let m = models.get(row.mkey);
    if (!m) {
      m = {
        key: row.mkey,
        zh: row.mzh,
        en: row.men,
        ownerDistrict: row.owner?.trim() ?? null,
        version: row.version,
        updatedBy: row.updatedBy,
        updatedAt: row.updatedAt,
        roles: [],
      };
      models.set(row.mkey, m);
    }
    if (row.key)
      m.roles.push({
        key: row.key,
        zh: row.zh!,
        en: row.en!,
        scope: row.scope!,
        required: row.required!,
        maxGrids: row.maxGrids ?? null,
        maxHouseholds: row.maxHouseholds ?? null,
      });
  }
  const chosen = await db.query<{ key: string }>(`SELECT ${modelKeySql('$1')} AS key`, [districtCode]);
  return {
    chosen: chosen.rows[0]?.key ?? DEFAULT_STAFF_MODEL,
    models: [...models.values()],
    holders: await holdersByRole(db, [districtCode]),
  };
}

/** Active workers per role in the given districts. */
async function holdersByRole(db: Db, districts: readonly string[]): Promise<Record<string, number>> {
  if (districts.length === 0) return {};
  const r = await db.query<{ role: string; n: number }>(
    `SELECT a.role, count(DISTINCT (a.district_code, a.staff_id))::int AS n
       FROM staff_assignments a JOIN staff s ON s.district_code = a.district_code AND s.id = a.staff_id AND s.active
      WHERE a.district_code = ANY($1::text[])
      GROUP BY a.role`,
    [districts],
  );
  return Object.fromEntries(r.rows.map((x) => [x.role, x.n]));
}

async function lockModel(tx: Db, districtCode: string, key: string) {
  const r = await tx.query<{ owner: string | null; version: number; updatedBy: string | null; updatedAt: string }>(
    `SELECT owner_district AS owner, version, updated_by AS "updatedBy",
            to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "updatedAt"
       FROM staff_models WHERE key = $1 FOR UPDATE`,
    [key],
  );
  const m = r.rows[0];
  const owner = m?.owner?.trim() ?? null;
  if (!m || (owner !== null && owner !== districtCode)) throw notFound(`no staffing model ${key} in district ${districtCode}`);
  return { ...m, owner };
}

/** Copies a model (built-in or the district's own) as the district's `key`; answers the copy. */
export async function copyModel(
  tx: Db,
  districtCode: string,
  from: string,
  copy: { key: string; zh: string; en: string },
  username: string,
): Promise<void> {
  await lockModel(tx, districtCode, from);
  const taken = await tx.query('SELECT 1 FROM staff_models WHERE key = $1', [copy.key]);
  if (taken.rows[0]) throw conflict(`a staffing model ${copy.key} exists already: choose another key`, { key: copy.key });
  await tx.query(`INSERT INTO staff_models (key, zh, en, owner_district, updated_by) VALUES ($1, $2, $3, $4, $5)`, [
    copy.key,
    copy.zh,
    copy.en,
    districtCode,
    username,
  ]);
  await tx.query(
    `INSERT INTO staff_model_roles (model_key, role, scope, required, max_grids, max_households, sort, zh, en)
     SELECT $1, role, scope, required, max_grids, max_households, sort, zh, en FROM staff_model_roles WHERE model_key = $2`,
    [copy.key, from],
  );
}

export interface ModelChange {
  added: string[];
  removed: string[];
  changed: string[];
}

/** Replaces a district-owned model's names and roles, checking its version; answers what changed. */
export async function editModel(tx: Db, districtCode: string, key: string, edit: ModelEdit, username: string): Promise<ModelChange> {
  const m = await lockModel(tx, districtCode, key);
  if (m.owner === null)
    throw forbidden(
      `${key} is a built-in staffing model, the same for every district: copy it into district ${districtCode} and edit the copy`,
    );
  if (m.version !== edit.version)
    throw conflict(
      `${m.updatedBy ?? 'someone'} changed staffing model ${key} at ${m.updatedAt} after you opened it (version ${m.version}, yours ${edit.version}): reload it, then make your change again`,
      { currentVersion: m.version, yourVersion: edit.version, updatedBy: m.updatedBy, updatedAt: m.updatedAt },
    );
  const before = await tx.query<{
    role: string;
    scope: RoleScope;
    required: boolean;
    maxGrids: number | null;
    maxHouseholds: number | null;
    zh: string;
    en: string;
  }>(
    `SELECT mr.role, mr.scope, mr.required, mr.max_grids AS "maxGrids", mr.max_households AS "maxHouseholds", ${ROLE_NAME_COLUMNS}
       FROM staff_model_roles mr JOIN staff_roles r ON r.key = mr.role WHERE mr.model_key = $1`,
    [key],
  );
  const old = new Map(before.rows.map((r) => [r.role, r]));
  const next = new Map(edit.roles.map((r) => [r.key, r]));
  const removed = [...old.keys()].filter((k) => !next.has(k));
  const rescoped = edit.roles.filter((r) => old.has(r.key) && old.get(r.key)!.scope !== r.scope).map((r) => r.key);
  const users = await tx.query<{ district: string }>(`SELECT district_code AS district FROM district_staff_models WHERE model_key = $1`, [
    key,
  ]);
  const holders = await holdersByRole(
    tx,
    users.rows.map((u) => u.district.trim()),
  );
  const pinned = [...removed.map((k) => ({ k, why: 'remove' })), ...rescoped.map((k) => ({ k, why: 'rescope' }))].filter(
    ({ k }) => (holders[k] ?? 0) > 0,
  );
  if (pinned.length > 0) {
    const list = pinned.map(({ k, why }) => {
      const name = old.get(k)?.zh ?? k;
      return `${name} (${k}) is held by ${holders[k]} worker(s): ${why === 'remove' ? 'it cannot be removed' : 'its scope cannot change'} until they are reassigned`;
    });
    throw conflict(list.join('; '), { held: Object.fromEntries(pinned.map(({ k }) => [k, holders[k]])) });
  }
  // A new role key joins the shared list under the names given; an existing one keeps its
  // shared names and the model stores its own only when they differ (a rename in this model).
  const shared = await tx.query<{ key: string; zh: string; en: string }>(
    `SELECT key, zh, en FROM staff_roles WHERE key = ANY($1::text[])`,
    [edit.roles.map((r) => r.key)],
  );
  const sharedOf = new Map(shared.rows.map((r) => [r.key, r]));
  const fresh = edit.roles.filter((r) => !sharedOf.has(r.key));
  if (fresh.length > 0)
    await tx.query(
      `INSERT INTO staff_roles (key, zh, en, sort)
       SELECT x.key, x.zh, x.en, 100 + x.n FROM json_to_recordset($1::json) AS x(key text, zh text, en text, n int)
       ON CONFLICT (key) DO NOTHING`,
      [JSON.stringify(fresh.map((r, n) => ({ key: r.key, zh: r.zh, en: r.en, n })))],
    );
  await tx.query('DELETE FROM staff_model_roles WHERE model_key = $1', [key]);
  await tx.query(
    `INSERT INTO staff_model_roles (model_key, role, scope, required, max_grids, max_households, sort, zh, en)
     SELECT $1, x.key, x.scope, x.required, x.max_grids, x.max_households, x.sort, x.zh, x.en
     FROM json_to_recordset($2::json) AS x(key text, scope text, required boolean, max_grids int, max_households int, sort int, zh text, en text)`,
    [
      key,
      JSON.stringify(
        edit.roles.map((r, sort) => {
          const s = sharedOf.get(r.key);
          return {
            key: r.key,
            scope: r.scope,
            required: r.required,
            max_grids: r.maxGrids,
            max_households: r.maxHouseholds,
            sort,
            zh: s && s.zh === r.zh ? null : r.zh,
            en: s && s.en === r.en ? null : r.en,
          };
        }),
      ),
    ],
  );
  await tx.query(`UPDATE staff_models SET zh = $2, en = $3, version = version + 1, updated_by = $4, updated_at = now() WHERE key = $1`, [
    key,
    edit.zh,
    edit.en,
    username,
  ]);
  const changed = edit.roles
    .filter((r) => {
      const o = old.get(r.key);
      return (
        o &&
        (o.scope !== r.scope ||
          o.required !== r.required ||
          o.maxGrids !== r.maxGrids ||
          o.maxHouseholds !== r.maxHouseholds ||
          o.zh !== r.zh ||
          o.en !== r.en)
      );
    })
    .map((r) => r.key);
  return { added: edit.roles.filter((r) => !old.has(r.key)).map((r) => r.key), removed, changed };
}

/** Makes `key` the district's model; refused while its workers hold a role the model lacks. */
export async function chooseModel(tx: Db, districtCode: string, key: string, username: string): Promise<{ from: string }> {
  await lockModel(tx, districtCode, key);
  const from = await tx.query<{ key: string }>(`SELECT ${modelKeySql('$1')} AS key`, [districtCode]);
  const roles = await tx.query<{ role: string; scope: RoleScope }>('SELECT role, scope FROM staff_model_roles WHERE model_key = $1', [key]);
  const scopeOf = new Map(roles.rows.map((r) => [r.role, r.scope]));
  const held = await tx.query<{ role: string; scopes: string[]; n: number }>(
    `SELECT a.role, array_agg(DISTINCT CASE WHEN a.grid_code IS NOT NULL THEN 'grid' WHEN a.zone_code IS NOT NULL THEN 'zone' ELSE 'community' END) AS scopes,
            count(DISTINCT a.staff_id)::int AS n
       FROM staff_assignments a JOIN staff s ON s.district_code = a.district_code AND s.id = a.staff_id AND s.active
      WHERE a.district_code = $1 GROUP BY a.role ORDER BY a.role`,
    [districtCode],
  );
  const misfits = held.rows.filter((h) => !scopeOf.has(h.role) || h.scopes.some((s) => s !== scopeOf.get(h.role)));
  if (misfits.length > 0)
    throw conflict(
      `model ${key} ${misfits
        .map((h) =>
          scopeOf.has(h.role)
            ? `gives ${h.role} another scope than the ${h.n} worker(s) holding it serve`
            : `lacks ${h.role}, held by ${h.n} worker(s)`,
        )
        .join('; ')}: reassign them, or add the role to the model first`,
      { held: Object.fromEntries(misfits.map((h) => [h.role, h.n])) },
    );
  await tx.query(
    `INSERT INTO district_staff_models (district_code, model_key, updated_by) VALUES ($1, $2, $3)
     ON CONFLICT (district_code) DO UPDATE SET model_key = EXCLUDED.model_key, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [districtCode, key, username],
  );
  return { from: from.rows[0]?.key ?? DEFAULT_STAFF_MODEL };
}
