import { beforeEach, describe, expect, it } from 'vitest';
import { analystOpenStore } from '../analyst/analyst.store';
import { regionCodeStore } from '../state/view.store';
import { enterFromUrl } from './dashboard-route';
import { dashboardOpenStore, dashboardPeriodStore, showView, wallStore } from './dashboard.store';
import { parseDashboardUrl } from './wall-url';

const LEADER = { roles: ['leader'], permissions: ['map.read', 'dashboard.read'] };
const ANALYST = { roles: ['analyst'], permissions: ['map.read', 'analytics.read', 'dashboard.read'] };
const PLANNER = { roles: ['planner'], permissions: ['map.read', 'analytics.read'] };

beforeEach(() => {
  showView('map');
  wallStore.set(null);
  dashboardPeriodStore.set(null);
  regionCodeStore.set(null);
});

describe('enterFromUrl', () => {
  it('lands a leader on the dashboard, and an analyst on the map', () => {
    enterFromUrl(LEADER, parseDashboardUrl('', ''));
    expect(dashboardOpenStore.get()).toBe(true);
    showView('map');
    enterFromUrl(ANALYST, parseDashboardUrl('', ''));
    expect(dashboardOpenStore.get()).toBe(false);
  });

  it("opens the URL's wall with its month and region for any entitled user", () => {
    enterFromUrl(ANALYST, parseDashboardUrl('?rotate=10', '#dashboard/wall?period=2026-02&region=440303001'));
    expect(dashboardOpenStore.get()).toBe(true);
    expect(analystOpenStore.get()).toBe(false);
    expect(wallStore.get()).toEqual({ rotateSeconds: 10, refreshMinutes: 5 });
    expect(dashboardPeriodStore.get()).toBe('2026-02');
    expect(regionCodeStore.get()).toBe('440303001');
  });

  it('ignores the dashboard URL without dashboard.read', () => {
    enterFromUrl(PLANNER, parseDashboardUrl('?wall=1', '#dashboard'));
    expect(dashboardOpenStore.get()).toBe(false);
    expect(wallStore.get()).toBeNull();
  });
});
