/** Fetches the map's GeoJSON layers from the API; district-wide ones once, heavy ones per region. */
import { getJson } from '../api/api-client';
import type { FeatureCollectionOf, GridLayerProperties, RegionLayerProperties } from '@gridatlas/api/contract';

type AnyCollection = FeatureCollectionOf<Record<string, unknown>>;

export interface DistrictLayers {
  subdistricts: FeatureCollectionOf<RegionLayerProperties>;
  communities: FeatureCollectionOf<RegionLayerProperties>;
  streets: AnyCollection;
}

/** Buildings and grids are the heavy layers; they (and compounds) are scoped to the selected region. */
export interface ScopedLayers {
  compounds: AnyCollection;
  buildings: AnyCollection;
  grids: FeatureCollectionOf<GridLayerProperties>;
}

/** Boundaries and streets of one district (`districtCode`: 6 digits). */
export async function fetchDistrictLayers(districtCode: string, signal: AbortSignal): Promise<DistrictLayers> {
  const region = encodeURIComponent(districtCode);
  const [subdistricts, communities, streets] = await Promise.all([
    getJson<DistrictLayers['subdistricts']>(`/api/layers/subdistricts?region=${region}`, signal),
    getJson<DistrictLayers['communities']>(`/api/layers/communities?region=${region}`, signal),
    getJson<AnyCollection>(`/api/layers/streets?region=${region}`, signal),
  ]);
  return { subdistricts, communities, streets };
}

export async function fetchScopedLayers(regionCode: string, signal: AbortSignal): Promise<ScopedLayers> {
  const region = encodeURIComponent(regionCode);
  const [compounds, buildings, grids] = await Promise.all([
    getJson<AnyCollection>(`/api/layers/compounds?region=${region}`, signal),
    getJson<AnyCollection>(`/api/layers/buildings?region=${region}`, signal),
    getJson<ScopedLayers['grids']>(`/api/layers/grids?region=${region}&plan=current`, signal),
  ]);
  return { compounds, buildings, grids };
}
