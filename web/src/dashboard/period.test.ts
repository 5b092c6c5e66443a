import { describe, expect, it } from 'vitest';
import {
  isPeriod,
  lastEndedMonth,
  lastYearPeriod,
  monthRange,
  periodLabel,
  periodOf,
  previousPeriod,
  recentPeriods,
  shiftMonth,
} from './period';

describe('dashboard periods', () => {
  it('steps over year ends both ways', () => {
    expect(previousPeriod('2026-01')).toBe('2025-12');
    expect(shiftMonth('2025-12', 1)).toBe('2026-01');
    expect(lastYearPeriod('2026-03')).toBe('2025-03');
    expect(shiftMonth('2026-03', -27)).toBe('2023-12');
  });

  it('gives the month as dates with an exclusive end, February included', () => {
    expect(monthRange('2024-02')).toEqual({ from: '2024-02-01', to: '2024-03-01' });
    expect(monthRange('2025-12')).toEqual({ from: '2025-12-01', to: '2026-01-01' });
  });

  it('validates and labels', () => {
    expect(isPeriod('2026-13')).toBe(false);
    expect(isPeriod('2026-3')).toBe(false);
    expect(isPeriod('2026-03')).toBe(true);
    expect(() => shiftMonth('2026-3', 1)).toThrow(/YYYY-MM/);
    expect(periodOf('2026-03-31')).toBe('2026-03');
    expect(periodLabel('2026-03', 'zh')).toBe('2026年3月');
    expect(periodLabel('2026-03', 'en')).toBe('Mar 2026');
    expect(recentPeriods('2026-02', 3)).toEqual(['2026-02', '2026-01', '2025-12']);
  });

  it('takes the last month ended by a date: its own month only on its last day', () => {
    expect(lastEndedMonth('2026-10-31')).toBe('2026-10');
    expect(lastEndedMonth('2026-10-30')).toBe('2026-09');
    expect(lastEndedMonth('2026-01-01')).toBe('2025-12');
    expect(lastEndedMonth('2024-02-29')).toBe('2024-02');
    expect(lastEndedMonth('2025-02-28')).toBe('2025-02');
    expect(lastEndedMonth('2024-02-28')).toBe('2024-01');
    expect(() => lastEndedMonth('2026-13-01')).toThrow(/YYYY-MM/);
  });
});
