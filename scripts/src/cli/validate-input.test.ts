import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { IMPLICIT_COMMUNITY, readCommunities, readGrids, readUnits } from './validate-input.js';

const square = (x: number, y: number, size: number, properties: Record<string, unknown> = {}): Feature<Polygon> => ({
  type: 'Feature',
  properties,
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [x, y],
        [x + size, y],
        [x + size, y + size],
        [x, y + size],
        [x, y],
      ],
    ],
  },
});

describe('validate input', () => {
  it('reads grid codes, communities and zones from their properties, else from the feature', () => {
    const { grids } = readGrids([
      square(0, 0, 1, { code: 'G1', communityCode: 'C1', zone: 'Z1' }),
      { ...square(1, 0, 1, { community: 'C2' }), id: 7 },
      square(2, 0, 1),
    ]);
    expect(grids.map((g) => [g.code, g.communityCode, g.zoneCode])).toEqual([
      ['G1', 'C1', 'Z1'],
      ['7', 'C2', undefined],
      ['3', IMPLICIT_COMMUNITY, undefined],
    ]);
  });

  it('matches boundary features to communities by code, and refuses a community without one', () => {
    const { grids } = readGrids([square(0, 0, 1, { communityCode: 'C1' }), square(2, 0, 1, { communityCode: 'C2' })]);
    const { communities } = readCommunities(grids, [square(2, 0, 2, { code: 'C2' }), square(0, 0, 2, { code: 'C1' })]);
    expect(communities.map((c) => [c.code, c.geometry.coordinates[0]![0]![0]])).toEqual([
      ['C1', 0],
      ['C2', 2],
    ]);
    expect(() => readCommunities(grids, [square(0, 0, 2, { code: 'C1' })])).toThrow(/no boundary feature has code "C2"/);
    // Without a boundary, a community is the union of its grids.
    expect(readCommunities(readGrids([square(0, 0, 1), square(1, 0, 1)]).grids, undefined).communities[0]!.geometry.type).toBe('Polygon');
  });

  it('places a multipolygon unit by its largest part, with a point inside it, and keeps every part', () => {
    const unit: Feature<MultiPolygon> = {
      type: 'Feature',
      properties: { hh: '12', pop: 30 },
      geometry: {
        type: 'MultiPolygon',
        coordinates: [square(0, 0, 0.1).geometry.coordinates, square(1, 1, 0.5).geometry.coordinates],
      },
    };
    const read = readUnits([unit], { households: 'hh', persons: 'pop' });
    const u = read.units[0];
    expect(u).toMatchObject({ id: '1', households: 12, persons: 30, point: [1.25, 1.25] });
    expect(u!.footprint![0]![0]).toEqual([1, 1]);
    expect(read.geometries[0]!.type).toBe('MultiPolygon');
  });

  it('refuses a file with unreadable geometry, naming each feature by its own id', () => {
    const projected = square(512345, 3380000, 100, { GEOID: '420100001', hh: 1, pop: 2 });
    expect(() => readUnits([square(0, 0, 1, { hh: 1, pop: 2 }), projected], { households: 'hh', persons: 'pop' })).toThrow(
      /--units: 1 of 2 feature\(s\) cannot be read, nothing was done — projected_coordinates × 1 \(420100001\): coordinates look projected \(x≈512345, y≈3380000\)/,
    );
  });
});
