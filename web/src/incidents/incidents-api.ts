/** Calls to `/api/incidents` (issue 18). Positions are `[lng, lat]` WGS84 degrees. */
import type {
  IncidentDetail,
  IncidentList,
  IncidentMap,
  IncidentOptions,
  IncidentSummary,
  TransitionRequest,
} from '@gridatlas/api/contract';
import { getJson, requestJson, uploadWithProgress } from '../api/api-client';

export interface IncidentFilters {
  region: string;
  states: string[];
  category: string;
  overdue: boolean;
  rework: boolean;
  q: string;
  from: string;
  to: string;
  /** A grid's 15-digit code ('' for all grids): the dispatcher's click on the map. */
  grid: string;
}

/** The query string of a filter (without paging). */
export function filterQuery(f: IncidentFilters): URLSearchParams {
  const p = new URLSearchParams({ region: f.region });
  if (f.states.length > 0) p.set('state', f.states.join(','));
  if (f.category) p.set('category', f.category);
  if (f.overdue) p.set('overdue', 'true');
  if (f.rework) p.set('rework', 'true');
  if (f.q.trim()) p.set('q', f.q.trim());
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  if (f.grid) p.set('grid', f.grid);
  return p;
}

export function fetchIncidentList(f: IncidentFilters, page: number, signal?: AbortSignal): Promise<IncidentList> {
  const p = filterQuery(f);
  p.set('page', String(page));
  p.set('pageSize', '50');
  return getJson<IncidentList>(`/api/incidents?${p}`, signal);
}

export function fetchIncidentMap(f: IncidentFilters, signal?: AbortSignal): Promise<IncidentMap> {
  return getJson<IncidentMap>(`/api/incidents/map?${filterQuery(f)}`, signal);
}

export const fetchIncident = (districtCode: string, id: number, signal?: AbortSignal) =>
  getJson<IncidentDetail>(`/api/incidents/${districtCode}/${id}`, signal);

export function fetchIncidentOptions(region: string, grid: string | null, signal?: AbortSignal): Promise<IncidentOptions> {
  const p = new URLSearchParams({ region });
  if (grid) p.set('grid', grid);
  return getJson<IncidentOptions>(`/api/incidents/options?${p}`, signal);
}

export const transition = (inc: { districtCode: string; id: number }, body: TransitionRequest) =>
  requestJson<IncidentDetail>(`/api/incidents/${inc.districtCode}/${inc.id}/transitions`, { method: 'POST', body });

export interface MyIncidents {
  staff: { id: number; name: string; districtCode: string } | null;
  assigned: IncidentSummary[];
  reported: IncidentSummary[];
}

export const fetchMine = (signal?: AbortSignal) => getJson<MyIncidents>('/api/incidents/mine', signal);

export interface NewReport {
  position: [number, number];
  category: string;
  description: string;
  photo: Blob | null;
}

export function reportIncident(r: NewReport, onProgress: (share: number) => void): Promise<IncidentDetail> {
  const form = new FormData();
  form.set('lng', r.position[0].toFixed(7));
  form.set('lat', r.position[1].toFixed(7));
  form.set('category', r.category);
  if (r.description.trim()) form.set('description', r.description.trim());
  if (r.photo) form.set('photo', r.photo, 'photo.jpg');
  return uploadWithProgress<IncidentDetail>('POST', '/api/incidents', form, onProgress);
}
