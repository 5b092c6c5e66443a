/**
 * Which of the three views is shown (dashboard, district map, analyst map), the dashboard's
 * chosen month and its wall mode. The analyst view keeps its own open flag
 * (`analystOpenStore`); `showView` keeps the two consistent, and `openLink` is how a figure
 * opens the map that explains it.
 */
import { analystOpenStore } from '../analyst/analyst.store';
import { openAnalystWith } from '../analyst/analyst-open';
import { createStore } from '../state/create-store';
import { dispatchOpenStore } from '../incidents/incidents.store';
import { selectRegion } from '../state/view.store';
import { myVisitsOpenStore } from '../visits/my-visits.store';
import type { MapLink } from './dashboard-model';

export type AppView = 'dashboard' | 'map' | 'analyst';

export const dashboardOpenStore = createStore(false);

/** The month picked (YYYY-MM); null = the API's default, the last month ended by the reference date. */
export const dashboardPeriodStore = createStore<string | null>(null);

export interface WallSettings {
  rotateSeconds: number;
  refreshMinutes: number;
}
/** Wall mode (大屏) when set. */
export const wallStore = createStore<WallSettings | null>(null);

export function showView(view: AppView): void {
  dispatchOpenStore.set(false);
  myVisitsOpenStore.set(false);
  dashboardOpenStore.set(view === 'dashboard');
  analystOpenStore.set(view === 'analyst');
  if (view !== 'dashboard') wallStore.set(null);
}

/** Opens the map a figure links to, leaving the dashboard (and its wall mode). */
export function openLink(link: MapLink): void {
  wallStore.set(null);
  dashboardOpenStore.set(false);
  if (link.view === 'analyst') {
    openAnalystWith(link.state);
  } else {
    analystOpenStore.set(false);
    selectRegion(link.region);
  }
}
