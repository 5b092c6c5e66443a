import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../test/test-database.js';
import { TEST_PASSWORD, useTestApp } from '../test/test-app.js';

type Err = { error: { code: string; message: string } };

describe.each(BACKENDS)('auth routes on %s', (kind) => {
  const ctx = useTestApp(kind);
  const login = (username: string, password: string, headers: Record<string, string> = {}) =>
    ctx.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ username, password }),
    });

  it('logs in with httpOnly, SameSite=Strict session cookies and returns the user', async () => {
    const res = await login('analyst', TEST_PASSWORD);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      user: {
        username: 'analyst',
        displayName: 'analyst',
        roles: ['analyst'],
        permissions: expect.arrayContaining(['map.read', 'special_groups.aggregate']),
        jurisdictions: ['610198'],
      },
    });
    const [session, csrf] = ['ga_session', 'ga_csrf'].map((n) => res.headers.getSetCookie().find((c) => c.startsWith(`${n}=`)) ?? '');
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Strict/);
    expect(session).toMatch(/Path=\//);
    expect(session).not.toMatch(/Secure/);
    expect(csrf).not.toMatch(/HttpOnly/);
    expect(csrf).toMatch(/SameSite=Strict/);
    const https = await ctx.app.request('https://gridatlas.example/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'analyst', password: TEST_PASSWORD }),
    });
    expect(https.headers.getSetCookie().every((c) => /; Secure/.test(c))).toBe(true);
  });

  it('answers a wrong password and an unknown user alike', async () => {
    const wrong = await login('leader', 'not-the-password');
    const unknown = await login('nobody-here', 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it('throttles after 5 failures with 429 and Retry-After, even for the right password', async () => {
    for (let i = 0; i < 5; i++) expect((await login('worker-west', 'wrong-password')).status).toBe(401);
    const res = await login('worker-west', TEST_PASSWORD);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await res.json()) as Err).error.message).toMatch(/try again in \d+ seconds/);
  });

  it('GET /api/auth/me needs a session', async () => {
    expect((await ctx.anonymous.get('/api/auth/me')).status).toBe(401);
    const me = await (await ctx.login('planner')).get<{ user: { username: string } }>('/api/auth/me');
    expect(me.body.user.username).toBe('planner');
  });

  it('logout deletes the session; refuses without or with a wrong CSRF token', async () => {
    const c = await ctx.login('leader');
    const none = await c.request('/api/auth/logout', { method: 'POST' });
    expect(none.status).toBe(403);
    expect(((await none.json()) as Err).error.message).toMatch(/X-CSRF-Token/);
    const wrong = await c.request('/api/auth/logout', { method: 'POST', headers: { 'x-csrf-token': 'forged' } });
    expect(wrong.status).toBe(403);
    expect((await c.post('/api/auth/logout')).status).toBe(200);
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });

  it('ends sessions idle for 8 h or older than 24 h with a 401', async () => {
    const idle = await ctx.login('planner');
    await ctx.t.db.query(`UPDATE sessions SET last_seen_at = now() - interval '8 hours 1 minute'`);
    const r = await idle.get<Err>('/api/auth/me');
    expect(r.status).toBe(401);
    expect(r.body.error.message).toMatch(/expired/);
    const old = await ctx.login('planner');
    await ctx.t.db.query(`UPDATE sessions SET expires_at = now() - interval '1 second'`);
    expect((await old.get('/api/meta')).status).toBe(401);
    // An expired cookie does not stand in the way of logging in again.
    expect((await old.post('/api/auth/login', { username: 'planner', password: TEST_PASSWORD })).status).toBe(200);
  });

  it('refuses a login from another origin', async () => {
    expect((await login('planner', TEST_PASSWORD, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await login('planner', TEST_PASSWORD, { origin: 'http://localhost' })).status).toBe(200);
  });

  it('answers malformed JSON with 400 and an oversized body with 413', async () => {
    const bad = await ctx.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username":',
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Err).error.code).toBe('bad_request');
    const big = await ctx.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'x', password: 'y'.repeat(2 ** 21) }),
    });
    expect(big.status).toBe(413);
    expect(((await big.json()) as Err).error.code).toBe('payload_too_large');
  });

  it('audits login success, failure (without the password) and logout', async () => {
    await login('analyst-west', 'wrong-password-xyz');
    const c = await ctx.login('analyst-west');
    await c.post('/api/auth/logout');
    const r = await ctx.t.db.query<{ action: string; detail: Record<string, unknown> }>(
      `SELECT a.action, a.detail FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
       WHERE u.username = 'analyst-west' OR a.detail->>'username' = 'analyst-west' ORDER BY a.id`,
    );
    expect(r.rows.map((x) => x.action)).toEqual(['auth.login.failure', 'auth.login.success', 'auth.logout']);
    expect(JSON.stringify(r.rows)).not.toContain('wrong-password-xyz');
  });
});
