/** Per-route guard: 401 when nobody is logged in, 403 naming the permission when it is lacking. */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { forbidden, unauthorized } from '../http/http-error.js';
import type { Permission } from './permissions.js';

export function requireLogin(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!c.var.user) throw unauthorized('login required');
    await next();
  };
}

export function requirePermission(permission: Permission): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.var.user;
    if (!user) throw unauthorized('login required');
    if (!user.permissions.includes(permission)) throw forbidden(`this needs the permission "${permission}"`);
    await next();
  };
}

/** The same for routes any one of several permissions opens (a 403 naming them all). */
export function requireAnyPermission(...permissions: Permission[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.var.user;
    if (!user) throw unauthorized('login required');
    if (!permissions.some((p) => user.permissions.includes(p))) {
      throw forbidden(`this needs one of the permissions ${permissions.map((p) => `"${p}"`).join(', ')}`);
    }
    await next();
  };
}
