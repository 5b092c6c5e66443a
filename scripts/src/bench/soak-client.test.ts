import { describe, expect, it } from 'vitest';
import { restartRetryable, SoakStats, startingRetryable } from './soak-client.js';

describe('restartRetryable', () => {
  it('retries connection errors while the restart window is open', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'EPIPE']) expect(restartRetryable({ code }, true, true)).toBe(true);
    expect(restartRetryable({ message: 'socket hang up' }, true, true)).toBe(true);
  });

  it('retries a request that started before the window opened or failed just after it closed', () => {
    expect(restartRetryable({ code: 'ECONNRESET' }, false, true)).toBe(true);
    expect(restartRetryable({ code: 'ECONNREFUSED' }, true, false)).toBe(true);
  });

  it('never retries outside the window', () => {
    expect(restartRetryable({ code: 'ECONNREFUSED' }, false, false)).toBe(false);
    expect(restartRetryable({ message: 'socket hang up' }, false, false)).toBe(false);
  });

  it('never retries a timeout or another error, even inside the window', () => {
    expect(restartRetryable({ code: 'TIMEOUT', message: 'no answer within 60 s' }, true, true)).toBe(false);
    expect(restartRetryable({ code: 'ENOTFOUND' }, true, true)).toBe(false);
    expect(restartRetryable({}, true, true)).toBe(false);
  });
});

describe('startingRetryable', () => {
  const starting = JSON.stringify({ error: { code: 'starting', message: 'GridAtlas is starting (updating the database)' } });
  it("retries the 503 'starting' of a restarting server inside the window only", () => {
    expect(startingRetryable(503, starting, true, true)).toBe(true);
    expect(startingRetryable(503, starting, false, true)).toBe(true);
    expect(startingRetryable(503, starting, false, false)).toBe(false);
  });

  it('never retries another 503 (a time limit) or another status', () => {
    expect(startingRetryable(503, JSON.stringify({ error: { code: 'time_limit', message: 'x' } }), true, true)).toBe(false);
    expect(startingRetryable(500, starting, true, true)).toBe(false);
  });
});

describe('SoakStats', () => {
  it('keeps latencies, errors and retries per route and half', () => {
    const s = new SoakStats();
    for (let i = 1; i <= 100; i++) s.ok('GET /a', 'before', i, false);
    for (let i = 1; i <= 100; i++) s.ok('GET /a', 'after', 2 * i, i <= 3);
    s.error('GET /a', 'after', 'GET /a → 500');
    const [a] = s.figures();
    expect(a).toMatchObject({ route: 'GET /a', requests: 201, errors: 1, retried: 3, p95Before: 95, p95After: 190 });
    expect(s.errors).toBe(1);
    expect(s.samples).toEqual(['GET /a: GET /a → 500']);
  });
});
