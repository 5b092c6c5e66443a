/**
 * The import wizard's calls: `/api/uploads` (upload, inspect, features), `/api/districts`
 * (create, import as dry run or commit, exports) and `/api/jobs` (progress, cancel).
 */
import type {
  CreateDistrictRequest,
  DistrictExportRequest,
  DistrictImportRequest,
  InspectRequest,
  Job,
  JobAccepted,
  LayerInspection,
  ReadOptions,
  Upload,
  UploadFeatures,
  UploadFeaturesRequest,
} from '@gridatlas/api/contract';
import { requestJson, uploadWithProgress } from '../api/api-client';
import { pollJob } from '../api/follow-job';

export type ImportLayer =
  'district' | 'subdistricts' | 'communities' | 'buildings' | 'registry' | 'streets' | 'grids' | 'staff' | 'special-groups';

/** Sends one file to `POST /api/uploads` (multipart), reporting progress 0…1. */
export function uploadFile(file: Blob, name: string, onProgress: (share: number) => void): Promise<Upload> {
  const form = new FormData();
  form.append('file', file, name);
  return uploadWithProgress<Upload>('POST', '/api/uploads', form, onProgress);
}

export const inspectUpload = (id: string, options: ReadOptions) =>
  requestJson<LayerInspection>(`/api/uploads/${id}/inspect`, { method: 'POST', body: { ...options, rows: 8 } satisfies InspectRequest });

export const uploadFeatures = (id: string, options: UploadFeaturesRequest) =>
  requestJson<UploadFeatures>(`/api/uploads/${id}/features`, { method: 'POST', body: options });

/** Starts creating a district (a job); the wizard builds the body field by field. */
export const createDistrict = (body: Partial<CreateDistrictRequest>) =>
  requestJson<JobAccepted>('/api/districts', { method: 'POST', body });

/** Starts a layer import, a dry run unless `dryRun: false` (a job). */
export const importLayer = (code: string, body: Partial<DistrictImportRequest>) =>
  requestJson<JobAccepted>(`/api/districts/${code}/imports`, { method: 'POST', body });

export const exportLayer = (code: string, body: DistrictExportRequest) =>
  requestJson<JobAccepted>(`/api/districts/${code}/exports`, { method: 'POST', body });

export const cancelJob = (id: number) => requestJson<Job>(`/api/jobs/${id}/cancel`, { method: 'POST', body: {} });

/** Polls a job until it ends, reporting each state; resolves with the last one (see `pollJob`). */
export const followJob = (id: number, onUpdate: (job: Job) => void, signal: AbortSignal): Promise<Job> =>
  pollJob<Job>(`/api/jobs/${id}`, signal, onUpdate);
