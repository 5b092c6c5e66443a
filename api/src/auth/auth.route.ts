/**
 * `POST /api/auth/login`, `POST /api/auth/logout`, `GET /api/auth/me`.
 *
 * Login answers every wrong username or password with the same 401 and message, and spends
 * the same scrypt time on unknown usernames (the decoy hash), so it tells nobody which
 * usernames exist. Repeated failures per username or address are throttled (429 with
 * Retry-After). Successes, failures and logouts go to the audit log — never to the JSON log.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { getCookie } from 'hono/cookie';
import { auditRequest, writeAudit } from '../audit/audit.store.js';
import { forbidden, HttpError, unauthorized } from '../http/http-error.js';
import { createRouter } from '../http/router.js';
import { clearLoginFailures, loginRetryAfter, recordLoginFailure, throttleKeys } from './login-failures.store.js';
import { decoyHash, verifyPassword } from './password.js';
import { requireLogin } from './require-permission.js';
import { clearSessionCookies, setSessionCookies } from './session-cookies.js';
import { loadUserById, publicUser } from './session-user.js';
import { createSession, deleteSession } from './session.store.js';
import { SESSION_COOKIE } from './session-token.js';
import { LoginBody, UserResponseSchema } from './auth.schemas.js';

const WRONG_CREDENTIALS = 'wrong username or password';
const userResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: UserResponseSchema } },
});

export function authApp(options: { trustProxy: boolean }) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/login',
        tags: ['auth'],
        summary: 'Log in: sets the ga_session (httpOnly) and ga_csrf cookies',
        security: [],
        request: { body: { required: true, content: { 'application/json': { schema: LoginBody } } } },
        responses: {
          200: userResponse('logged in'),
          401: { description: 'wrong username or password (one message for both)' },
          429: { description: 'too many failed attempts; Retry-After says how many seconds to wait' },
        },
      }),
      async (c) => {
        checkOrigin(c.req.header('origin'), c.req.header('sec-fetch-site'), c.req.url);
        const { username, password } = c.req.valid('json');
        const db = c.var.db;
        const keys = throttleKeys(username, c.var.ip);
        const wait = await loginRetryAfter(db, keys);
        if (wait > 0) {
          await writeAudit(db, { userId: null, action: 'auth.login.throttled', target: null, detail: { username }, ip: c.var.ip });
          c.header('Retry-After', String(wait));
          const at = new Date(Date.now() + wait * 1000).toISOString().slice(11, 19);
          throw new HttpError(429, 'too_many_requests', `too many failed logins: try again in ${wait} seconds (after ${at} UTC)`, {
            retryAfterSeconds: wait,
          });
        }
        const found = await db.query<{ id: number; hash: string }>(
          'SELECT id, password_hash AS hash FROM users WHERE username = $1 AND NOT disabled',
          [username],
        );
        const row = found.rows[0];
        // The same scrypt work whether or not the user exists.
        const ok = await verifyPassword(password, row?.hash ?? (await decoyHash()));
        if (!row || !ok) {
          await recordLoginFailure(db, keys);
          await writeAudit(db, { userId: row?.id ?? null, action: 'auth.login.failure', target: null, detail: { username }, ip: c.var.ip });
          throw unauthorized(WRONG_CREDENTIALS);
        }
        const user = await loadUserById(db, row.id);
        if (!user) throw unauthorized(WRONG_CREDENTIALS);
        await clearLoginFailures(db, keys[0]!);
        setSessionCookies(c, await createSession(db, user.id), options.trustProxy);
        c.set('user', user);
        await auditRequest(c, 'auth.login.success', null);
        return c.json({ user: publicUser(user) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/logout',
        tags: ['auth'],
        summary: 'Log out: deletes the session (needs X-CSRF-Token)',
        middleware: [requireLogin()],
        responses: { 200: { description: 'logged out', content: { 'application/json': { schema: z.object({ ok: z.literal(true) }) } } } },
      }),
      async (c) => {
        const token = getCookie(c, SESSION_COOKIE);
        if (token) await deleteSession(c.var.db, token);
        await auditRequest(c, 'auth.logout', null);
        clearSessionCookies(c, options.trustProxy);
        return c.json({ ok: true as const }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/me',
        tags: ['auth'],
        summary: 'The logged-in user with roles, permissions and jurisdictions',
        middleware: [requireLogin()],
        responses: { 200: userResponse('the session user') },
      }),
      (c) => c.json({ user: publicUser(c.var.user!) }, 200),
    );
}

/**
 * Login has no session to carry a CSRF token yet: a browser's cross-site POST is refused by
 * its Origin (or Sec-Fetch-Site). Clients that send neither (curl, scripts) are not browsers.
 */
function checkOrigin(origin: string | undefined, fetchSite: string | undefined, url: string): void {
  if (fetchSite === 'cross-site') throw forbidden('cross-site login refused');
  if (origin === undefined) return;
  if (origin === 'null' || new URL(url).host !== safeHost(origin)) throw forbidden('login from another origin refused');
}

function safeHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
