/**
 * Creating a user with roles and jurisdictions, for `gridatlas user add` and demo mode.
 * The default roles are inserted first when missing (a database that was never seeded has
 * none), so a first administrator can be created before any district is loaded.
 */
import { hashPassword } from '../auth/password.js';
import { DEFAULT_ROLES } from '../auth/permissions.js';
import type { Db } from '../db/db.types.js';
import { JURISDICTION_CODE } from '../regions/region-scope.js';

export const MIN_PASSWORD_LENGTH = 10;
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/;

export interface NewUser {
  username: string;
  displayName?: string;
  password: string;
  roles: readonly string[];
  jurisdictions: readonly string[];
  /** The staff member this user is (a grid worker), for "my incidents" (issue 18). */
  staff?: { districtCode: string; id: number };
}

export class UserInputError extends Error {}

export async function ensureDefaultRoles(db: Db): Promise<void> {
  await db.query(
    `INSERT INTO roles (key, zh, en, permissions)
     SELECT r.key, r.zh, r.en, r.permissions FROM json_to_recordset($1::json) AS r(key text, zh text, en text, permissions jsonb)
     ON CONFLICT (key) DO NOTHING`,
    [JSON.stringify(DEFAULT_ROLES)],
  );
}

/**
 * Checks and inserts one user; `hashParams` only for tests (fast scrypt). Rejects a taken
 * username, an unknown role, a malformed region code and a password under 10 characters.
 */
export async function createUser(
  db: Db,
  user: NewUser,
  options: { hashParams?: { N: number; r: number; p: number }; minPasswordLength?: number } = {},
): Promise<{ id: number }> {
  if (!USERNAME.test(user.username)) {
    throw new UserInputError('a username is 2–64 letters, digits, ".", "_" or "-", starting with a letter or digit');
  }
  const min = options.minPasswordLength ?? MIN_PASSWORD_LENGTH;
  if (user.password.length < min) throw new UserInputError(`the password must have at least ${min} characters`);
  if (user.roles.length === 0) throw new UserInputError('give the user at least one role');
  if (user.jurisdictions.length === 0) throw new UserInputError('give the user at least one jurisdiction (a region code)');
  for (const code of user.jurisdictions) {
    if (!JURISDICTION_CODE.test(code))
      throw new UserInputError(`"${code}" is not a jurisdiction: a region code of 6, 9 or 12 digits, or a city's 4 or a province's 2`);
  }
  const hash = await hashPassword(user.password, ...(options.hashParams ? [options.hashParams] : []));
  return db.transaction(async (tx) => {
    await ensureDefaultRoles(tx);
    const known = await tx.query<{ key: string }>('SELECT key FROM roles WHERE key = ANY($1::text[])', [[...user.roles]]);
    const unknown = user.roles.filter((r) => !known.rows.some((k) => k.key === r));
    if (unknown.length > 0) {
      const all = await tx.query<{ key: string }>('SELECT key FROM roles ORDER BY key');
      throw new UserInputError(`unknown role "${unknown.join('", "')}": roles are ${all.rows.map((r) => r.key).join(', ')}`);
    }
    if (user.staff) {
      const staff = await tx.query('SELECT 1 FROM staff WHERE district_code = $1 AND id = $2', [user.staff.districtCode, user.staff.id]);
      if (staff.rows.length === 0) throw new UserInputError(`district ${user.staff.districtCode} has no staff member ${user.staff.id}`);
    }
    const taken = await tx.query('SELECT 1 FROM users WHERE username = $1', [user.username]);
    if (taken.rows.length > 0) throw new UserInputError(`the username "${user.username}" is taken`);
    const inserted = await tx.query<{ id: number }>(
      'INSERT INTO users (username, password_hash, display_name, staff_district_code, staff_id) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [user.username, hash, user.displayName ?? user.username, user.staff?.districtCode ?? null, user.staff?.id ?? null],
    );
    const id = inserted.rows[0]!.id;
    await tx.query('INSERT INTO user_roles (user_id, role_key) SELECT $1, unnest($2::text[])', [id, [...new Set(user.roles)]]);
    await tx.query('INSERT INTO jurisdictions (user_id, region_code) SELECT $1, unnest($2::text[])', [
      id,
      [...new Set(user.jurisdictions)],
    ]);
    return { id };
  });
}
