/**
 * The one way to open the analyst view in a given state from elsewhere (a dashboard figure,
 * a briefing slide): layer, metric, period, categories, region and the layer's own option are
 * set in their stores before the view mounts, so its first requests already carry them.
 */
import { selectRegion } from '../state/view.store';
import type { AnalystLayer, ChoroplethMetric } from './analyst-layers';
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

export interface AnalystState {
  layer: AnalystLayer;
  /** Only for the choropleth layer. */
  metric?: ChoroplethMetric;
  /** ISO dates, `from` inclusive, `to` exclusive. */
  from: string;
  to: string;
  /** Incident categories; empty or absent = all. */
  categories?: readonly string[];
  /** District, subdistrict or community code the map is about. */
  region?: string;
  /** Dead corners: streets not patrolled in this many days. */
  deadDays?: number;
  /** Special-group category key of the density layer; '' = all. */
  specialCategory?: string;
  /** The patrol day of the tracks layer (YYYY-MM-DD); default the period's last day. */
  trackDate?: string;
  /** A grid to show selected. */
  grid?: string;
}

/** Puts the analyst view in `state` and opens it; stores not named by `state` keep their value. */
export function openAnalystWith(state: AnalystState): void {
  if (state.region) selectRegion(state.region);
  analystLayerStore.set(state.layer);
  if (state.metric) choroplethMetricStore.set(state.metric);
  filtersStore.set({ from: state.from, to: state.to, categories: [...(state.categories ?? [])] });
  if (state.deadDays !== undefined) deadCornerDaysStore.set(state.deadDays);
  if (state.specialCategory !== undefined) specialCategoryStore.set(state.specialCategory);
  trackDateStore.set(state.trackDate ?? lastDayBefore(state.to));
  analystGridStore.set(state.grid ?? null);
  analystOpenStore.set(true);
}

function lastDayBefore(to: string): string {
  const d = new Date(`${to}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
