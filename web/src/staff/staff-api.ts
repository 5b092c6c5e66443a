/** Fetchers of `/api/staff` (issue 18): every write names the version it edited and answers the whole worker. */
import type {
  AssignmentInput,
  DistrictStaffModels,
  StaffModelEdit,
  LayerReport,
  NewWorker,
  StaffChecks,
  StaffModel,
  StaffProposal,
  Worker,
  WorkerList,
  WorkerUpdate,
} from '@gridatlas/api/contract';
import { getJson, requestJson, uploadWithProgress } from '../api/api-client';

export interface WorkerQuery {
  region: string;
  q?: string;
  role?: string;
  active?: 'true' | 'false';
  limit?: number;
}

const query = (params: Record<string, string | number | undefined>): string =>
  new URLSearchParams(Object.entries(params).flatMap(([k, v]) => (v === undefined || v === '' ? [] : [[k, String(v)]]))).toString();

export const fetchStaffModel = (region: string, signal?: AbortSignal) =>
  getJson<StaffModel>(`/api/staff/model?${query({ region })}`, signal);

export const fetchWorkers = (q: WorkerQuery, signal?: AbortSignal) => getJson<WorkerList>(`/api/staff?${query({ ...q })}`, signal);

export const fetchStaffChecks = (region: string, signal?: AbortSignal, workload = false) =>
  getJson<StaffChecks>(`/api/staff/checks?${query({ region, workload: workload ? 'true' : undefined })}`, signal);

export const fetchProposals = (region: string, signal?: AbortSignal) =>
  getJson<{ proposals: StaffProposal[] }>(`/api/staff/proposals?${query({ region, status: 'pending' })}`, signal).then((r) => r.proposals);

export const createWorker = (body: NewWorker) => requestJson<Worker>('/api/staff', { method: 'POST', body });

export const updateWorker = (w: Worker, change: Omit<WorkerUpdate, 'version'>) =>
  requestJson<Worker>(`/api/staff/workers/${w.districtCode}/${w.id}`, { method: 'PATCH', body: { version: w.version, ...change } });

export const replaceAssignments = (w: Worker, assignments: AssignmentInput[]) =>
  requestJson<Worker>(`/api/staff/workers/${w.districtCode}/${w.id}/assignments`, {
    method: 'PUT',
    body: { version: w.version, assignments },
  });

export const decideProposal = (id: number, decision: 'confirm' | 'reject') =>
  requestJson<StaffProposal>(`/api/staff/proposals/${id}/${decision}`, { method: 'POST', body: {} });

/** Checks (dry run) or imports a roster file; the answer is the import report either way. */
export const importRoster = (district: string, file: File, write: boolean, allowRejected: boolean, onProgress: (share: number) => void) =>
  uploadWithProgress<LayerReport>(
    'POST',
    `/api/staff/imports?${query({ district, name: file.name, dryRun: write ? undefined : 'true', allowRejected: allowRejected ? 'true' : undefined })}`,
    file,
    onProgress,
    'application/octet-stream',
  );

export const fetchStaffModels = (region: string, signal?: AbortSignal) =>
  getJson<DistrictStaffModels>(`/api/staff/models?${query({ region })}`, signal);

export const copyStaffModel = (body: { district: string; from: string; key: string; zh: string; en: string }) =>
  requestJson<DistrictStaffModels>('/api/staff/models', { method: 'POST', body });

export const editStaffModel = (key: string, body: StaffModelEdit) =>
  requestJson<DistrictStaffModels>(`/api/staff/models/${encodeURIComponent(key)}`, { method: 'PUT', body });

export const chooseStaffModel = (district: string, model: string) =>
  requestJson<DistrictStaffModels>('/api/staff/model', { method: 'PUT', body: { district, model } });
