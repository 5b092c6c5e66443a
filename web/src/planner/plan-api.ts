/** The plan routes (`/api/plans`, docs/api-contract.md) as typed calls. Geometries are WGS84 `[lng, lat]`. */
import type { PlanDiff, PlanProblem } from '@gridatlas/core';
import { getJson, requestJson } from '../api/api-client';
import type { FeatureCollectionOf } from '../api/api.types';

export type PlanStatus = 'draft' | 'submitted' | 'approved' | 'archived';

export interface PlanRecord {
  id: number;
  districtCode: string;
  regionCode: string;
  name: string;
  status: PlanStatus;
  author: string;
  createdAt: string;
  updatedAt: string;
  approvedAt: string | null;
  version: number;
}

export interface PlanGridProperties {
  code?: string;
  name: string;
  type: 'comprehensive' | 'dedicated';
  communityCode: string;
  zoneCode?: string | null;
}

export type PlanGridCollection = FeatureCollectionOf<PlanGridProperties>;

export interface PlanDetail {
  plan: PlanRecord;
  grids: PlanGridCollection;
  problems: PlanProblem[];
}

export interface SaveResult {
  plan: PlanRecord;
  codes: string[];
  added: string[];
  removed: string[];
  problems: PlanProblem[];
}

export interface DiffResult {
  diff: PlanDiff;
  before: PlanGridCollection;
  after: PlanGridCollection;
}

export const listPlans = (regionCode: string, signal?: AbortSignal) =>
  getJson<{ plans: PlanRecord[] }>(`/api/plans?region=${encodeURIComponent(regionCode)}`, signal).then((r) => r.plans);

export const createPlan = (regionCode: string, name: string, fromPlanId?: number) =>
  requestJson<PlanRecord | { plan: PlanRecord }>('/api/plans', { method: 'POST', body: { regionCode, name, ...(fromPlanId ? { fromPlanId } : {}) } }).then(
    (r) => ('plan' in r ? r.plan : r),
  );

export const fetchPlan = (id: number, signal?: AbortSignal) => getJson<PlanDetail>(`/api/plans/${id}`, signal);

export const saveGrids = (id: number, version: number, grids: PlanGridCollection) =>
  requestJson<SaveResult>(`/api/plans/${id}/grids`, { method: 'PUT', body: { version, grids } });

export type Transition = 'submit' | 'approve' | 'archive';

export const transitionPlan = (id: number, transition: Transition, version: number) =>
  requestJson<{ plan: PlanRecord; codes?: Record<string, string> }>(`/api/plans/${id}/${transition}`, { method: 'POST', body: { version } });

export const fetchDiff = (id: number, against?: number, signal?: AbortSignal) =>
  getJson<DiffResult>(`/api/plans/${id}/diff${against ? `?against=${against}` : ''}`, signal);
