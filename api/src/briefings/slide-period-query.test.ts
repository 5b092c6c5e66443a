import { describe, expect, it } from 'vitest';
import { slideDashboardQuery } from './slide-period-query.js';

const june = { from: '2025-06-01', to: '2025-07-01' };

describe('slideDashboardQuery', () => {
  it('answers a calendar month, cut at the pin or at the data', () => {
    expect(slideDashboardQuery(june, null, '2025-12-31')).toEqual({ period: '2025-06', asOf: '2025-06-30', window: june });
    expect(slideDashboardQuery(june, '2025-06-15', '2025-12-31')).toEqual({
      period: '2025-06',
      asOf: '2025-06-15',
      window: { from: '2025-06-01', to: '2025-06-16' },
    });
    expect(slideDashboardQuery(june, null, '2025-06-20').asOf).toBe('2025-06-20');
    // A pin after the period leaves it whole.
    expect(slideDashboardQuery(june, '2025-09-01', '2025-12-31').window).toEqual(june);
  });

  it('answers a year (or the year to date) from 1 January', () => {
    expect(slideDashboardQuery({ from: '2025-01-01', to: '2025-07-01' }, null, '2025-12-31')).toMatchObject({
      period: '2025',
      asOf: '2025-06-30',
    });
    expect(slideDashboardQuery({ from: '2025-01-01', to: '2026-01-01' }, null, '2025-06-30')).toMatchObject({
      period: '2025',
      asOf: '2025-06-30',
      window: { from: '2025-01-01', to: '2025-07-01' },
    });
  });

  it('asks any other window as the range of exactly its days', () => {
    expect(slideDashboardQuery({ from: '2025-06-05', to: '2025-06-20' }, null, '2025-12-31')).toEqual({
      period: '2025-06-05..2025-06-20',
      asOf: '2025-06-19',
      window: { from: '2025-06-05', to: '2025-06-20' },
    });
    expect(slideDashboardQuery({ from: '2025-03-15', to: '2025-06-20' }, null, '2025-12-31').period).toBe('2025-03-15..2025-06-20');
    // Across a new year, and cut at the pin.
    expect(slideDashboardQuery({ from: '2024-11-01', to: '2025-02-01' }, '2025-01-10', '2025-12-31')).toEqual({
      period: '2024-11-01..2025-01-11',
      asOf: '2025-01-10',
      window: { from: '2024-11-01', to: '2025-01-11' },
    });
  });

  it('pinned before the period: its first day', () => {
    expect(slideDashboardQuery(june, '2025-05-01', '2025-12-31')).toEqual({
      period: '2025-06',
      asOf: '2025-06-01',
      window: { from: '2025-06-01', to: '2025-06-02' },
    });
  });
});
