/**
 * The map's staffing layer: grids of the `grids` source filled by their roster status (a
 * vacancy, an overload, both, or fully staffed) from `staffingStatusStore`, above the load
 * colours and below the grid lines. Added to a loaded map; hidden while the store is null.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Store } from '../state/create-store';
import { STAFFING_COLOURS, type StaffingStatus } from './staffing.store';

export const STAFFING_LAYER_ID = 'staffing-fill';

export function attachStaffingLayer(map: MapLibreMap, store: Store<Readonly<Record<string, StaffingStatus>> | null>): () => void {
  if (!map.getLayer(STAFFING_LAYER_ID)) {
    map.addLayer(
      {
        id: STAFFING_LAYER_ID,
        type: 'fill',
        source: 'grids',
        layout: { visibility: 'none' },
        paint: { 'fill-color': STAFFING_COLOURS.ok, 'fill-opacity': 0.72 },
      },
      map.getLayer('grids-line') ? 'grids-line' : undefined,
    );
  }
  const show = () => {
    const status = store.get();
    if (!map.getLayer(STAFFING_LAYER_ID)) return;
    if (!status) {
      map.setLayoutProperty(STAFFING_LAYER_ID, 'visibility', 'none');
      return;
    }
    const pairs = Object.entries(status).flatMap(([code, s]) => [code, STAFFING_COLOURS[s]]);
    // A grid the checks do not cover (another community) stays uncoloured.
    const colour = pairs.length ? ['match', ['get', 'code'], ...pairs, 'rgba(0,0,0,0)'] : 'rgba(0,0,0,0)';
    // maplibre-gl does not export its ExpressionSpecification type; the expression is validated at runtime.
    map.setPaintProperty(STAFFING_LAYER_ID, 'fill-color', colour as never);
    map.setLayoutProperty(STAFFING_LAYER_ID, 'visibility', 'visible');
  };
  show();
  return store.subscribe(show);
}
