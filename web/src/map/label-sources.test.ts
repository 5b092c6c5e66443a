import { describe, expect, it } from 'vitest';
import type { FeatureCollectionOf, GridLayerProperties } from '@gridatlas/api/contract';
import { gridLabelPoints } from './label-sources';

describe('gridLabelPoints', () => {
  it('puts one point inside each grid with its serial and counts', () => {
    const grids: FeatureCollectionOf<GridLayerProperties> = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          id: 1,
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [108.9, 34.2],
                [108.91, 34.2],
                [108.91, 34.21],
                [108.9, 34.21],
                [108.9, 34.2],
              ],
            ],
          },
          properties: {
            code: '610199001001007',
            name: '第7网格',
            type: 'comprehensive',
            communityCode: '610199001001',
            zoneCode: null,
            households: 312,
            persons: 845,
            buildings: 6,
            load: 1.04,
            status: 'over',
          },
        },
      ],
    };
    const [point] = gridLabelPoints(grids).features;
    expect(point?.properties).toEqual({ code: '610199001001007', tail: '007', households: 312, persons: 845 });
    expect(point?.geometry.coordinates[0]).toBeCloseTo(108.905, 6);
    expect(point?.geometry.coordinates[1]).toBeCloseTo(34.205, 6);
  });
});
