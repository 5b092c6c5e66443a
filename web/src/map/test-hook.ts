/**
 * A handle for browser tests: `window.__gridatlas = { map, ready }`. Only set when the
 * browser is driven by automation (`navigator.webdriver`), so ordinary users never see it.
 * The map container's `data-state` attribute ("loading" | "ready" | "error") says whether
 * the current region's sources are loaded and the map is idle.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';

export interface TestHook {
  map: MapLibreMap;
  /** Resolves the first time every source is loaded and the map is idle. */
  ready: Promise<void>;
}

declare global {
  interface Window {
    __gridatlas?: TestHook;
  }
}

export function exposeTestHook(hook: TestHook): void {
  if (navigator.webdriver) window.__gridatlas = hook;
}

/** The map was removed (logout): tests must not find a stale handle. */
export function clearTestHook(): void {
  if (navigator.webdriver) delete window.__gridatlas;
}
