/**
 * The community's base layers for the planner (boundary, streets, buildings, compounds),
 * fetched once per community, and the engine context derived from them.
 */
import type { RuleProfile } from '@gridatlas/core';
import type { MultiPolygon, Polygon, Position } from '@gridatlas/core';
import { getJson } from '../api/api-client';
import type { FeatureCollectionOf, Geometry } from '@gridatlas/api/contract';
import { plannerContext, type PlannerContext } from './plan-analysis';
import { buildingUnits, type BuildingProperties } from './plan-units';
import { linesOf, streetsNear } from './snap-targets';

type AnyCollection = FeatureCollectionOf<Record<string, unknown>>;

export interface PlannerData {
  boundary: Geometry;
  bbox: [number, number, number, number];
  streets: AnyCollection;
  /** Street centrelines near the community, for snapping. */
  streetLines: Position[][];
  buildings: FeatureCollectionOf<BuildingProperties>;
  compounds: AnyCollection;
}

export async function loadPlannerData(
  communityCode: string,
  profile: RuleProfile,
  signal: AbortSignal,
): Promise<{ data: PlannerData; ctx: PlannerContext }> {
  const region = encodeURIComponent(communityCode);
  const [communities, streets, buildings, compounds] = await Promise.all([
    getJson<AnyCollection>(`/api/layers/communities?region=${region}`, signal),
    getJson<AnyCollection>(`/api/layers/streets?region=${region}`, signal),
    getJson<FeatureCollectionOf<BuildingProperties>>(`/api/layers/buildings?region=${region}`, signal),
    getJson<AnyCollection>(`/api/layers/compounds?region=${region}`, signal),
  ]);
  const community = communities.features.find((f) => String(f.properties['code']) === communityCode) ?? communities.features[0];
  if (!community) throw new Error(`community ${communityCode} has no boundary`);
  const boundary = community.geometry;
  const bbox = bboxOf(linesOf(boundary));
  const units = buildingUnits({
    ...buildings,
    features: buildings.features.filter((f) => !f.properties.communityCode || f.properties.communityCode === communityCode),
  });
  const data: PlannerData = {
    boundary,
    bbox,
    streets,
    streetLines: streetsNear(
      streets.features.flatMap((f) => linesOf(f.geometry)),
      bbox,
    ),
    buildings,
    compounds,
  };
  return { data, ctx: plannerContext(communityCode, boundary as unknown as Polygon | MultiPolygon, units, profile) };
}

function bboxOf(lines: Position[][]): [number, number, number, number] {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const line of lines) {
    for (const p of line) {
      w = Math.min(w, p[0]!);
      e = Math.max(e, p[0]!);
      s = Math.min(s, p[1]!);
      n = Math.max(n, p[1]!);
    }
  }
  return [w, s, e, n];
}
