/**
 * The analyst view's MapLibre layers on top of the offline basemap: grid choropleth (on the
 * basemap's `grids` source), incident points from vector tiles, dead-corner streets and
 * special-group hexagons with suppressed cells hatched and labelled. Which ones show is
 * decided by `showAnalystLayer`; deck.gl draws the rest (heat, hexbins, tracks).
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { hatchPattern } from '../map/hatch-pattern';
import { LABEL_FONTS } from '../map/offline-style';
import type { AnalystLayer } from './analyst-layers';

export const INCIDENT_TILES_SOURCE = 'analyst-incidents';
export const DEAD_CORNERS_SOURCE = 'analyst-dead-corners';
export const SPECIAL_SOURCE = 'analyst-special';
export const SPECIAL_LABELS_SOURCE = 'analyst-special-labels';
/** Incident points show from this zoom (the tiles are requested from it). */
export const POINTS_MIN_ZOOM = 13;
const SPECIAL_HATCH = 'analyst-hatch-suppressed';

const empty = (): { type: 'geojson'; data: { type: 'FeatureCollection'; features: [] } } => ({
  type: 'geojson',
  data: { type: 'FeatureCollection', features: [] },
});
const halo = { 'text-halo-color': '#ffffff', 'text-halo-width': 1.6 } as const;

/** Basemap layers that would compete with the analyses (load colours, plan labels). */
const BASEMAP_HIDDEN = ['grids-fill', 'grids-over-hatch', 'grids-over-line', 'grid-labels', 'grids-selected-line', 'buildings-extrusion'];

export const ANALYST_MAP_LAYERS: Record<AnalystLayer, readonly string[]> = {
  heat: [],
  hexbin: [],
  points: ['analyst-incident-points'],
  choropleth: ['analyst-choropleth'],
  tracks: [],
  coverage: ['analyst-choropleth', 'analyst-dead-corners'],
  special: ['analyst-special-fill', 'analyst-special-hatch', 'analyst-special-line', 'analyst-special-labels'],
  workload: ['analyst-choropleth'],
  // Grids with suppressed cells hatched and labelled: the special-group layers, fed grid polygons.
  visits: ['analyst-special-fill', 'analyst-special-hatch', 'analyst-special-line', 'analyst-special-labels'],
};

/** Adds the sources and layers (all hidden); the incident tile source comes with its first URL. */
export function addAnalystLayers(map: MapLibreMap, tilesUrl: string): void {
  for (const id of BASEMAP_HIDDEN) if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', 'none');
  // Buildings stay flat footprints: extrusions would hide the analyses at close zoom.
  map.setLayerZoomRange('buildings-fill', 0, 24);
  map.addImage(SPECIAL_HATCH, hatchPattern(10, [84, 39, 143, 230]));
  map.addSource(INCIDENT_TILES_SOURCE, { type: 'vector', tiles: [tilesUrl], minzoom: POINTS_MIN_ZOOM, maxzoom: 16 });
  map.addSource(DEAD_CORNERS_SOURCE, empty());
  map.addSource(SPECIAL_SOURCE, empty());
  map.addSource(SPECIAL_LABELS_SOURCE, empty());
  const hidden = { visibility: 'none' } as const;
  // Under the grid outlines and streets, so both stay readable over the colours.
  map.addLayer(
    {
      id: 'analyst-choropleth',
      type: 'fill',
      source: 'grids',
      layout: hidden,
      paint: { 'fill-color': 'rgba(0,0,0,0)', 'fill-opacity': 0.78 },
    },
    'streets-casing',
  );
  map.addLayer({ id: 'analyst-grid-hit', type: 'fill', source: 'grids', paint: { 'fill-color': '#000000', 'fill-opacity': 0 } });
  map.addLayer({
    id: 'analyst-grid-selected',
    type: 'line',
    source: 'grids',
    filter: ['==', ['get', 'code'], ''],
    paint: { 'line-color': '#0d47a1', 'line-width': 3.5 },
  });
  map.addLayer({
    id: 'analyst-dead-corners',
    type: 'line',
    source: DEAD_CORNERS_SOURCE,
    layout: { ...hidden, 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': '#d50000', 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 2, 16, 6] },
  });
  map.addLayer({
    id: 'analyst-special-fill',
    type: 'fill',
    source: SPECIAL_SOURCE,
    filter: ['!', ['has', 'suppressed']],
    layout: hidden,
    paint: { 'fill-color': 'rgba(0,0,0,0)', 'fill-opacity': 0.75 },
  });
  map.addLayer({
    id: 'analyst-special-hatch',
    type: 'fill',
    source: SPECIAL_SOURCE,
    filter: ['has', 'suppressed'],
    layout: hidden,
    paint: { 'fill-pattern': SPECIAL_HATCH, 'fill-opacity': 0.8 },
  });
  map.addLayer({
    id: 'analyst-special-line',
    type: 'line',
    source: SPECIAL_SOURCE,
    layout: hidden,
    paint: { 'line-color': '#54278f', 'line-width': 0.6, 'line-opacity': 0.6 },
  });
  map.addLayer({
    id: 'analyst-special-labels',
    type: 'symbol',
    source: SPECIAL_LABELS_SOURCE,
    layout: { ...hidden, 'text-field': ['get', 'label'], 'text-font': LABEL_FONTS, 'text-size': 11, 'text-padding': 2 },
    paint: { 'text-color': '#2d004b', ...halo },
  });
  map.addLayer({
    id: 'analyst-incident-points',
    type: 'circle',
    source: INCIDENT_TILES_SOURCE,
    'source-layer': 'incidents',
    layout: hidden,
    paint: {
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 13, 2.2, 18, 7],
      'circle-color': '#888888',
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 0.8,
    },
  });
}

/** Shows the MapLibre layers of `layer` and hides the others. */
export function showAnalystLayer(map: MapLibreMap, layer: AnalystLayer): void {
  const visible = new Set(ANALYST_MAP_LAYERS[layer]);
  for (const id of new Set(Object.values(ANALYST_MAP_LAYERS).flat()))
    map.setLayoutProperty(id, 'visibility', visible.has(id) ? 'visible' : 'none');
}
