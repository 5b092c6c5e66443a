/**
 * What the analyst view shows: whether it is open, the active layer, the choropleth metric,
 * the filters every request carries, the clicked grid and the track playback. Each is its
 * own store so a change re-renders only its readers.
 */
import { createStore } from '../state/create-store';
import type { AnalystLayer, ChoroplethMetric } from './analyst-layers';

export const analystOpenStore = createStore(false);

export const analystLayerStore = createStore<AnalystLayer>('heat');

export const choroplethMetricStore = createStore<ChoroplethMetric>('count');

/** Filters of every incident request: `from` inclusive, `to` exclusive (ISO dates); no categories = all. */
export interface AnalystFilters {
  from: string;
  to: string;
  categories: readonly string[];
}
export const filtersStore = createStore<AnalystFilters | null>(null);

export const analystGridStore = createStore<string | null>(null);

/** Dead corners: streets not patrolled in this many days. */
export const deadCornerDaysStore = createStore(14);

/** The patrol day shown by the tracks layer (YYYY-MM-DD) and the playback clock. */
export const trackDateStore = createStore<string | null>(null);
export interface Playback {
  playing: boolean;
  /** Seconds of the day per real second. */
  speed: number;
  /** Seconds since the day's midnight (Beijing time). */
  time: number;
}
export const playbackStore = createStore<Playback>({ playing: false, speed: 600, time: 8 * 3600 });

/** The special-group category shown by the density layer; '' = all categories. */
export const specialCategoryStore = createStore('');
/** The visits layer's category: '' for all special groups together, 'household', or one special-group key. */
export const visitsCategoryStore = createStore('');

/** The map's view after it stopped moving (debounced): `[west, south, east, north]` degrees and zoom. */
export interface Viewport {
  bbox: [number, number, number, number];
  zoom: number;
}
export const viewportStore = createStore<Viewport | null>(null);
