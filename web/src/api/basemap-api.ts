/**
 * `/api/basemaps`: a district's basemap settings, the server's PMTiles files and their upload.
 * Types come from the API package (type-only: nothing of it reaches the bundle).
 */
import type { BasemapSettings, BasemapSettingsUpdate, PmtilesFile } from '@gridatlas/api/contract';
import { getJson, requestJson, uploadWithProgress } from './api-client';

export type { BasemapKind, BasemapSettings, BasemapSettingsUpdate, PmtilesFile } from '@gridatlas/api/contract';

export const fetchBasemapSettings = (districtCode: string, signal?: AbortSignal) =>
  getJson<BasemapSettings>(`/api/basemaps/settings?region=${encodeURIComponent(districtCode)}`, signal);

export const saveBasemapSettings = (update: BasemapSettingsUpdate) =>
  requestJson<BasemapSettings>('/api/basemaps/settings', { method: 'PUT', body: update });

export const fetchBasemapFiles = (signal?: AbortSignal) =>
  getJson<{ configured: boolean; files: PmtilesFile[] }>('/api/basemaps/files', signal);

/**
 * Sends a file as the body of `PUT /api/basemaps/files/{name}`, reporting progress (0…1):
 * archives run to hundreds of megabytes, and `fetch` cannot tell how far an upload got.
 */
export function uploadBasemapFile(file: File, name: string, onProgress: (share: number) => void): Promise<PmtilesFile> {
  return uploadWithProgress<PmtilesFile>(
    'PUT',
    `/api/basemaps/files/${encodeURIComponent(name)}`,
    file,
    onProgress,
    'application/octet-stream',
  );
}
