/**
 * Loads the session user once per request into `c.var.user` (null when anonymous) and
 * enforces CSRF on writes: a POST/PUT/PATCH/DELETE carrying a session must echo the
 * `ga_csrf` cookie in `X-CSRF-Token`, matching the hash stored with the session. Login is
 * exempt (it has no session yet; SameSite and the Origin check protect it).
 */
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from '../http/app-env.js';
import { forbidden, unauthorized } from '../http/http-error.js';
import { clearSessionCookies } from './session-cookies.js';
import { findSession } from './session.store.js';
import { CSRF_HEADER, SESSION_COOKIE, hashToken, sameToken } from './session-token.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const LOGIN_PATH = '/api/auth/login';

export function sessionMiddleware(options: { trustProxy: boolean }): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('user', null);
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      const found = await findSession(c.var.db, token);
      if (found.state === 'expired') {
        // Cookies set before the throw stay on the error response, so the browser forgets them.
        clearSessionCookies(c, options.trustProxy);
        // Logging in again is exactly what an expired session should do.
        if (c.req.path !== LOGIN_PATH) throw unauthorized('your session has expired: log in again');
      }
      if (found.state === 'active') {
        if (UNSAFE.has(c.req.method) && c.req.path !== LOGIN_PATH) {
          const sent = c.req.header(CSRF_HEADER) ?? '';
          if (!sent || !sameToken(hashToken(sent), found.csrfHash)) {
            throw forbidden('missing or wrong X-CSRF-Token header: send the value of the ga_csrf cookie');
          }
        }
        c.set('user', found.user);
      }
    }
    await next();
  };
}
