/**
 * The district map's state as a briefing slide's view, and back: the selected region, the layer
 * groups shown and the camera. Restoring selects the region, sets the layer toggles and hands
 * the camera to the district map (`pendingCameraStore`), which shows it instead of fitting the
 * region once that region is on the map — the one live map, not a second one.
 */
import type { BriefingView } from '@gridatlas/api/contract';
import { LAYER_GROUPS, type LayerGroup } from '../map/layer-groups';
import { layerVisibilityStore, pendingCameraStore, selectRegion, type MapCamera } from '../state/view.store';
import { roundCamera } from './analyst-slide-view';

export type BriefingDistrictView = Extract<BriefingView, { map: 'district' }>;

/** The view the district map shows now. */
export function captureDistrictView(regionCode: string, camera: MapCamera): BriefingDistrictView {
  const visible = layerVisibilityStore.get();
  return { map: 'district', regionCode, layers: LAYER_GROUPS.filter((g) => visible[g]), camera: roundCamera(camera) };
}

/** Puts a saved district view into the view stores and its camera before the district map. */
export function restoreDistrictView(view: BriefingDistrictView): void {
  const shown = new Set<LayerGroup>(view.layers);
  layerVisibilityStore.set(Object.fromEntries(LAYER_GROUPS.map((g) => [g, shown.has(g)])) as Record<LayerGroup, boolean>);
  selectRegion(view.regionCode);
  pendingCameraStore.set({ regionCode: view.regionCode, camera: view.camera });
}
