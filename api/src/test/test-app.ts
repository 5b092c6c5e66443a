/** A seeded test database on one backend and the app over it, for route tests. */
import { afterAll, beforeAll } from 'vitest';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { createApp } from '../app.js';
import type { DbKind } from '../db/db.types.js';
import type { AppEnv } from '../http/app-env.js';
import { openTestDatabase, type TestDatabase } from './test-database.js';

export interface TestApp {
  app: OpenAPIHono<AppEnv>;
  t: TestDatabase;
  /** GET a path, expecting JSON back. */
  get<T = unknown>(path: string): Promise<{ status: number; body: T; headers: Headers }>;
}

/** Registers beforeAll/afterAll hooks; the returned object is filled in before the tests run. */
export function useTestApp(kind: DbKind): TestApp {
  const ctx = {} as TestApp;
  beforeAll(async () => {
    ctx.t = await openTestDatabase(kind, 'seeded');
    ctx.app = createApp({ db: ctx.t.db });
    ctx.get = async <T>(path: string) => {
      const res = await ctx.app.request(path);
      return { status: res.status, body: (await res.json()) as T, headers: res.headers };
    };
  });
  afterAll(() => ctx.t?.close());
  return ctx;
}
