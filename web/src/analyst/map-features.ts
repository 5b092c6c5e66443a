/**
 * GeoJSON the analyst's MapLibre layers read, derived from the API's collections: grids
 * with the choropleth value, and a label point per special-group hexagon.
 */
import type { FeatureCollectionOf, GridLayerProperties } from '@gridatlas/api/contract';
import type { SpecialGroupHexbins } from '@gridatlas/api/contract';
import type { ChoroplethMetric } from './analyst-layers';
import { metricValue, type GridStats } from './grid-stats';

/** The grids with `value` (the metric) where known; a grid without a value draws uncoloured. */
export function choroplethGrids(
  grids: FeatureCollectionOf<GridLayerProperties>,
  stats: ReadonlyMap<string, GridStats>,
  metric: ChoroplethMetric,
) {
  return {
    type: 'FeatureCollection' as const,
    features: grids.features.map((f) => {
      const s = stats.get(f.properties.code);
      const value = s ? metricValue(s, metric) : null;
      return {
        type: 'Feature' as const,
        geometry: f.geometry,
        properties: value === null ? { code: f.properties.code } : { code: f.properties.code, value },
      };
    }),
  };
}

/** One point per hexagon (vertex mean of its outer ring), labelled with its count or its suppressed display ("<5"). */
export function hexLabelPoints(hexagons: SpecialGroupHexbins) {
  return {
    type: 'FeatureCollection' as const,
    features: hexagons.features.flatMap((f) => {
      const ring = (f.geometry.coordinates as [number, number][][] | undefined)?.[0];
      if (f.geometry.type !== 'Polygon' || !ring?.length) return [];
      const pts = ring.length > 1 ? ring.slice(0, -1) : ring;
      const lng = pts.reduce((s, p) => s + p[0], 0) / pts.length;
      const lat = pts.reduce((s, p) => s + p[1], 0) / pts.length;
      const p = f.properties;
      const label = 'suppressed' in p ? p.display : String(p.count);
      return [
        {
          type: 'Feature' as const,
          geometry: { type: 'Point' as const, coordinates: [lng, lat] },
          properties: { label, suppressed: 'suppressed' in p },
        },
      ];
    }),
  };
}
