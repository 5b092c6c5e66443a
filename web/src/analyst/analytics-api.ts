/** Fetchers of the analytics routes (docs/analytics-contract.md); filters go in the query string. */
import { getJson } from '../api/api-client';
import { followJob, isJobAccepted } from '../api/follow-job';
import type {
  DeadCorners,
  Job,
  JobAccepted,
  IncidentGridCounts,
  IncidentHexbins,
  IncidentSeries,
  PatrolCoverage,
  SpecialGroupGrids,
  SpecialGroupHexbins,
  Workload,
} from '@gridatlas/api/contract';
import { analyticsQuery, bboxParam } from './analytics-query';
import type { AnalystFilters } from './analyst.store';

type BBox = readonly [number, number, number, number];

export const fetchIncidentGrids = (f: AnalystFilters, signal: AbortSignal) =>
  getJson<IncidentGridCounts>(`/api/analytics/incidents/grids?${analyticsQuery(f)}`, signal);

/** The series ignores the category filter: its categories list the filter's choices. */
export const fetchIncidentSeries = (f: AnalystFilters, signal: AbortSignal) =>
  getJson<IncidentSeries>(`/api/analytics/incidents/series?${analyticsQuery({ ...f, categories: [] }, { interval: 'month' })}`, signal);

export const fetchIncidentHexbins = (f: AnalystFilters, bbox: BBox, zoom: number, signal: AbortSignal) =>
  getJson<IncidentHexbins>(
    `/api/analytics/incidents/hexbins?${analyticsQuery(f, { bbox: bboxParam(bbox), zoom: Math.round(zoom) })}`,
    signal,
  );

export const pointsPath = (f: AnalystFilters, bbox: BBox, limit: number) =>
  `/api/analytics/incidents/points?${analyticsQuery(f, { bbox: bboxParam(bbox), limit })}`;

/** Vector tile URL template of the incident points, with the filters (MapLibre fills z, x, y). */
export const incidentTilesUrl = (f: AnalystFilters) => `${location.origin}/api/tiles/incidents/{z}/{x}/{y}.mvt?${analyticsQuery(f)}`;

export const tracksPath = (date: string) => `/api/analytics/patrols/tracks?${analyticsQuery(null, { date })}`;

/** Coverage; days not worked out yet come back as a job (202), followed here to its result. */
export async function fetchCoverage(f: AnalystFilters, signal: AbortSignal, onProgress?: (job: Job) => void): Promise<PatrolCoverage> {
  const body = await getJson<PatrolCoverage | JobAccepted>(
    `/api/analytics/patrols/coverage?${analyticsQuery({ ...f, categories: [] })}`,
    signal,
  );
  return isJobAccepted(body) ? followJob<PatrolCoverage>(body, signal, onProgress) : body;
}

/** Dead corners; days not worked out yet come back as a job (202), followed here to its result. */
export async function fetchDeadCorners(days: number, signal: AbortSignal): Promise<DeadCorners> {
  const body = await getJson<DeadCorners | JobAccepted>(`/api/analytics/patrols/dead-corners?${analyticsQuery(null, { days })}`, signal);
  return isJobAccepted(body) ? followJob<DeadCorners>(body, signal) : body;
}

export const fetchSpecialGrids = (category: string, signal: AbortSignal) =>
  getJson<SpecialGroupGrids>(`/api/analytics/special-groups/grids?${analyticsQuery(null, { category })}`, signal);

export const fetchSpecialHexbins = (category: string, bbox: BBox, zoom: number, signal: AbortSignal) =>
  getJson<SpecialGroupHexbins>(
    `/api/analytics/special-groups/hexbins?${analyticsQuery(null, { bbox: bboxParam(bbox), zoom: Math.round(zoom), category })}`,
    signal,
  );

export const fetchWorkload = (f: AnalystFilters, signal: AbortSignal) =>
  getJson<Workload>(`/api/analytics/workload?${analyticsQuery({ ...f, categories: [] })}`, signal);
