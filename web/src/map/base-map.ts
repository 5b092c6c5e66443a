/**
 * The one place a GridAtlas map is set up: the offline style, navigation and scale controls,
 * the hatch image, following the container's size, the district's basemap underneath
 * (BasemapController), the container's `data-state` and the ready promise browser tests wait
 * on. The district view, the planner, the analyst, the import preview and the plan compare
 * map each call this and add their own layers on top; none repeats the set-up.
 */
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { BasemapController } from './basemap/basemap.controller';
import { HATCH_IMAGE_ID, hatchPattern } from './hatch-pattern';
import { offlineStyle } from './offline-style';
import { clearTestHook, exposeTestHook } from './test-hook';
import './basemap/basemap.css';

maplibregl.setWorkerUrl(workerUrl);

/** What the container's `data-state` says: the view's sources are loading, drawn, or failed. */
type MapState = 'loading' | 'ready' | 'error';

/** The offline style's parameters (labels and load colours), or a style of the view's own. */
type StyleChoice =
  | { underFillRatio: number; householdUnit: string; personUnit: string; style?: never }
  /** The compare map's two plans: its own small style, no basemap under it. */
  | { style: maplibregl.StyleSpecification };

export type BaseMapOptions = StyleChoice & {
  container: HTMLElement;
  /** `[west, south, east, north]` in degrees, fitted at start. */
  bounds: [number, number, number, number];
  /** Pixels kept free around `bounds`. */
  padding: number;
  /** Navigation and scale controls; default true. */
  controls?: boolean;
  /** The district's basemap underneath; default true. */
  basemap?: boolean;
  /**
   * The view's main map: keeps the container's `data-state` and publishes `{ map, ready }`
   * for browser tests; default false (the import preview, the compare map).
   */
  testHook?: boolean;
  /** Anything else the view needs (`doubleClickZoom`, `canvasContextAttributes`, …). */
  mapOptions?: Partial<maplibregl.MapOptions>;
};

export interface BaseMap {
  map: maplibregl.Map;
  /** Resolves once the style has loaded (the view adds its layers then). */
  loaded: Promise<void>;
  /** Resolves the first time the view called `markReady` and the map went idle after it. */
  ready: Promise<void>;
  /** Sets `data-state` (main maps only) to loading or error; ready comes through `markReady`. */
  setState(state: MapState): void;
  /** The view's data is on the map: `data-state="ready"` (and `ready` resolves) once the map is idle. */
  markReady(isCurrent?: () => boolean): void;
  /** Stops following the container and the basemap, clears the test hook, and removes the map. */
  destroy(): void;
}

export function createBaseMap(options: BaseMapOptions): BaseMap {
  const { container } = options;
  const map = new maplibregl.Map({
    container,
    style:
      options.style ??
      offlineStyle({ underFillRatio: options.underFillRatio, householdUnit: options.householdUnit, personUnit: options.personUnit }),
    bounds: options.bounds,
    fitBoundsOptions: { padding: options.padding },
    attributionControl: false,
    dragRotate: false,
    pitchWithRotate: false,
    ...options.mapOptions,
  });
  if (options.controls !== false) {
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
  }
  map.addImage(HATCH_IMAGE_ID, hatchPattern());
  const basemap = options.basemap === false ? null : new BasemapController(map);
  // Panels collapse and open beside the map: follow the container's size, not only the window's.
  const resize = new ResizeObserver(() => map.resize());
  resize.observe(container);

  const loaded = new Promise<void>((resolve) => map.once('load', () => resolve()));
  let resolveReady = () => {};
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  let removed = false;
  const setState = (state: MapState) => {
    if (!removed && options.testHook) container.setAttribute('data-state', state);
  };
  setState('loading');
  if (options.testHook) exposeTestHook({ map, ready });

  return {
    map,
    loaded,
    ready,
    setState,
    markReady(isCurrent = () => true) {
      map.once('idle', () => {
        if (removed || !isCurrent()) return;
        setState('ready');
        resolveReady();
      });
      map.triggerRepaint();
    },
    destroy() {
      removed = true;
      if (options.testHook) clearTestHook();
      resize.disconnect();
      basemap?.destroy();
      map.remove();
    },
  };
}
