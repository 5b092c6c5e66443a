/**
 * The logged-in user as routes see it: roles, the union of their permissions (roles are
 * data, read from the `roles` table) and the jurisdictions (region subtree codes).
 */
import type { Db } from '../db/db.types.js';

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  roles: string[];
  permissions: string[];
  jurisdictions: string[];
}

/** SQL columns for a `users u` row: roles, permissions and jurisdictions as JSON arrays. */
export const USER_COLUMNS = `u.id, u.username, u.display_name AS "displayName",
  coalesce((SELECT json_agg(ur.role_key ORDER BY ur.role_key) FROM user_roles ur WHERE ur.user_id = u.id), '[]'::json) AS roles,
  coalesce((SELECT json_agg(DISTINCT p.value ORDER BY p.value)
    FROM user_roles ur JOIN roles r ON r.key = ur.role_key, jsonb_array_elements_text(r.permissions) p
    WHERE ur.user_id = u.id), '[]'::json) AS permissions,
  coalesce((SELECT json_agg(j.region_code ORDER BY j.region_code) FROM jurisdictions j WHERE j.user_id = u.id), '[]'::json) AS jurisdictions`;

export function publicUser(user: SessionUser): Omit<SessionUser, 'id'> {
  const { id: _id, ...rest } = user;
  return rest;
}

export async function loadUserById(db: Db, id: number): Promise<SessionUser | null> {
  const r = await db.query<SessionUser>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1 AND NOT u.disabled`, [id]);
  return r.rows[0] ?? null;
}
