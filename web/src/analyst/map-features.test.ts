import { describe, expect, it } from 'vitest';
import { hexLabelPoints } from './map-features';

describe('hexLabelPoints', () => {
  it('labels each hexagon at its centre with the count or the suppressed display', () => {
    const ring = [
      [0, 0],
      [2, 0],
      [2, 2],
      [0, 2],
      [0, 0],
    ];
    const out = hexLabelPoints({
      type: 'FeatureCollection',
      sizeM: 500,
      threshold: 5,
      category: null,
      features: [
        { type: 'Feature', id: 1, geometry: { type: 'Polygon', coordinates: [ring] }, properties: { count: 12 } },
        {
          type: 'Feature',
          id: 2,
          geometry: { type: 'Polygon', coordinates: [ring] },
          properties: { suppressed: true, display: '<5', reason: 'small' },
        },
      ],
    });
    expect(out.features.map((f) => [f.geometry.coordinates, f.properties.label])).toEqual([
      [[1, 1], '12'],
      [[1, 1], '<5'],
    ]);
  });
});
