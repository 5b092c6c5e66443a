/**
 * Layers the planner adds on top of the offline style: building points sized and coloured by
 * households, the selected grids and the grids of a clicked problem.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';

export const UNITS_SOURCE = 'planner-units';
/** Gaps, overlaps and overhangs of the draft, drawn where they are. */
export const PROBLEM_AREAS_SOURCE = 'planner-problem-areas';
/** The location of the problem last clicked in the list. */
export const PROBLEM_FOCUS_SOURCE = 'planner-problem-focus';

export function addPlannerLayers(map: MapLibreMap): void {
  map.addSource(UNITS_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  map.addLayer(
    {
      id: 'planner-units',
      type: 'circle',
      source: UNITS_SOURCE,
      paint: {
        'circle-radius': [
          'interpolate',
          ['linear'],
          ['zoom'],
          14,
          ['interpolate', ['linear'], ['get', 'households'], 0, 1.5, 200, 5],
          18,
          ['interpolate', ['linear'], ['get', 'households'], 0, 3, 200, 12],
        ],
        'circle-color': ['interpolate', ['linear'], ['get', 'households'], 0, '#d9d2c3', 60, '#8d6e63', 200, '#3e2723'],
        'circle-opacity': 0.75,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 0.6,
      },
    },
    'grids-line',
  );
  const empty = { type: 'FeatureCollection' as const, features: [] };
  map.addSource(PROBLEM_AREAS_SOURCE, { type: 'geojson', data: empty });
  map.addSource(PROBLEM_FOCUS_SOURCE, { type: 'geojson', data: empty });
  map.addLayer(
    {
      id: 'planner-problem-areas',
      type: 'fill',
      source: PROBLEM_AREAS_SOURCE,
      paint: { 'fill-color': ['match', ['get', 'severity'], 'error', '#d32f2f', '#f57c00'], 'fill-opacity': 0.55 },
    },
    'street-labels',
  );
  map.addLayer(
    {
      id: 'planner-problem-areas-line',
      type: 'line',
      source: PROBLEM_AREAS_SOURCE,
      paint: { 'line-color': ['match', ['get', 'severity'], 'error', '#b71c1c', '#e65100'], 'line-width': 1.5 },
    },
    'street-labels',
  );
  map.addLayer({
    id: 'planner-problem-focus',
    type: 'circle',
    source: PROBLEM_FOCUS_SOURCE,
    paint: { 'circle-radius': 14, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#ff6f00', 'circle-stroke-width': 3 },
  });
  map.addLayer(
    {
      id: 'planner-focus-line',
      type: 'line',
      source: 'grids',
      filter: ['in', ['get', 'key'], ['literal', []]],
      paint: { 'line-color': '#ff6f00', 'line-width': 5, 'line-dasharray': [2, 1] },
    },
    'street-labels',
  );
  map.addLayer(
    {
      id: 'planner-selected-line',
      type: 'line',
      source: 'grids',
      filter: ['in', ['get', 'key'], ['literal', []]],
      paint: { 'line-color': '#0d47a1', 'line-width': 3.5 },
    },
    'street-labels',
  );
}

export function setKeyFilter(map: MapLibreMap, layer: string, keys: readonly string[]): void {
  map.setFilter(layer, ['in', ['get', 'key'], ['literal', [...keys]]]);
}
