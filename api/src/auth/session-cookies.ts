/**
 * The two cookies of a session: `ga_session` (httpOnly: scripts never see it) and
 * `ga_csrf` (readable by our own scripts, echoed in `X-CSRF-Token` on every write: the
 * double-submit pattern). Both SameSite=Strict, Path=/, Secure when the request came over
 * https, and no longer-lived than the session's absolute limit.
 */
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { SESSION_ABSOLUTE_SECONDS, type NewSession } from './session.store.js';
import { CSRF_COOKIE, SESSION_COOKIE } from './session-token.js';

function isHttps(c: Context, trustProxy: boolean): boolean {
  if (trustProxy && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https') return true;
  return new URL(c.req.url).protocol === 'https:';
}

export function setSessionCookies(c: Context, session: NewSession, trustProxy: boolean): void {
  const base = { path: '/', sameSite: 'Strict', secure: isHttps(c, trustProxy), maxAge: SESSION_ABSOLUTE_SECONDS } as const;
  setCookie(c, SESSION_COOKIE, session.token, { ...base, httpOnly: true });
  setCookie(c, CSRF_COOKIE, session.csrfToken, { ...base, httpOnly: false });
}

export function clearSessionCookies(c: Context, trustProxy: boolean): void {
  const base = { path: '/', sameSite: 'Strict', secure: isHttps(c, trustProxy) } as const;
  deleteCookie(c, SESSION_COOKIE, { ...base, httpOnly: true });
  deleteCookie(c, CSRF_COOKIE, base);
}
