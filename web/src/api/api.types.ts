/** Response shapes of the API routes the shell reads (docs/api-contract.md). Geometries are WGS84 `[lng, lat]`. */
import type { RuleProfile, LoadStatus } from '@gridatlas/core';

export type RegionLevel = 'district' | 'subdistrict' | 'community';

export interface Meta {
  district: { code: string; name: string };
  synthetic: boolean;
  scale: string | null;
  referenceDate: string | null;
  ruleProfile: RuleProfile;
  counts: Record<'subdistricts' | 'communities' | 'compounds' | 'buildings' | 'households' | 'persons' | 'grids', number>;
}

/** `GET /api/districts`: one district the user sees. */
export interface DistrictSummary {
  code: string;
  name: string | null;
  synthetic: boolean;
  subdistricts: number;
  communities: number;
  buildings: number;
  households: number;
  estimatedHouseholds: number;
  grids: number;
  lastImportAt: string | null;
}

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  /** `[west, south, east, north]` in degrees. */
  bbox: [number, number, number, number];
  households: number;
  /** Of `households`, those estimated from floor area (an import's estimate): shown as estimated. */
  estimatedHouseholds: number;
  persons: number;
  buildings: number;
  grids: number;
}

export interface GridProperties {
  code: string;
  name: string;
  type: 'comprehensive' | 'dedicated';
  communityCode: string;
  zoneCode: string | null;
  households: number;
  persons: number;
  buildings: number;
  /** Share of the cap the rule profile decides by (1 = at the cap). */
  load: number;
  status: LoadStatus;
}

export interface RegionProperties {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  households: number;
  persons: number;
}

/** A GeoJSON geometry as the API sends it (Polygon, MultiPolygon, LineString…); degrees `[lng, lat]`. */
export interface Geometry {
  type: string;
  coordinates: unknown;
}

export interface FeatureCollectionOf<P> {
  type: 'FeatureCollection';
  features: { type: 'Feature'; id?: number | string; geometry: Geometry; properties: P }[];
}

/** The map's data layers, each one API route under `/api/layers/`. */
export type LayerName = 'subdistricts' | 'communities' | 'streets' | 'compounds' | 'buildings' | 'grids';

/** `POST /api/auth/login` and `GET /api/auth/me`: the logged-in user. */
export interface User {
  username: string;
  displayName: string;
  /** Role keys, e.g. `planner`; roles are data, so unknown keys are possible. */
  roles: string[];
  permissions: string[];
  /** Region codes; the user sees the subtree under each. */
  jurisdictions: string[];
}
