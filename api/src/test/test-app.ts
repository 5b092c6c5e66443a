/**
 * A seeded test database on one backend and the app over it, for route tests, with one test
 * user per default role (jurisdiction: the whole fixture district) and one `<role>-west` per
 * role whose jurisdiction is only the west community. `ctx.get` calls as `admin`;
 * `ctx.login(name)` gives a client with that user's session and CSRF cookies.
 */
import { afterAll, beforeAll } from 'vitest';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { createApp } from '../app.js';
import { createLogger } from '../log.js';
import { DEFAULT_ROLES } from '../auth/permissions.js';
import type { DbKind } from '../db/db.types.js';
import type { AppEnv } from '../http/app-env.js';
import { createUser } from '../users/create-user.js';
import { openTestDatabase, type TestDatabase } from './test-database.js';
import { TINY_COMMUNITY_WEST, TINY_DISTRICT_CODE } from './tiny-district.fixture.js';

export const TEST_PASSWORD = 'test-password-1';
/** scrypt at 2^10: the real cost (2^15) would only slow the tests down. */
export const FAST_HASH = { N: 2 ** 10, r: 8, p: 1 };
/** The request time limit of test apps and test servers (ms). */
export const TEST_REQUEST_TIMEOUT_MS = 120_000;
export const TEST_ROLES = DEFAULT_ROLES.map((r) => r.key);

export interface Reply<T> {
  status: number;
  body: T;
  headers: Headers;
}

export interface Client {
  cookie: string;
  csrf: string;
  request(path: string, init?: RequestInit): Promise<Response>;
  get<T = unknown>(path: string): Promise<Reply<T>>;
  /** POST JSON with the session's CSRF token. */
  post<T = unknown>(path: string, body?: unknown): Promise<Reply<T>>;
}

export interface TestApp {
  app: OpenAPIHono<AppEnv>;
  t: TestDatabase;
  /** GET a path as `admin`, expecting JSON back. */
  get<T = unknown>(path: string): Promise<Reply<T>>;
  login(username: string, password?: string): Promise<Client>;
  /** A client without a session. */
  anonymous: Client;
}

export async function createTestUsers(t: TestDatabase): Promise<void> {
  for (const role of TEST_ROLES) {
    for (const [suffix, jurisdiction] of [
      ['', TINY_DISTRICT_CODE],
      ['-west', TINY_COMMUNITY_WEST],
    ] as const) {
      await createUser(
        t.db,
        { username: `${role}${suffix}`, password: TEST_PASSWORD, roles: [role], jurisdictions: [jurisdiction] },
        { hashParams: FAST_HASH },
      );
    }
  }
}

async function reply<T>(res: Response): Promise<Reply<T>> {
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
}

export function clientOf(app: OpenAPIHono<AppEnv>, cookie: string, csrf: string): Client {
  const request = (path: string, init: RequestInit = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    if (cookie && !headers.has('cookie')) headers.set('cookie', cookie);
    return Promise.resolve(app.request(path, { ...init, headers }));
  };
  return {
    cookie,
    csrf,
    request,
    get: async <T>(path: string) => reply<T>(await request(path)),
    post: async <T>(path: string, body?: unknown) =>
      reply<T>(
        await request(path, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        }),
      ),
  };
}

/** Logs in through the API and keeps the cookies it set. */
export async function loginAs(app: OpenAPIHono<AppEnv>, username: string, password = TEST_PASSWORD): Promise<Client> {
  const res = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login as ${username} failed: ${res.status} ${await res.text()}`);
  const jar = new Map<string, string>();
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const [name, ...value] = (pair ?? '').split('=');
    jar.set(name!.trim(), value.join('='));
  }
  const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  return clientOf(app, cookie, jar.get('ga_csrf') ?? '');
}

/** Registers beforeAll/afterAll hooks; the returned object is filled in before the tests run. */
export function useTestApp(kind: DbKind): TestApp {
  const ctx = {} as TestApp;
  beforeAll(async () => {
    ctx.t = await openTestDatabase(kind, 'seeded');
    await createTestUsers(ctx.t);
    // A request time limit far above the default 8 s: route tests check answers, not speed, and
    // run on loaded machines; the limit itself is tested in http/time-limit.test.ts.
    ctx.app = createApp({
      db: ctx.t.db,
      requestTimeoutMs: TEST_REQUEST_TIMEOUT_MS,
      ...(process.env.GRIDATLAS_TEST_LOG ? { log: createLogger({ level: 'error' }) } : {}),
    });
    const admin = await loginAs(ctx.app, 'admin');
    ctx.get = (path) => admin.get(path);
    ctx.login = (username, password) => loginAs(ctx.app, username, password);
    ctx.anonymous = clientOf(ctx.app, '', '');
  });
  afterAll(() => ctx.t?.close());
  return ctx;
}
