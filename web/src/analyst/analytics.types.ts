/**
 * Response shapes of the analytics routes (docs/analytics-contract.md). Coordinates are
 * WGS84 degrees `[lng, lat]`; times are ISO strings or epoch seconds where named so.
 */
import type { Geometry } from '../api/api.types';

/** `GET /api/analytics/incidents/grids`: incident counts per grid of the plan in force when each happened. */
export interface IncidentGridRow {
  code: string;
  name: string;
  communityCode: string;
  count: number;
  households: number;
  /** Incidents per 1,000 households; null where the grid has no households. */
  perThousandHouseholds: number | null;
}
export interface IncidentGrids {
  rows: IncidentGridRow[];
  total: number;
  /** Incidents in no grid. */
  outside: number;
}

/** `GET /api/analytics/incidents/series`: `counts[category][bucket]`. */
export interface IncidentSeries {
  interval: 'day' | 'week' | 'month';
  buckets: string[];
  categories: string[];
  counts: number[][];
}

/** `GET /api/analytics/incidents/points`: flat arrays, one entry (or pair) per incident. */
export interface IncidentPointsResponse {
  count: number;
  truncated: boolean;
  /** lng, lat, lng, lat… degrees. */
  positions: number[];
  /** Index into `categoryKeys`. */
  categories: number[];
  /** Epoch seconds. */
  times: number[];
  categoryKeys: string[];
}

/** The points decoded into typed arrays (in a worker) for deck.gl's binary attributes. */
export interface IncidentPoints {
  count: number;
  truncated: boolean;
  /** lng, lat pairs in degrees. */
  positions: Float32Array;
  categories: Uint8Array;
  /** Epoch seconds. */
  times: Float64Array;
  categoryKeys: string[];
}

export interface Feature<P> {
  type: 'Feature';
  id?: number | string;
  geometry: Geometry;
  properties: P;
}
export interface Collection<P> {
  type: 'FeatureCollection';
  features: Feature<P>[];
}

/** `GET /api/analytics/incidents/hexbins`: hexagons with counts; `sizeM` is the hexagon size in metres. */
export type HexbinCollection = Collection<{ count: number }> & { sizeM?: number };

/** `GET /api/analytics/patrols/tracks`. Timestamps are epoch seconds, parallel to `path`. */
export interface PatrolTrack {
  staffId: number | string;
  gridCode: string | null;
  path: [number, number][];
  timestamps: number[];
}
export interface PatrolTracks {
  tracks: PatrolTrack[];
}

/** `GET /api/analytics/patrols/coverage`. */
export interface CoverageRow {
  code: string;
  /** Metres of street inside the grid. */
  streetLengthM: number;
  /** 0–1: share of that length within 30 m of a track. */
  coveredShare: number;
  daysSinceLastPatrol: number | null;
  patrolMinutes: number;
}
export interface PatrolCoverage {
  rows: CoverageRow[];
}

/** `GET /api/analytics/patrols/dead-corners`: streets not patrolled in N days. */
export type DeadCorners = Collection<{ name: string | null; class: string; lengthM: number; lastPatrolled: string | null }>;

export type SuppressedCell = { count: number } | { suppressed: true; display: string; reason?: 'small' | 'complementary' };

/** `GET /api/analytics/special-groups/grids`. */
export interface SpecialGroupGrids {
  threshold: number;
  rows: { code: string | null; name?: string; cells: Record<string, SuppressedCell>; total: SuppressedCell }[];
}
export type SpecialHexbins = Collection<{ count: number } | { suppressed: true; display: string }>;

/** `GET /api/analytics/workload`. */
export interface WorkloadRow {
  code: string;
  name: string;
  households: number;
  persons: number;
  specialWeighted: number;
  incidents: number;
  visitsRequired: number;
  index: number;
}
export interface Workload {
  weights: unknown;
  rows: WorkloadRow[];
}
