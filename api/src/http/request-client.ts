/**
 * The key one client's requests share in the embedded database's turns (db/statement-turns.ts):
 * its session, else its address. A short hash, so neither the session token nor the address is
 * kept in the queue; collisions only make two clients share a place in the round robin.
 */
import { createHash } from 'node:crypto';

export function requestClient(sessionToken: string | undefined, ip: string | null): string {
  const source = sessionToken ? `s:${sessionToken}` : `a:${ip ?? ''}`;
  return createHash('sha256').update(source).digest('base64url').slice(0, 16);
}
