/**
 * Session and CSRF tokens. The browser holds the raw session token in an httpOnly cookie;
 * the database keeps only its SHA-256, so a leaked sessions table opens no session.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'ga_session';
export const CSRF_COOKIE = 'ga_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** 256 random bits, base64url. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Constant-time comparison of two tokens of any length. */
export function sameToken(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}
