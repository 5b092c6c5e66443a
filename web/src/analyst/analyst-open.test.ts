import { beforeEach, describe, expect, it } from 'vitest';
import { regionCodeStore, selectedGridStore } from '../state/view.store';
import { openAnalystWith } from './analyst-open';
import {
  analystGridStore,
  analystLayerStore,
  analystOpenStore,
  choroplethMetricStore,
  deadCornerDaysStore,
  filtersStore,
  specialCategoryStore,
  trackDateStore,
} from './analyst.store';

beforeEach(() => {
  analystOpenStore.set(false);
  analystLayerStore.set('heat');
  choroplethMetricStore.set('count');
  filtersStore.set(null);
  deadCornerDaysStore.set(14);
  specialCategoryStore.set('');
  trackDateStore.set(null);
  analystGridStore.set(null);
  regionCodeStore.set('440303');
});

describe('openAnalystWith', () => {
  it('sets layer, metric, period, categories and region, then opens the view', () => {
    let openedWith: unknown = null;
    const off = analystOpenStore.subscribe(() => {
      // Everything is in place when the view opens: its first requests carry the state.
      openedWith = { layer: analystLayerStore.get(), filters: filtersStore.get(), region: regionCodeStore.get() };
    });
    selectedGridStore.set({ code: 'x' } as never);
    openAnalystWith({
      layer: 'choropleth',
      metric: 'perThousand',
      from: '2026-03-01',
      to: '2026-04-01',
      categories: ['噪音扰民'],
      region: '440303001',
    });
    off();
    expect(analystOpenStore.get()).toBe(true);
    expect(openedWith).toEqual({
      layer: 'choropleth',
      filters: { from: '2026-03-01', to: '2026-04-01', categories: ['噪音扰民'] },
      region: '440303001',
    });
    expect(choroplethMetricStore.get()).toBe('perThousand');
    expect(selectedGridStore.get()).toBeNull();
    // Tracks default to the period's last day.
    expect(trackDateStore.get()).toBe('2026-03-31');
  });

  it("sets the layer's own option and leaves unnamed stores alone", () => {
    choroplethMetricStore.set('households');
    openAnalystWith({ layer: 'coverage', from: '2026-02-01', to: '2026-03-01', deadDays: 30, grid: '440303001001' });
    expect(analystLayerStore.get()).toBe('coverage');
    expect(deadCornerDaysStore.get()).toBe(30);
    expect(choroplethMetricStore.get()).toBe('households');
    expect(regionCodeStore.get()).toBe('440303');
    expect(filtersStore.get()).toEqual({ from: '2026-02-01', to: '2026-03-01', categories: [] });
    expect(trackDateStore.get()).toBe('2026-02-28');
    expect(analystGridStore.get()).toBe('440303001001');
  });

  it('opens the special-group layer on one category', () => {
    openAnalystWith({ layer: 'special', from: '2026-01-01', to: '2026-02-01', specialCategory: 'elderly_alone' });
    expect(specialCategoryStore.get()).toBe('elderly_alone');
    expect(analystLayerStore.get()).toBe('special');
  });
});
