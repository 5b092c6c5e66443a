/** Buildings from `/api/layers/buildings` as the engine's units (one per building, point inside the footprint). */
import { representativePoint, type PlanUnit } from '@gridatlas/core';
import type { Position } from '@gridatlas/core';
import type { FeatureCollectionOf } from '@gridatlas/api/contract';

export interface BuildingProperties {
  id?: string | number;
  name?: string;
  compoundId?: string | null;
  communityCode?: string;
  floors?: number;
  households?: number;
  persons?: number;
}

export function buildingUnits(buildings: FeatureCollectionOf<BuildingProperties>): PlanUnit[] {
  const units: PlanUnit[] = [];
  buildings.features.forEach((f, i) => {
    const rings =
      f.geometry.type === 'Polygon'
        ? (f.geometry.coordinates as Position[][])
        : f.geometry.type === 'MultiPolygon'
          ? (f.geometry.coordinates as Position[][][])[0]
          : null;
    if (!rings?.[0]) return;
    units.push({
      id: String(f.id ?? f.properties.id ?? f.properties.name ?? i),
      point: representativePoint(rings),
      households: Number(f.properties.households ?? 0),
      persons: Number(f.properties.persons ?? 0),
      footprint: rings,
      compoundId: f.properties.compoundId ?? null,
    });
  });
  return units;
}
