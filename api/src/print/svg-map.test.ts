import { describe, expect, it } from 'vitest';
import { choroplethClasses, classColor, NO_DATA_FILL } from './choropleth.js';
import { fitFrame } from './map-frame.js';
import { roundScaleLength } from './map-furniture.js';
import { renderSvgMap, type MapLayers } from './svg-map.js';

const square = (w: number, s: number, e: number, n: number): GeoJSON.Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ],
});

const layers: MapLayers = {
  grids: [
    { code: '610198001001001', name: '西一网格', geometry: square(108.9, 34.2, 108.91, 34.22), value: 3 },
    { code: '610198001001002', name: '西二网格', geometry: square(108.91, 34.2, 108.92, 34.22), value: 40 },
    { code: '610198001002001', name: '东一<网格>', geometry: square(108.92, 34.2, 108.94, 34.22), value: null },
  ],
  streets: [
    {
      name: '横一路',
      class: 'arterial',
      geometry: {
        type: 'LineString',
        coordinates: [
          [108.94, 34.21],
          [108.9, 34.21],
        ],
      },
    },
    {
      name: '西巷',
      class: 'lane',
      geometry: {
        type: 'LineString',
        coordinates: [
          [108.91, 34.2],
          [108.91, 34.22],
        ],
      },
    },
  ],
  buildings: [square(108.9048, 34.2048, 108.9052, 34.2052), { type: 'Point', coordinates: [108.925, 34.205] }],
};

describe('fitFrame', () => {
  it('keeps north up, centres the box and scales uniformly', () => {
    const f = fitFrame([108.9, 34.2, 108.94, 34.22], 800, 800, 0);
    const [xw, yn] = f.project(108.9, 34.22);
    const [xe, ys] = f.project(108.94, 34.2);
    expect(xw).toBeCloseTo(0, 6);
    expect(xe).toBeCloseTo(800, 6);
    expect(yn).toBeLessThan(ys);
    expect((yn + ys) / 2).toBeCloseTo(400, 6);
    // 0.04° of longitude at 34.21° N is ~3 683 m on the ground across 800 units.
    expect(f.metresPerUnit * 800).toBeGreaterThan(3600);
    expect(f.metresPerUnit * 800).toBeLessThan(3760);
  });
});

describe('map furniture and classes', () => {
  it('rounds the scale bar down to 1, 2 or 5 × 10ⁿ metres', () => {
    expect(roundScaleLength(930)).toBe(500);
    expect(roundScaleLength(1999)).toBe(1000);
    expect(roundScaleLength(260)).toBe(200);
  });

  it('gives equal nice classes covering every value, darkest on top, no-data grey', () => {
    const classes = choroplethClasses([3, 40, 17]);
    expect(classes[0]!.from).toBeLessThanOrEqual(3);
    expect(classes[classes.length - 1]!.to).toBeGreaterThanOrEqual(40);
    expect(classColor(classes, 40)).toBe('#bd0026');
    expect(classColor(classes, null)).toBe(NO_DATA_FILL);
    expect(classColor(classes, 3)).not.toBe(classColor(classes, 40));
  });
});

describe('renderSvgMap', () => {
  it('draws grids, streets with names, buildings, north arrow and scale bar, escaping text', () => {
    const svg = renderSvgMap(layers, { width: 800, height: 600 });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/class="grid"/g)).toHaveLength(3);
    expect(svg).toContain('>横一路</textPath>');
    expect(svg).toContain('class="buildings"');
    expect(svg).toContain('class="building-points"');
    expect(svg).toContain('class="north-arrow"');
    expect(svg).toMatch(/class="scale-bar".*(m|km)<\/text>/s);
    expect(svg).toContain('东一&lt;网格&gt;');
    expect(svg).not.toContain('东一<网格>');
  });

  it('runs street names left to right even when the line is drawn westward', () => {
    const svg = renderSvgMap(layers, { width: 800, height: 600 });
    const path = /<path id="street-label-\d+" d="M([\d.]+),[\d.]+L([\d.]+),/.exec(svg)!;
    expect(Number(path[1])).toBeLessThan(Number(path[2]));
  });

  it('fills a choropleth with a legend and highlights one grid on its own frame', () => {
    const choro = renderSvgMap(layers, { width: 800, height: 600, choropleth: { title: '事件数' } });
    expect(choro).toContain('class="legend"');
    expect(choro).toContain('>事件数</text>');
    expect(choro).toContain('fill="#bd0026"');
    const hl = renderSvgMap(layers, { width: 800, height: 600, highlight: '610198001001002' });
    expect(hl).toContain('class="grid grid-highlight" data-code="610198001001002"');
    expect(hl).not.toContain('class="legend"');
  });
});
