/**
 * Failed logins per key (a username, an address), in the database so API replicas agree.
 * Keys are stored hashed. The policy itself is `retryAfterSeconds()`.
 */
import type { Db } from '../db/db.types.js';
import { DEFAULT_THROTTLE, retryAfterSeconds } from './login-throttle.js';
import { hashToken } from './session-token.js';

export function throttleKeys(username: string, ip: string | null): string[] {
  const keys = [`user:${username.normalize('NFC').toLowerCase()}`];
  if (ip) keys.push(`ip:${ip}`);
  return keys.map(hashToken);
}

/** Seconds to wait before another attempt for any of the keys (0: go ahead). */
export async function loginRetryAfter(db: Db, keyHashes: string[]): Promise<number> {
  const r = await db.query<{ key: string; t: number }>(
    `SELECT key_hash AS key, extract(epoch FROM at)::float8 AS t FROM login_failures
     WHERE key_hash = ANY($1::text[]) AND at > now() - $2 * interval '1 second'`,
    [keyHashes, DEFAULT_THROTTLE.windowSeconds],
  );
  const now = await dbNow(db);
  let wait = 0;
  for (const key of keyHashes) {
    wait = Math.max(
      wait,
      retryAfterSeconds(
        r.rows.filter((row) => row.key === key).map((row) => row.t),
        now,
      ),
    );
  }
  return wait;
}

export async function recordLoginFailure(db: Db, keyHashes: string[]): Promise<void> {
  await db.query(`INSERT INTO login_failures (key_hash) SELECT unnest($1::text[])`, [keyHashes]);
  // Rows older than a day decide nothing any more.
  await db.query(`DELETE FROM login_failures WHERE at < now() - interval '1 day'`);
}

/** A success clears the username's failures (not the address's: one user must not unlock an address). */
export async function clearLoginFailures(db: Db, userKeyHash: string): Promise<void> {
  await db.query('DELETE FROM login_failures WHERE key_hash = $1', [userKeyHash]);
}

/** The database's clock, in epoch seconds: replicas with skewed clocks still agree. */
async function dbNow(db: Db): Promise<number> {
  const r = await db.query<{ t: number }>('SELECT extract(epoch FROM now())::float8 AS t');
  return r.rows[0]?.t ?? Date.now() / 1000;
}
