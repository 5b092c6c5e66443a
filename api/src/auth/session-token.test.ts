import { describe, expect, it } from 'vitest';
import { hashToken, newToken, sameToken } from './session-token.js';

describe('session tokens', () => {
  it('are long, random and url-safe', () => {
    const a = newToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newToken()).not.toBe(a);
  });

  it('hash deterministically and differently per token', () => {
    const t = newToken();
    expect(hashToken(t)).toBe(hashToken(t));
    expect(hashToken(t)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(t)).not.toBe(hashToken(newToken()));
  });

  it('compare in constant time and exactly', () => {
    const t = newToken();
    expect(sameToken(t, t)).toBe(true);
    expect(sameToken(t, t.slice(0, -1))).toBe(false);
    expect(sameToken(t, newToken())).toBe(false);
    expect(sameToken('', '')).toBe(true);
  });
});
