import { describe, expect, it } from 'vitest';
import { monthMasks } from './patrol-month-masks.js';

describe('monthMasks', () => {
  it('gives a whole month every one of its days', () => {
    expect(monthMasks('2026-10-01', '2026-11-01')).toEqual([{ month: '2026-10-01', mask: 0x7fffffff }]);
    expect(monthMasks('2026-02-01', '2026-03-01')).toEqual([{ month: '2026-02-01', mask: (1 << 28) - 1 }]);
  });

  it('splits a range across months, the end day left out', () => {
    // 30 days before 2026-11-01: 2 to 31 October.
    expect(monthMasks('2026-10-02', '2026-11-01')).toEqual([{ month: '2026-10-01', mask: 0x7ffffffe }]);
    expect(monthMasks('2026-09-29', '2026-10-03')).toEqual([
      { month: '2026-09-01', mask: (1 << 28) | (1 << 29) },
      { month: '2026-10-01', mask: 0b11 },
    ]);
    expect(monthMasks('2025-12-31', '2026-01-01')).toEqual([{ month: '2025-12-01', mask: 1 << 30 }]);
  });

  it('gives nothing for an empty range', () => {
    expect(monthMasks('2026-10-01', '2026-10-01')).toEqual([]);
  });
});
