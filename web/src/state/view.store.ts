/**
 * What the user is looking at: the selected region (district, subdistrict or community
 * code; null until the region list arrives), visible layer groups and the clicked grid.
 * Each is its own store so a change to one re-renders only its readers.
 */
import type { GridLayerProperties } from '@gridatlas/api/contract';
import { LAYER_GROUPS, type LayerGroup } from '../map/layer-groups';
import { createStore } from './create-store';

export const regionCodeStore = createStore<string | null>(null);

export const layerVisibilityStore = createStore<Readonly<Record<LayerGroup, boolean>>>(
  Object.fromEntries(LAYER_GROUPS.map((g) => [g, true])) as Record<LayerGroup, boolean>,
);

export function toggleLayer(group: LayerGroup): void {
  layerVisibilityStore.set((prev) => ({ ...prev, [group]: !prev[group] }));
}

export const selectedGridStore = createStore<GridLayerProperties | null>(null);

export function selectRegion(code: string): void {
  regionCodeStore.set(code);
  selectedGridStore.set(null);
}

export const panelOpenStore = createStore(true);

/** A camera, `[lng, lat]` degrees WGS84 and MapLibre's zoom, bearing and pitch (degrees). */
export interface MapCamera {
  center: [number, number];
  zoom: number;
  bearing: number;
  pitch: number;
}

/**
 * A camera the district map should show once `regionCode` is its region (a briefing slide being
 * presented), instead of fitting the region's bounds; the map clears it when applied.
 */
export const pendingCameraStore = createStore<{ regionCode: string; camera: MapCamera } | null>(null);
