/**
 * The analyst view's state as a briefing slide's view, and back: `captureAnalystView` reads
 * the analyst stores and the map's camera; `restoreAnalystView` writes a saved view into the
 * same stores (the view then fetches and draws it as if the analyst had chosen it) with the
 * period pinned when the briefing is, and the camera goes through the map controller's
 * `restoreCamera` — the one live map, not a second one.
 */
import type { BriefingAnalystView, BriefingCamera } from '@gridatlas/api/contract';
import type { AnalystLayer, ChoroplethMetric } from '../analyst/analyst-layers';
import {
  analystGridStore,
  analystLayerStore,
  choroplethMetricStore,
  deadCornerDaysStore,
  filtersStore,
  specialCategoryStore,
  trackDateStore,
} from '../analyst/analyst.store';
import { regionCodeStore } from '../state/view.store';
import { pinnedPeriod } from './slide-period';

/** Six decimals of a degree (~0.1 m) and two of zoom and angles: enough to restore, short to store. */
const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

export function roundCamera(c: BriefingCamera): BriefingCamera {
  return {
    center: [round(c.center[0], 6), round(c.center[1], 6)],
    zoom: round(c.zoom, 2),
    bearing: round(c.bearing, 1),
    pitch: round(c.pitch, 1),
  };
}

/** The view the analyst looks at now: `layer` and `metric` as the view resolved them (allowed to the user). */
export function captureAnalystView(
  layer: AnalystLayer,
  metric: ChoroplethMetric,
  regionCode: string,
  camera: BriefingCamera,
  referenceDate: string,
): BriefingAnalystView {
  const filters = filtersStore.get();
  return {
    map: 'analyst',
    regionCode,
    layer,
    metric,
    period: filters ? { from: filters.from, to: filters.to } : { from: `${referenceDate.slice(0, 4)}-01-01`, to: referenceDate },
    categories: [...(filters?.categories ?? [])],
    specialCategory: specialCategoryStore.get(),
    deadCornerDays: deadCornerDaysStore.get(),
    trackDate: trackDateStore.get() ?? referenceDate,
    camera: roundCamera(camera),
  };
}

/** Puts a saved view into the analyst stores; the caller restores the camera on the map. */
export function restoreAnalystView(view: BriefingAnalystView, pinnedAsOf: string | null): void {
  const period = pinnedPeriod(view.period, pinnedAsOf);
  regionCodeStore.set(view.regionCode);
  analystLayerStore.set(view.layer);
  choroplethMetricStore.set(view.metric);
  filtersStore.set({ from: period.from, to: period.to, categories: view.categories });
  specialCategoryStore.set(view.specialCategory);
  deadCornerDaysStore.set(view.deadCornerDays);
  trackDateStore.set(pinnedAsOf && view.trackDate > pinnedAsOf ? pinnedAsOf : view.trackDate);
  analystGridStore.set(null);
}
