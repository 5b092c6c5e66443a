/**
 * GeoJSON for the planner map's sources, derived from the draft and its analysis: grid
 * polygons carrying load and status (the offline style colours them), label points with the
 * grid tag and counts, and building points sized by households.
 */
import type { GridMetrics, PlanUnit } from '@gridatlas/core';
import { labelPoint, mainRings } from '../map/label-point';
import type { DraftGrids } from './draft.store';

export function gridFeatures(grids: DraftGrids, metrics: ReadonlyMap<string, GridMetrics>) {
  return {
    type: 'FeatureCollection' as const,
    features: grids.map((g) => {
      const m = metrics.get(g.key);
      return {
        type: 'Feature' as const,
        geometry: g.geometry,
        properties: {
          key: g.key,
          code: g.key,
          type: g.type,
          households: m?.households ?? 0,
          persons: m?.persons ?? 0,
          load: m?.load.load ?? 0,
          status: m?.load.status ?? 'ok',
        },
      };
    }),
  };
}

export function gridLabelFeatures(grids: DraftGrids, metrics: ReadonlyMap<string, GridMetrics>, tag: (key: string) => string) {
  return {
    type: 'FeatureCollection' as const,
    features: grids.map((g) => {
      const m = metrics.get(g.key);
      return {
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: labelPoint(mainRings(g.geometry)) },
        properties: { code: g.key, tail: tag(g.key), households: m?.households ?? 0, persons: m?.persons ?? 0 },
      };
    }),
  };
}

export function unitFeatures(units: readonly PlanUnit[]) {
  return {
    type: 'FeatureCollection' as const,
    features: units.map((u, i) => ({
      type: 'Feature' as const,
      id: i,
      geometry: { type: 'Point' as const, coordinates: u.point },
      properties: { i, households: u.households },
    })),
  };
}
