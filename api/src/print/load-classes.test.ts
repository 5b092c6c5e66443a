import { describe, expect, it } from 'vitest';
import { loadColour } from '@gridatlas/core';
import { loadClassColours } from './load-classes.js';
import { renderSvgMap, type MapLayers } from './svg-map.js';

const square = (w: number): GeoJSON.Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [w, 34.2],
      [w + 0.01, 34.2],
      [w + 0.01, 34.21],
      [w, 34.21],
      [w, 34.2],
    ],
  ],
});

describe('grid-load classes for print', () => {
  it('takes the web map’s colours at the legend’s sample loads', () => {
    // The web scale's stops: green at the cap, the first red just past it, the darkest at 200 %.
    expect(loadColour(1, 0.4)).toBe('#3f9b57');
    expect(loadColour(2.5, 0.4)).toBe('#99000d');
    expect(loadColour(0, 0.4)).toBe('#f3f1ea');
    const c = loadClassColours(0.4);
    expect(c.ok).toBe(loadColour(0.8, 0.4));
    expect(c.over).toBe(loadColour(1.3, 0.4));
    expect(new Set(Object.values(c)).size).toBe(4);
  });

  it('fills grids by class and prints the classes and the rule in the legend', () => {
    const layers: MapLayers = {
      grids: [
        { code: 'a', name: 'A', geometry: square(108.9), value: 0 },
        { code: 'b', name: 'B', geometry: square(108.91), value: 2 },
        { code: 'c', name: 'C', geometry: square(108.92), value: null },
      ],
      streets: [],
      buildings: [],
    };
    const svg = renderSvgMap(layers, {
      width: 640,
      height: 450,
      categories: {
        title: '网格负荷',
        note: '负荷 = 户数 ÷ 300 户上限',
        classes: [
          { label: '偏小', color: '#111111' },
          { label: '达标', color: '#222222' },
          { label: '超标', color: '#333333' },
        ],
      },
    });
    const fills = [...svg.matchAll(/class="grid-fill"[^>]*fill="(#[0-9a-f]{6})"/g)].map((m) => m[1]);
    expect(fills).toEqual(['#111111', '#333333', '#eeeeee']);
    const legend = svg.slice(svg.indexOf('<g class="legend">'));
    for (const words of ['网格负荷', '偏小', '达标', '超标']) expect(legend).toContain(`>${words}<`);
    // The rule, wrapped to the legend's box, whole.
    const note = [...legend.matchAll(/class="legend-note"[^>]*>([^<]*)</g)].map((m) => m[1]).join('');
    expect(note).toBe('负荷 = 户数 ÷ 300 户上限');
  });
});
