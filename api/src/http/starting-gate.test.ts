import { describe, expect, it } from 'vitest';
import { startingGate, STARTING_RETRY_AFTER_S } from './starting-gate.js';

const env = {} as never;

describe('the starting gate (first start: the port answers before the app is ready)', () => {
  it('answers every request at once with a 503 "starting", Retry-After and what the server is doing, then hands over to the app', async () => {
    const gate = startingGate();
    gate.phase('first start: loading the demo district');
    for (const path of ['/api/health', '/api/auth/me', '/plans/3/edit']) {
      const res = await gate.fetch(new Request(`http://localhost${path}`), env);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe(String(STARTING_RETRY_AFTER_S));
      expect(res.headers.get('cache-control')).toBe('no-store');
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('starting');
      expect(body.error.message).toContain('loading the demo district');
    }
    gate.open({ fetch: () => new Response('ready', { status: 200 }) });
    const res = await gate.fetch(new Request('http://localhost/api/health'), env);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('ready');
  });
});
