/**
 * The basemap style, built only from our own GeoJSON layers: no tile server, no sprite and
 * no `glyphs` URL. MapLibre 6 draws every label glyph locally with TinySDF from the fonts
 * named in `text-font` (CSS font families) when the style has no glyphs URL, so Chinese
 * and Latin text both render offline and still get MapLibre's collision detection.
 */
import type { StyleSpecification } from 'maplibre-gl';
import { HATCH_IMAGE_ID } from './hatch-pattern';
import { DEDICATED_GRID_COLOUR, loadColourExpression } from './load-colour';

/** CSS font families, first match wins; Noto CJK on Linux, YaHei on Windows, PingFang on macOS. */
export const LABEL_FONTS = ['Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', 'sans-serif'];

export const DATA_SOURCES = ['subdistricts', 'communities', 'streets', 'compounds', 'buildings', 'grids'] as const;
export const LABEL_SOURCES = ['labels-subdistricts', 'labels-communities', 'labels-grids'] as const;

const halo = { 'text-halo-color': '#ffffff', 'text-halo-width': 1.6, 'text-halo-blur': 0.4 } as const;

/** Text of a grid label: code tail, then households and persons with the locale's units. */
export function gridLabelField(householdUnit: string, personUnit: string): unknown[] {
  return [
    'format',
    ['get', 'tail'],
    { 'font-scale': 1.1 },
    '\n',
    {},
    ['concat', ['to-string', ['get', 'households']], householdUnit, ' / ', ['to-string', ['get', 'persons']], personUnit],
    { 'font-scale': 0.9 },
  ];
}

