/** The visit routes the web calls (`/api/visits/*`); types from the API's contract. */
import type { Visit, VisitDueGrids, VisitDueList, VisitRecordRequest } from '@gridatlas/api/contract';
import { getJson, requestJson } from '../api/api-client';

/** The caller's own grids' units still to visit (a grid worker's list). */
export const fetchMyDue = (district: string, signal?: AbortSignal) =>
  getJson<VisitDueList>(`/api/visits/mine/due?region=${encodeURIComponent(district)}`, signal);

export const recordVisit = (body: VisitRecordRequest) => requestJson<Visit>('/api/visits', { method: 'POST', body });

/**
 * Due, done, pending and overdue per grid of a region: `category` null for all special-group
 * categories together (suppressed), `household` for ordinary households.
 */
export const fetchDueGrids = (region: string, category: string | null, signal?: AbortSignal, day?: string) =>
  getJson<VisitDueGrids>(
    `/api/visits/grids?region=${encodeURIComponent(region)}${category ? `&category=${encodeURIComponent(category)}` : ''}${
      day ? `&day=${day}` : ''
    }`,
    signal,
  );
