/**
 * Every write through the API leaves an audit row (method, path, status), whatever route
 * handles it — a route added later cannot forget. Routes that audit themselves with a
 * richer entry (login, logout) are listed in `skip`.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { auditRequest } from './audit.store.js';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function auditWrites(skip: readonly string[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    if (!WRITES.has(c.req.method) || skip.includes(c.req.path) || !c.var.user) return;
    await auditRequest(c, 'http.write', c.req.path, { method: c.req.method, status: c.res.status });
  };
}