export function offlineStyle(options: { underFillRatio: number; householdUnit: string; personUnit: string }): StyleSpecification {
  const sources = Object.fromEntries(
    [...DATA_SOURCES, ...LABEL_SOURCES].map((id) => [id, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } }]),
  ) as StyleSpecification['sources'];
  const zoomWidth = (pairs: number[]) => ['interpolate', ['exponential', 1.6], ['zoom'], ...pairs];
  // Widths in pixels at zooms 11, 14 and 17 by street class; MapLibre allows one zoom curve per expression, at its top.
  const STREET_WIDTHS: Record<string, [number, number, number]> = {
    arterial: [2, 7, 26],
    secondary: [1.2, 4.5, 16],
    branch: [0.6, 2.5, 9],
    lane: [0.3, 1.2, 5],
  };
  const streetWidth = (extra: number) => [
    'interpolate',
    ['exponential', 1.6],
    ['zoom'],
    ...[11, 14, 17].flatMap((zoom, i) => [
      zoom,
      [
        'match',
        ['get', 'class'],
        ...Object.entries(STREET_WIDTHS).flatMap(([cls, w]) => (cls === 'lane' ? [] : [cls, w[i]! + extra])),
        STREET_WIDTHS['lane']![i]! + extra,
      ],
    ]),
  ];
  const style = {
    version: 8,
    name: 'gridatlas-offline',
    sources,
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#e4e1d9' } },
      { id: 'communities-fill', type: 'fill', source: 'communities', paint: { 'fill-color': '#f2f0ea' } },
      {
        id: 'compounds-fill',
        type: 'fill',
        source: 'compounds',
        paint: {
          'fill-color': [
            'match',
            ['get', 'kind'],
            'school',
            '#e4dcef',
            'hospital',
            '#f4dcdc',
            'enterprise',
            '#dfe3e8',
            'park',
            '#d3e9c9',
            '#ebe6dc',
          ],
        },
      },
      { id: 'compounds-line', type: 'line', source: 'compounds', minzoom: 14, paint: { 'line-color': '#c9bfae', 'line-width': 0.8 } },
      {
        id: 'grids-fill',
        type: 'fill',
        source: 'grids',
        // Dedicated grids (专属网格) are carved out of the household totals: no load colour.
        paint: {
          'fill-color': ['case', ['==', ['get', 'type'], 'dedicated'], DEDICATED_GRID_COLOUR, loadColourExpression(options.underFillRatio)],
          'fill-opacity': 0.62,
        },
      },
      {
        id: 'grids-over-hatch',
        type: 'fill',
        source: 'grids',
        filter: ['==', ['get', 'status'], 'over'],
        paint: { 'fill-pattern': HATCH_IMAGE_ID, 'fill-opacity': 0.55 },
      },
      {
        id: 'streets-casing',
        type: 'line',
        source: 'streets',
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': '#9d968a', 'line-width': streetWidth(1.5) },
      },
      {
        id: 'streets-line',
        type: 'line',
        source: 'streets',
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: {
          'line-color': ['match', ['get', 'class'], 'arterial', '#ffe7a0', 'secondary', '#fff6d8', '#ffffff'],
          'line-width': streetWidth(0),
          'line-opacity': 0.92,
        },
      },
      {
        id: 'buildings-fill',
        type: 'fill',
        source: 'buildings',
        maxzoom: 16.5,
        // Faint at district zoom, where ~2,000 footprints would drown the grid load colours.
        paint: {
          'fill-color': '#a7a096',
          'fill-outline-color': '#8c857b',
          'fill-opacity': ['interpolate', ['linear'], ['zoom'], 13, 0.3, 15, 0.85],
        },
      },
      {
        id: 'buildings-extrusion',
        type: 'fill-extrusion',
        source: 'buildings',
        minzoom: 16.5,
        paint: {
          'fill-extrusion-color': ['interpolate', ['linear'], ['get', 'floors'], 1, '#c4bdb2', 30, '#8a8378'],
          // About 3 m a storey; flat from straight above, tall when the map is tilted.
          'fill-extrusion-height': ['*', ['to-number', ['get', 'floors'], 1], 3],
          'fill-extrusion-opacity': 0.9,
        },
      },
      {
        id: 'grids-line',
        type: 'line',
        source: 'grids',
        paint: {
          'line-color': '#4f6272',
          'line-width': zoomWidth([12, 0.5, 15, 1.2, 18, 2.5]),
        },
      },
      {
        id: 'grids-over-line',
        type: 'line',
        source: 'grids',
        filter: ['==', ['get', 'status'], 'over'],
        paint: { 'line-color': '#c62828', 'line-width': zoomWidth([12, 1, 15, 2.2, 18, 3.5]) },
      },
      {
        id: 'communities-line',
        type: 'line',
        source: 'communities',
        paint: { 'line-color': '#6d4c9f', 'line-width': zoomWidth([11, 0.8, 14, 1.8, 17, 3]), 'line-opacity': 0.85 },
      },
      {
        id: 'subdistricts-line',
        type: 'line',
        source: 'subdistricts',
        layout: { 'line-join': 'round' },
        paint: { 'line-color': '#3b2a63', 'line-width': zoomWidth([11, 1.6, 14, 3, 17, 5]), 'line-dasharray': [4, 1.5] },
      },
      {
        id: 'grids-selected-line',
        type: 'line',
        source: 'grids',
        filter: ['==', ['get', 'code'], ''],
        paint: { 'line-color': '#0d47a1', 'line-width': 4 },
      },
      {
        id: 'street-labels',
        type: 'symbol',
        source: 'streets',
        minzoom: 14.5,
        layout: {
          'symbol-placement': 'line',
          'text-field': ['get', 'name'],
          'text-font': LABEL_FONTS,
          'text-size': 11,
          'symbol-spacing': 320,
        },
        paint: { 'text-color': '#6b604e', ...halo },
      },
      {
        id: 'grid-labels',
        type: 'symbol',
        source: 'labels-grids',
        minzoom: 15,
        layout: {
          'text-field': gridLabelField(options.householdUnit, options.personUnit),
          'text-font': LABEL_FONTS,
          'text-size': 12,
          'text-line-height': 1.25,
          'text-padding': 4,
          'text-max-width': 12,
          // Fuller grids first when space is short.
          'symbol-sort-key': ['-', 0, ['to-number', ['get', 'households'], 0]],
        },
        paint: { 'text-color': '#263238', ...halo },
      },
      {
        id: 'community-labels',
        type: 'symbol',
        source: 'labels-communities',
        minzoom: 12,
        layout: {
          'text-field': ['get', 'name'],
          'text-font': LABEL_FONTS,
          'text-size': ['interpolate', ['linear'], ['zoom'], 12, 11, 15, 14],
          'text-padding': 6,
          'text-max-width': 7,
        },
        paint: { 'text-color': '#4a2f7a', ...halo },
      },
      {
        id: 'subdistrict-labels',
        type: 'symbol',
        source: 'labels-subdistricts',
        maxzoom: 14.5,
        layout: {
          'text-field': ['get', 'name'],
          'text-font': LABEL_FONTS,
          'text-size': 15,
          'text-letter-spacing': 0.15,
          'text-padding': 10,
        },
        paint: { 'text-color': '#2b1d4d', 'text-opacity': ['interpolate', ['linear'], ['zoom'], 12, 0.9, 14.5, 0.5], ...halo },
      },
    ],
  };
  return style as unknown as StyleSpecification;
}
