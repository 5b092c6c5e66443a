import { describe, expect, it } from 'vitest';
import { asOfDate, lastDay, pinnedPeriod } from './slide-period';

const june = { from: '2025-06-01', to: '2025-07-01' };

describe('slide period', () => {
  it('clamps the period end to the day after the pinned day, and leaves a live or later pin alone', () => {
    expect(pinnedPeriod(june, '2025-06-15')).toEqual({ from: '2025-06-01', to: '2025-06-16' });
    expect(pinnedPeriod(june, '2025-06-30')).toEqual(june);
    expect(pinnedPeriod(june, '2025-09-01')).toEqual(june);
    expect(pinnedPeriod(june, null)).toBe(june);
    // Pinned before the period: its first day, never an empty or reversed period.
    expect(pinnedPeriod(june, '2025-05-01')).toEqual({ from: '2025-06-01', to: '2025-06-02' });
  });

  it('dates a slide by its pin, else by the period end or the data, whichever is earlier', () => {
    expect(asOfDate(june, '2025-06-15', '2025-12-31')).toBe('2025-06-15');
    expect(asOfDate(june, null, '2025-12-31')).toBe('2025-06-30');
    expect(asOfDate({ from: '2025-01-01', to: '2026-01-01' }, null, '2025-06-30')).toBe('2025-06-30');
    expect(asOfDate(null, null, '2025-06-30')).toBe('2025-06-30');
    expect(lastDay({ from: '2024-02-01', to: '2024-03-01' })).toBe('2024-02-29');
  });
});
