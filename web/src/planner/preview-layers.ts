/**
 * The engine's proposal on the planner map: its grids outlined in dashed purple over the
 * draft (new and reshaped grids tinted, untouched ones outline only), each labelled with
 * its households; while a proposal is shown the draft's own fill and labels step back.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { labelPoint, mainRings } from '../map/label-point';
import { LABEL_FONTS } from '../map/offline-style';
import type { DraftGrids } from './draft.store';

export const PREVIEW_SOURCE = 'planner-preview';
export const PREVIEW_LABELS_SOURCE = 'planner-preview-labels';
const DRAFT_LAYERS_HIDDEN_IN_PREVIEW = ['grids-fill', 'grids-over-hatch', 'grid-labels'];

export function addPreviewLayers(map: MapLibreMap): void {
  const empty = { type: 'FeatureCollection' as const, features: [] };
  map.addSource(PREVIEW_SOURCE, { type: 'geojson', data: empty });
  map.addSource(PREVIEW_LABELS_SOURCE, { type: 'geojson', data: empty });
  map.addLayer(
    {
      id: 'planner-preview-fill',
      type: 'fill',
      source: PREVIEW_SOURCE,
      filter: ['get', 'changed'],
      paint: { 'fill-color': ['case', ['get', 'exception'], '#ef6c00', '#8e24aa'], 'fill-opacity': 0.14 },
    },
    'street-labels',
  );
  map.addLayer(
    {
      id: 'planner-preview-line',
      type: 'line',
      source: PREVIEW_SOURCE,
      paint: { 'line-color': '#6a1b9a', 'line-width': ['case', ['get', 'changed'], 2.6, 1.2], 'line-dasharray': [3, 1.5] },
    },
    'street-labels',
  );
  map.addLayer({
    id: 'planner-preview-labels',
    type: 'symbol',
    source: PREVIEW_LABELS_SOURCE,
    layout: {
      'text-field': ['get', 'text'],
      'text-font': LABEL_FONTS,
      'text-size': 12,
      'text-padding': 3,
      'symbol-sort-key': ['-', 0, ['get', 'households']],
    },
    paint: { 'text-color': '#4a148c', 'text-halo-color': '#ffffff', 'text-halo-width': 1.8 },
  });
}

export interface PreviewGrid {
  geometry: DraftGrids[number]['geometry'];
  households: number;
  changed: boolean;
  exception: boolean;
}

export function previewFeatures(grids: readonly PreviewGrid[], label: (g: PreviewGrid) => string) {
  return {
    shapes: {
      type: 'FeatureCollection' as const,
      features: grids.map((g) => ({
        type: 'Feature' as const,
        geometry: g.geometry,
        properties: { changed: g.changed, exception: g.exception, households: g.households },
      })),
    },
    labels: {
      type: 'FeatureCollection' as const,
      features: grids.map((g) => ({
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: labelPoint(mainRings(g.geometry)) },
        properties: { text: label(g), households: g.households },
      })),
    },
  };
}

/** Shows or hides the draft's fill and labels (hidden while a proposal is previewed). */
export function showDraftFill(map: MapLibreMap, visible: boolean): void {
  for (const id of DRAFT_LAYERS_HIDDEN_IN_PREVIEW) {
    if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
  }
}
