/**
 * The basemap: the selected district's settings (from the API), the basemap the user picked
 * (kept per district in localStorage; the district's default until then) and what the map
 * made of it. Map controllers read the first two and write the third.
 */
import { fetchBasemapSettings, type BasemapKind, type BasemapSettings } from '../api/basemap-api';
import { availableBasemaps } from '../map/basemap/basemap-choices';
import { createStore } from './create-store';

export interface BasemapSelection {
  districtCode: string | null;
  settings: BasemapSettings | null;
  choice: BasemapKind;
}

export type BasemapStatus =
  | { kind: BasemapKind; state: 'loading' | 'ready' }
  /** Fell back to the offline style; `reason` is a message for people. */
  | { kind: BasemapKind; state: 'degraded'; reason: string };

export const basemapStore = createStore<BasemapSelection>({ districtCode: null, settings: null, choice: 'offline' });
export const basemapStatusStore = createStore<BasemapStatus>({ kind: 'offline', state: 'ready' });

const storageKey = (district: string) => `gridatlas.basemap.${district}`;

function storedChoice(district: string): string | null {
  try {
    return localStorage.getItem(storageKey(district));
  } catch {
    return null;
  }
}

/** The user's earlier pick when the district still offers it, else the district's default. */
export function initialChoice(settings: BasemapSettings, stored: string | null): BasemapKind {
  const offered = availableBasemaps(settings);
  return offered.find((k) => k === stored) ?? (offered.includes(settings.defaultBasemap) ? settings.defaultBasemap : 'offline');
}

let generation = 0;

/** Loads a district's settings; on failure the map keeps the offline style (and says nothing: it is the default). */
export async function loadBasemap(districtCode: string): Promise<void> {
  const mine = ++generation;
  if (basemapStore.get().districtCode !== districtCode) basemapStore.set({ districtCode, settings: null, choice: 'offline' });
  try {
    const settings = await fetchBasemapSettings(districtCode);
    if (mine !== generation) return;
    basemapStore.set({ districtCode, settings, choice: initialChoice(settings, storedChoice(districtCode)) });
  } catch {
    if (mine === generation) basemapStore.set({ districtCode, settings: null, choice: 'offline' });
  }
}

/** New settings saved by an admin: shown at once, the user's pick kept when still offered. */
export function settingsSaved(settings: BasemapSettings): void {
  const current = basemapStore.get();
  if (current.districtCode !== settings.districtCode) return;
  const offered = availableBasemaps(settings);
  basemapStore.set({ ...current, settings, choice: offered.includes(current.choice) ? current.choice : settings.defaultBasemap });
}

export function chooseBasemap(choice: BasemapKind): void {
  const current = basemapStore.get();
  basemapStore.set({ ...current, choice });
  if (!current.districtCode) return;
  try {
    localStorage.setItem(storageKey(current.districtCode), choice);
  } catch {
    // Not persisting is acceptable: the pick holds for this page.
  }
}

/** After logout: forget the district's basemap. */
export function resetBasemap(): void {
  generation++;
  basemapStore.set({ districtCode: null, settings: null, choice: 'offline' });
  basemapStatusStore.set({ kind: 'offline', state: 'ready' });
}
