/**
 * The one error path: every API call — JSON, the raw bytes the decode worker parses — throws
 * the server's message as an ApiError, and a 401 outside /api/auth/ returns to login.
 * `fetch` is replaced by one that answers like the server (Node has no page origin).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fetchIncidentPoints } from '../analyst/decode-client';
import { ApiError, getBytes, onUnauthorized, requestJson } from './api-client';

const expired = () =>
  new Response(JSON.stringify({ error: { code: 'unauthorized', message: '登录已过期' } }), {
    status: 401,
    headers: { 'Content-Type': 'application/json' },
  });

describe('api client error path', () => {
  let unauthorized = 0;
  const seen: string[] = [];
  beforeEach(() => {
    unauthorized = 0;
    seen.length = 0;
    onUnauthorized(() => unauthorized++);
  });
  afterEach(() => {
    onUnauthorized(null);
    vi.unstubAllGlobals();
  });
  const answer = (respond: (path: string) => Response) =>
    vi.stubGlobal('fetch', async (path: string) => {
      seen.push(path);
      return respond(path);
    });

  it('returns to login on a 401 from the points fetch the decode worker is fed by, before any worker starts', async () => {
    answer(expired);
    const error = await fetchIncidentPoints('/api/analytics/incidents/points?from=2026-01-01', new AbortController().signal).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect((error as ApiError).message).toBe('登录已过期');
    expect(unauthorized).toBe(1);
    expect(seen).toEqual(['/api/analytics/incidents/points?from=2026-01-01']);
  });

  it('returns to login on a 401 from a JSON call or a bytes call, but not from /api/auth/ (an answer, not expiry)', async () => {
    answer(expired);
    await expect(requestJson('/api/regions')).rejects.toMatchObject({ status: 401 });
    await expect(getBytes('/api/analytics/tracks?date=2026-01-01')).rejects.toMatchObject({ status: 401 });
    expect(unauthorized).toBe(2);
    await expect(requestJson('/api/auth/login', { method: 'POST', body: {} })).rejects.toMatchObject({ status: 401 });
    expect(unauthorized).toBe(2);
  });

  it('gives other failures the server’s message and no return to login; ok answers come back as bytes', async () => {
    answer((path) =>
      path.includes('denied')
        ? new Response(JSON.stringify({ error: { message: '超出管辖范围' } }), { status: 403 })
        : new Response(new Uint8Array([1, 2, 3]), { status: 200 }),
    );
    await expect(getBytes('/api/denied')).rejects.toMatchObject({ status: 403, message: '超出管辖范围' });
    expect(new Uint8Array(await getBytes('/api/ok'))).toEqual(new Uint8Array([1, 2, 3]));
    expect(unauthorized).toBe(0);
  });
});
