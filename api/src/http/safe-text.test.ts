import { describe, expect, it } from 'vitest';
import { isStorableDateTime } from './safe-text.js';

describe('isStorableDateTime', () => {
  it('takes ISO date-times PostgreSQL stores, refuses what it does not', () => {
    expect(isStorableDateTime('2025-06-30T10:30:00+08:00')).toBe(true);
    expect(isStorableDateTime('2025-02-30T00:00:00Z')).toBe(false);
    // Date.parse reads past the NUL; PostgreSQL would answer with an error (a 500 before).
    expect(isStorableDateTime('2025-01-01T00:00\u000000:00Z')).toBe(false);
  });
});
