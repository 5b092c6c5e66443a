/**
 * Demo mode's users: one per default role, each with the whole demo district as
 * jurisdiction and one shared, announced password. Created once; an existing user (and a
 * password someone changed) is left alone.
 */
import type { Db } from '../db/db.types.js';
import { createUser } from './create-user.js';

export const DEFAULT_DEMO_PASSWORD = 'gridatlas-demo';

const DEMO_USERS = [
  { username: 'admin', displayName: '演示管理员', role: 'admin' },
  { username: 'planner', displayName: '演示规划员', role: 'planner' },
  { username: 'analyst', displayName: '演示分析员', role: 'analyst' },
  { username: 'leader', displayName: '演示领导', role: 'leader' },
  { username: 'worker', displayName: '演示网格员', role: 'worker' },
  { username: 'dispatcher', displayName: '演示调度员', role: 'dispatcher' },
] as const;

export const DEMO_USERNAMES: readonly string[] = DEMO_USERS.map((u) => u.username);

/** Returns the usernames created now (empty when all existed). */
export async function ensureDemoUsers(
  db: Db,
  districtCode: string,
  password: string,
  options: { hashParams?: { N: number; r: number; p: number } } = {},
): Promise<string[]> {
  const existing = await db.query<{ username: string }>('SELECT username FROM users WHERE username = ANY($1::text[])', [
    [...DEMO_USERNAMES],
  ]);
  // The demo worker is the staff member of the first grid, so the phone page has incidents to show.
  const firstGridStaff = await db.query<{ id: number }>(
    `SELECT staff_id::float8 AS id FROM staff_assignments WHERE district_code = $1 AND grid_code IS NOT NULL ORDER BY grid_code, staff_id LIMIT 1`,
    [districtCode],
  );
  const workerStaff = firstGridStaff.rows[0] ? { districtCode, id: firstGridStaff.rows[0].id } : undefined;
  const created: string[] = [];
  for (const u of DEMO_USERS) {
    if (existing.rows.some((r) => r.username === u.username)) continue;
    // The demo password is announced at start, so its length is not policed here.
    await createUser(
      db,
      {
        username: u.username,
        displayName: u.displayName,
        password,
        roles: [u.role],
        jurisdictions: [districtCode],
        ...(u.role === 'worker' && workerStaff ? { staff: workerStaff } : {}),
      },
      { minPasswordLength: 1, ...(options.hashParams ? { hashParams: options.hashParams } : {}) },
    );
    created.push(u.username);
  }
  return created;
}
