/**
 * The grids of the jurisdiction under an incident map (the dispatcher's and the worker's phone
 * map): outlines, and the grid's serial (the last 3 digits of its 15-digit code) where labels
 * fit — from zoom 14, dropped by MapLibre's collision where grids are too small — as on the
 * planner's map, but without the planner's load colours, which would compete with the incident
 * states. Uses the offline style's own `grids` / `labels-grids` sources and layers.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { FeatureCollectionOf, GridLayerProperties } from '@gridatlas/api/contract';
import { getJson } from '../api/api-client';
import { gridLabelPoints } from '../map/label-sources';
import { setSourceData } from '../map/set-source-data';

export type GridCollection = FeatureCollectionOf<GridLayerProperties>;

/** The grids in force of a region (district, subdistrict, community), clipped by the API to the caller's jurisdiction. */
export const fetchIncidentGrids = (region: string, signal?: AbortSignal): Promise<GridCollection> =>
  getJson<GridCollection>(`/api/layers/grids?region=${encodeURIComponent(region)}&plan=current`, signal);

/** Restyles the style's grid layers for an incident map; call once the style has loaded. */
export function styleIncidentGrids(map: MapLibreMap): void {
  // A faint tint keeps the fill hit-testable for clicks without colouring grids by load.
  map.setPaintProperty('grids-fill', 'fill-color', '#eef2f7');
  map.setPaintProperty('grids-fill', 'fill-opacity', 0.25);
  map.setLayoutProperty('grids-over-hatch', 'visibility', 'none');
  map.setLayoutProperty('grids-over-line', 'visibility', 'none');
  map.setPaintProperty('grids-line', 'line-color', '#1f4e79');
  map.setPaintProperty('grids-line', 'line-width', ['interpolate', ['linear'], ['zoom'], 11, 0.6, 14, 1.3, 17, 2.4]);
  map.setLayoutProperty('grid-labels', 'text-field', ['get', 'tail']);
  map.setLayoutProperty('grid-labels', 'text-size', ['interpolate', ['linear'], ['zoom'], 14, 11, 17, 14]);
  map.setLayerZoomRange('grid-labels', 14, 24);
}

/** Puts the grids (and their label points) on the map. */
export async function showIncidentGrids(map: MapLibreMap, grids: GridCollection): Promise<void> {
  await Promise.all([setSourceData(map, 'grids', grids), setSourceData(map, 'labels-grids', gridLabelPoints(grids))]);
}

/** Outlines one grid (the dispatcher's grid filter) or none. */
export function outlineIncidentGrid(map: MapLibreMap, code: string | null): void {
  map.setFilter('grids-selected-line', ['==', ['get', 'code'], code ?? '']);
}
