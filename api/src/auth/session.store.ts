/**
 * Sessions in the database (so any API replica can serve any request): created at login,
 * found per request, deleted at logout or when expired. Only SHA-256 hashes of the session
 * and CSRF tokens are stored.
 */
import type { Db } from '../db/db.types.js';
import { hashToken, newToken } from './session-token.js';
import { USER_COLUMNS, type SessionUser } from './session-user.js';

/** A session idle this long is over. */
export const SESSION_IDLE_SECONDS = 8 * 3600;
/** Any session is over this long after login, however busy. */
export const SESSION_ABSOLUTE_SECONDS = 24 * 3600;
/** `last_seen_at` is written at most this often, so reads do not turn into a write each. */
const TOUCH_EVERY_SECONDS = 60;

export interface NewSession {
  token: string;
  csrfToken: string;
}

export async function createSession(db: Db, userId: number): Promise<NewSession> {
  const token = newToken();
  const csrfToken = newToken();
  await db.query(
    `INSERT INTO sessions (token_hash, user_id, csrf_hash, expires_at)
     VALUES ($1, $2, $3, now() + $4 * interval '1 second')`,
    [hashToken(token), userId, hashToken(csrfToken), SESSION_ABSOLUTE_SECONDS],
  );
  return { token, csrfToken };
}

export type FoundSession = { state: 'active'; user: SessionUser; csrfHash: string } | { state: 'expired' } | { state: 'none' };

export async function findSession(db: Db, token: string): Promise<FoundSession> {
  const tokenHash = hashToken(token);
  const r = await db.query<SessionUser & { csrfHash: string; expired: boolean; stale: boolean }>(
    `SELECT ${USER_COLUMNS}, s.csrf_hash AS "csrfHash",
       (s.expires_at <= now() OR s.last_seen_at <= now() - $2 * interval '1 second') AS expired,
       (s.last_seen_at <= now() - $3 * interval '1 second') AS stale
     FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND NOT u.disabled`,
    [tokenHash, SESSION_IDLE_SECONDS, TOUCH_EVERY_SECONDS],
    { prepared: true }, // every request runs it
  );
  const row = r.rows[0];
  if (!row) return { state: 'none' };
  if (row.expired) {
    await deleteSession(db, token);
    return { state: 'expired' };
  }
  if (row.stale) await db.query('UPDATE sessions SET last_seen_at = now() WHERE token_hash = $1', [tokenHash]);
  const { csrfHash, expired: _e, stale: _s, ...user } = row;
  return { state: 'active', user, csrfHash };
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [hashToken(token)]);
}
