import { describe, expect, it } from 'vitest';
import { analystLayerStore, analystOpenStore, filtersStore } from '../analyst/analyst.store';
import { regionCodeStore } from '../state/view.store';
import { dashboardOpenStore, openLink, showView, wallStore } from './dashboard.store';

describe('dashboard views', () => {
  it('shows one view at a time', () => {
    showView('dashboard');
    expect([dashboardOpenStore.get(), analystOpenStore.get()]).toEqual([true, false]);
    showView('analyst');
    expect([dashboardOpenStore.get(), analystOpenStore.get()]).toEqual([false, true]);
    showView('map');
    expect([dashboardOpenStore.get(), analystOpenStore.get()]).toEqual([false, false]);
  });

  it("opens a figure's analyst map in its state and leaves the wall", () => {
    showView('dashboard');
    wallStore.set({ rotateSeconds: 20, refreshMinutes: 5 });
    openLink({ view: 'analyst', state: { layer: 'coverage', from: '2026-03-01', to: '2026-04-01', region: '440303', deadDays: 30 } });
    expect(dashboardOpenStore.get()).toBe(false);
    expect(wallStore.get()).toBeNull();
    expect(analystOpenStore.get()).toBe(true);
    expect(analystLayerStore.get()).toBe('coverage');
    expect(filtersStore.get()).toEqual({ from: '2026-03-01', to: '2026-04-01', categories: [] });
  });

  it('opens the district map on a region', () => {
    showView('dashboard');
    openLink({ view: 'map', region: '440303002' });
    expect([dashboardOpenStore.get(), analystOpenStore.get()]).toEqual([false, false]);
    expect(regionCodeStore.get()).toBe('440303002');
  });
});
