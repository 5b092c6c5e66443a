/**
 * A handle for browser tests on the analyst map's deck.gl overlay:
 * `window.__gridatlasAnalyst = { overlay, layers() }`. Only set under automation
 * (`navigator.webdriver`), like the map's own hook (map/test-hook.ts).
 */
import type { MapboxOverlay } from '@deck.gl/mapbox';

export interface DeckLayerSummary {
  id: string;
  /** Objects (or binary rows) in the layer's data. */
  length: number;
  props: Record<string, unknown>;
}

export interface AnalystTestHook {
  overlay: MapboxOverlay;
  /** The deck.gl layers currently set, with data sizes and a few props. */
  layers(): DeckLayerSummary[];
}

declare global {
  interface Window {
    __gridatlasAnalyst?: AnalystTestHook;
  }
}

export function exposeAnalystHook(hook: AnalystTestHook): void {
  if (navigator.webdriver) window.__gridatlasAnalyst = hook;
}

export function clearAnalystHook(): void {
  if (navigator.webdriver) delete window.__gridatlasAnalyst;
}
