import { describe, expect, it } from 'vitest';
import { parseDashboardUrl } from './wall-url';

describe('parseDashboardUrl', () => {
  it('opens nothing without a dashboard route', () => {
    expect(parseDashboardUrl('', '')).toMatchObject({ open: false, wall: false, rotateSeconds: 20, refreshMinutes: 5 });
  });

  it('opens the dashboard or its wall from the hash or the query', () => {
    expect(parseDashboardUrl('', '#dashboard')).toMatchObject({ open: true, wall: false });
    expect(parseDashboardUrl('', '#dashboard/wall')).toMatchObject({ open: true, wall: true });
    expect(parseDashboardUrl('?wall=1&rotate=8&refresh=2', '')).toMatchObject({
      open: true,
      wall: true,
      rotateSeconds: 8,
      refreshMinutes: 2,
    });
  });

  it('reads period and region, and refuses nonsense', () => {
    expect(parseDashboardUrl('', '#dashboard/wall?period=2026-03&region=440303001&rotate=-1')).toMatchObject({
      period: '2026-03',
      region: '440303001',
      rotateSeconds: 20,
    });
    expect(parseDashboardUrl('?period=2026-3&region=abc&rotate=1', '#dashboard')).toMatchObject({
      period: null,
      region: null,
      rotateSeconds: 5,
    });
  });
});
