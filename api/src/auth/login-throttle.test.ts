import { describe, expect, it } from 'vitest';
import { DEFAULT_THROTTLE, retryAfterSeconds } from './login-throttle.js';

describe('retryAfterSeconds', () => {
  const now = 1_000_000;

  it('lets attempts through below the limit', () => {
    expect(retryAfterSeconds([], now)).toBe(0);
    expect(retryAfterSeconds([now - 5, now - 4, now - 3, now - 2], now)).toBe(0);
  });

  it('locks after the fifth failure, counting from the last one', () => {
    const failures = [now - 50, now - 40, now - 30, now - 20, now - 10];
    expect(retryAfterSeconds(failures, now)).toBe(DEFAULT_THROTTLE.baseLockSeconds - 10);
    expect(retryAfterSeconds(failures, now + 20)).toBe(0);
  });

  it('doubles the lock per extra failure, up to the maximum', () => {
    const six = [1, 2, 3, 4, 5, 6].map((k) => now - k);
    expect(retryAfterSeconds(six, now)).toBe(60 - 1);
    const many = Array.from({ length: 30 }, (_, k) => now - k);
    expect(retryAfterSeconds(many, now)).toBe(DEFAULT_THROTTLE.maxLockSeconds);
  });

  it('forgets failures older than the window', () => {
    const old = [1, 2, 3, 4, 5].map((k) => now - DEFAULT_THROTTLE.windowSeconds - k);
    expect(retryAfterSeconds(old, now)).toBe(0);
  });
});
