/**
 * The one place a GridAtlas map is set up: the offline style, navigation and scale controls,
 * the hatch image, following the container's size, and the district's basemap underneath
 * (BasemapController). The district view, the planner and the analyst each call this and add
 * their own layers on top; none repeats the set-up.
 */
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { BasemapController } from './basemap/basemap.controller';
import { HATCH_IMAGE_ID, hatchPattern } from './hatch-pattern';
import { offlineStyle } from './offline-style';
import './basemap/basemap.css';

maplibregl.setWorkerUrl(workerUrl);

export interface BaseMapOptions {
  container: HTMLElement;
  /** `[west, south, east, north]` in degrees, fitted at start. */
  bounds: [number, number, number, number];
  padding: number;
  underFillRatio: number;
  householdUnit: string;
  personUnit: string;
  /** Anything else the view needs (`doubleClickZoom`, `canvasContextAttributes`, …). */
  mapOptions?: Partial<maplibregl.MapOptions>;
}

export interface BaseMap {
  map: maplibregl.Map;
  /** Stops following the container and the basemap, and removes the map. */
  destroy(): void;
}

export function createBaseMap(options: BaseMapOptions): BaseMap {
  const { container } = options;
  const map = new maplibregl.Map({
    container,
    style: offlineStyle({ underFillRatio: options.underFillRatio, householdUnit: options.householdUnit, personUnit: options.personUnit }),
    bounds: options.bounds,
    fitBoundsOptions: { padding: options.padding },
    attributionControl: false,
    dragRotate: false,
    pitchWithRotate: false,
    ...options.mapOptions,
  });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
  map.addImage(HATCH_IMAGE_ID, hatchPattern());
  const basemap = new BasemapController(map);
  // Panels collapse and open beside the map: follow the container's size, not only the window's.
  const resize = new ResizeObserver(() => map.resize());
  resize.observe(container);
  return {
    map,
    destroy() {
      resize.disconnect();
      basemap.destroy();
      map.remove();
    },
  };
}
