/**
 * The dashboard's comparison windows: a period cut at `asOf` is compared with periods cut at
 * the same calendar day, whole periods with whole ones.
 */
import { describe, expect, it } from 'vitest';
import { dashboardPeriods } from './dashboard-period.js';

const days = (w: { from: string; to: string }) => ({ from: w.from, to: w.to });

describe('dashboardPeriods', () => {
  it('compares whole months with whole months', () => {
    const p = dashboardPeriods('2025-06', '2025-08-01');
    expect(days(p.current)).toEqual({ from: '2025-06-01', to: '2025-07-01' });
    expect(days(p.previous)).toEqual({ from: '2025-05-01', to: '2025-06-01' });
    expect(days(p.yearAgo)).toEqual({ from: '2024-06-01', to: '2024-07-01' });
  });

  it('compares a month to date with the same days of the month before and a year before', () => {
    const p = dashboardPeriods('2025-06', '2025-06-15');
    expect(days(p.current)).toEqual({ from: '2025-06-01', to: '2025-06-16' });
    expect(days(p.previous)).toEqual({ from: '2025-05-01', to: '2025-05-16' });
    expect(days(p.yearAgo)).toEqual({ from: '2024-06-01', to: '2024-06-16' });
  });

  it('compares the 30 days of March to date with the whole of February', () => {
    const p = dashboardPeriods('2026-03', '2026-03-30');
    expect(days(p.current)).toEqual({ from: '2026-03-01', to: '2026-03-31' });
    expect(days(p.previous)).toEqual({ from: '2026-02-01', to: '2026-03-01' });
    expect(days(p.yearAgo)).toEqual({ from: '2025-03-01', to: '2025-03-31' });
  });

  it('compares a year to date with the year before to the same day, leap years included', () => {
    const p = dashboardPeriods('2026', '2026-12-06');
    expect(days(p.current)).toEqual({ from: '2026-01-01', to: '2026-12-07' });
    expect(days(p.previous)).toEqual({ from: '2025-01-01', to: '2025-12-07' });
    expect(p.yearAgo).toEqual(p.previous);
    const leap = dashboardPeriods('2025', '2025-02-28');
    expect(days(leap.previous)).toEqual({ from: '2024-01-01', to: '2024-03-01' });
    const afterLeap = dashboardPeriods('2024', '2024-02-29');
    expect(days(afterLeap.previous)).toEqual({ from: '2023-01-01', to: '2023-03-01' });
  });

  it('compares whole years with whole years', () => {
    const p = dashboardPeriods('2024', '2025-06-15');
    expect(days(p.current)).toEqual({ from: '2024-01-01', to: '2025-01-01' });
    expect(days(p.previous)).toEqual({ from: '2023-01-01', to: '2024-01-01' });
  });
});

describe('dashboardPeriods of a range of days', () => {
  it('compares the last 30 days with the 30 days before and the same days a year before', () => {
    const p = dashboardPeriods('2025-06-10..2025-07-10', '2025-12-31');
    expect(p.kind).toBe('range');
    expect(days(p.current)).toEqual({ from: '2025-06-10', to: '2025-07-10' });
    expect(days(p.previous)).toEqual({ from: '2025-05-11', to: '2025-06-10' });
    expect(days(p.yearAgo)).toEqual({ from: '2024-06-10', to: '2024-07-10' });
  });

  it('cuts a range running past asOf and its comparisons to the same length', () => {
    const p = dashboardPeriods('2025-06-10..2025-07-10', '2025-06-19');
    expect(days(p.current)).toEqual({ from: '2025-06-10', to: '2025-06-20' });
    expect(days(p.previous)).toEqual({ from: '2025-05-31', to: '2025-06-10' });
    expect(days(p.yearAgo)).toEqual({ from: '2024-06-10', to: '2024-06-20' });
  });

  it('refuses ranges that are backwards, unreal, too long or after asOf', () => {
    expect(() => dashboardPeriods('2025-07-10..2025-06-10', '2025-12-31')).toThrow(/before "to"/);
    expect(() => dashboardPeriods('2025-02-30..2025-03-10', '2025-12-31')).toThrow(/real calendar days/);
    expect(() => dashboardPeriods('2020-01-01..2025-01-01', '2025-12-31')).toThrow(/three years/);
    expect(() => dashboardPeriods('2026-01-01..2026-02-01', '2025-12-31')).toThrow(/starts after asOf/);
  });
});
