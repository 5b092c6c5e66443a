/**
 * Point features for labels, one per region or grid, derived from the polygon layers.
 * Pure: the same input collection gives an equal output, so callers can memoise by reference.
 */
import type { FeatureCollectionOf, GridLayerProperties, RegionLayerProperties } from '@gridatlas/api/contract';
import { labelPoint, mainRings } from './label-point';

interface PointCollection<P> {
  type: 'FeatureCollection';
  features: { type: 'Feature'; geometry: { type: 'Point'; coordinates: [number, number] }; properties: P }[];
}

export function regionLabelPoints(regions: FeatureCollectionOf<RegionLayerProperties>): PointCollection<{ code: string; name: string }> {
  return {
    type: 'FeatureCollection',
    features: regions.features.map((f) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: labelPoint(mainRings(f.geometry)) },
      properties: { code: f.properties.code, name: f.properties.name },
    })),
  };
}

/** Grid labels carry the serial (last 3 digits of the 15-digit code) and the counts. */
export function gridLabelPoints(
  grids: FeatureCollectionOf<GridLayerProperties>,
): PointCollection<{ code: string; tail: string; households: number; persons: number }> {
  return {
    type: 'FeatureCollection',
    features: grids.features.map((f) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: labelPoint(mainRings(f.geometry)) },
      properties: {
        code: f.properties.code,
        tail: f.properties.code.slice(-3),
        households: f.properties.households,
        persons: f.properties.persons,
      },
    })),
  };
}
