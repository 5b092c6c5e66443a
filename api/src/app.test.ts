import { describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import type { Db } from './db/db.types.js';

/** A database that fails every query the way a driver does: with SQL in the message. */
const brokenDb: Db = {
  kind: 'postgresql',
  query: () => Promise.reject(Object.assign(new Error('relation "regions" does not exist: SELECT code FROM regions'), { code: '42P01' })),
  exec: () => Promise.reject(new Error('no')),
  transaction: () => Promise.reject(new Error('no')),
  close: async () => undefined,
};

describe('app', () => {
  const app = createApp({ db: brokenDb });

  it('answers an unexpected error with a bare 500: no stack, no SQL', async () => {
    const res = await app.request('/api/health');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: 'internal error' } });
    expect(text).not.toMatch(/SELECT|regions|at /);
  });

  it('answers an unknown endpoint with a 404 body', async () => {
    const res = await app.request('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'no such endpoint: GET /api/nothing-here' } });
  });

  it('sets security headers that still allow the map', async () => {
    const res = await app.request('/api/nothing-here');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("worker-src blob: 'self'");
    expect(csp).toContain("img-src 'self' data: blob:");
    expect(csp).toContain("connect-src 'self'");
    // Tianditu basemaps: its tile hosts and nothing else from outside.
    expect(csp).toMatch(/img-src [^;]*https:\/\/\*\.tianditu\.gov\.cn/);
    expect(csp).toMatch(/connect-src 'self' https:\/\/\*\.tianditu\.gov\.cn;/);
  });
});
