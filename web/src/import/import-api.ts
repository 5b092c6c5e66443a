/**
 * The import wizard's calls: `/api/uploads` (upload, inspect, features), `/api/districts`
 * (create, import as dry run or commit, exports) and `/api/jobs` (progress, cancel).
 */
import { requestJson, uploadWithProgress } from '../api/api-client';
import { pollJob } from '../api/follow-job';

export type ImportLayer = 'district' | 'subdistricts' | 'communities' | 'buildings' | 'registry' | 'streets' | 'grids' | 'staff' | 'special-groups';

export interface Upload {
  id: string;
  fileName: string;
  sizeBytes: number;
}

export interface ReadOptions {
  format?: string;
  crs?: string;
  encoding?: string;
}

export interface Inspection {
  fileName: string;
  format: string;
  encoding: { name: string; how: string };
  crs: { id: string; name: string; how: string };
  fields: string[];
  featureCount: number;
  geometryTypes: Record<string, number>;
  /** `[west, south, east, north]`, degrees WGS84. */
  bbox: [number, number, number, number] | null;
  preview: Record<string, unknown>[];
  warnings: string[];
}

export interface UploadFeatures {
  type: 'FeatureCollection';
  features: { type: 'Feature'; geometry: { type: string; coordinates: unknown[] }; properties: { i: number } }[];
  truncated: boolean;
}

export type ProblemKind = 'rejected' | 'repaired' | 'merged' | 'warning' | 'proposed';

export interface ImportReport {
  layer: string;
  districtCode: string;
  dryRun: boolean;
  written: boolean;
  read: number;
  accepted: number;
  rejected: number;
  repaired: number;
  merged: number;
  reasons: Record<string, { kind: ProblemKind; count: number; sample: { row?: number; id?: string; name?: string; detail: string } }>;
  changes: { added: number; removed: number; geometryChanged: number; attributesChanged: number; unchanged: number } | null;
  totals: Record<string, number>;
  problems: { index: number; id: string; reason: string; kind: ProblemKind; detail: string; at?: [number, number] }[];
  problemsTruncated: boolean;
  warnings: string[];
}

export interface Job {
  id: number;
  state: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  progress: number;
  phase: string | null;
  message: string | null;
  result: unknown;
  error: { code: string; message: string } | null;
}

/** Sends one file to `POST /api/uploads` (multipart), reporting progress 0…1. */
export function uploadFile(file: Blob, name: string, onProgress: (share: number) => void): Promise<Upload> {
  const form = new FormData();
  form.append('file', file, name);
  return uploadWithProgress<Upload>('POST', '/api/uploads', form, onProgress);
}

export const inspectUpload = (id: string, options: ReadOptions) =>
  requestJson<Inspection>(`/api/uploads/${id}/inspect`, { method: 'POST', body: { ...options, rows: 8 } });

export const uploadFeatures = (id: string, options: ReadOptions) =>
  requestJson<UploadFeatures>(`/api/uploads/${id}/features`, { method: 'POST', body: options });

export const createDistrict = (body: Record<string, unknown>) => requestJson<{ job: Job }>('/api/districts', { method: 'POST', body });

export const importLayer = (code: string, body: Record<string, unknown>) =>
  requestJson<{ job: Job }>(`/api/districts/${code}/imports`, { method: 'POST', body });

export const exportLayer = (code: string, body: { layer: string; format: string; crs?: string; encoding?: 'utf-8' | 'gbk' }) =>
  requestJson<{ job: Job }>(`/api/districts/${code}/exports`, { method: 'POST', body });

export const cancelJob = (id: number) => requestJson<Job>(`/api/jobs/${id}/cancel`, { method: 'POST', body: {} });

/** Polls a job until it ends, reporting each state; resolves with the last one (see `pollJob`). */
export const followJob = (id: number, onUpdate: (job: Job) => void, signal: AbortSignal): Promise<Job> => pollJob<Job>(`/api/jobs/${id}`, signal, onUpdate);
