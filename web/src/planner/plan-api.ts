/**
 * The plan routes (`/api/plans`) as typed calls; the types are the API's own
 * (`@gridatlas/api/contract`, inferred from the route schemas). Geometries are WGS84 `[lng, lat]`.
 */
import type {
  CreatedPlan,
  PlanDetail,
  PlanDiffResult,
  PlanRecord,
  PlansList,
  PlanTransitionResult,
  SaveGridsRequest,
  SaveGridsResult,
} from '@gridatlas/api/contract';
import { getJson, requestJson } from '../api/api-client';

/** The grids a save sends: a new grid has no code yet. */
export type SaveGridsCollection = SaveGridsRequest['grids'];

export const listPlans = (regionCode: string, signal?: AbortSignal): Promise<PlanRecord[]> =>
  getJson<PlansList>(`/api/plans?region=${encodeURIComponent(regionCode)}`, signal).then((r) => r.plans);

/** The new draft (with how many grids it copied). */
export const createPlan = (regionCode: string, name: string, fromPlanId?: number) =>
  requestJson<CreatedPlan>('/api/plans', { method: 'POST', body: { regionCode, name, ...(fromPlanId ? { fromPlanId } : {}) } });

export const fetchPlan = (id: number, signal?: AbortSignal) => getJson<PlanDetail>(`/api/plans/${id}`, signal);

export const saveGrids = (id: number, version: number, grids: SaveGridsCollection) =>
  requestJson<SaveGridsResult>(`/api/plans/${id}/grids`, { method: 'PUT', body: { version, grids } satisfies SaveGridsRequest });

export type Transition = 'submit' | 'approve' | 'archive';

export const transitionPlan = (id: number, transition: Transition, version: number) =>
  requestJson<PlanTransitionResult>(`/api/plans/${id}/${transition}`, { method: 'POST', body: { version } });

export const fetchDiff = (id: number, against?: number, signal?: AbortSignal) =>
  getJson<PlanDiffResult>(`/api/plans/${id}/diff${against ? `?against=${against}` : ''}`, signal);
