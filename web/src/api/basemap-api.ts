/**
 * `/api/basemaps`: a district's basemap settings, the server's PMTiles files and their upload.
 * Types come from the API package (type-only: nothing of it reaches the bundle).
 */
import type { BasemapSettings, BasemapSettingsUpdate, PmtilesFile } from '@gridatlas/api/contract';
import { ApiError, getJson, notifyUnauthorized, requestJson } from './api-client';
import { CSRF_HEADER, csrfToken } from './csrf-token';

export type { BasemapKind, BasemapSettings, BasemapSettingsUpdate, PmtilesFile } from '@gridatlas/api/contract';

export const fetchBasemapSettings = (districtCode: string, signal?: AbortSignal) =>
  getJson<BasemapSettings>(`/api/basemaps/settings?region=${encodeURIComponent(districtCode)}`, signal);

export const saveBasemapSettings = (update: BasemapSettingsUpdate) =>
  requestJson<BasemapSettings>('/api/basemaps/settings', { method: 'PUT', body: update });

export const fetchBasemapFiles = (signal?: AbortSignal) => getJson<{ configured: boolean; files: PmtilesFile[] }>('/api/basemaps/files', signal);

/**
 * Sends a file as the body of `PUT /api/basemaps/files/{name}`, reporting progress (0…1):
 * archives run to hundreds of megabytes, and `fetch` cannot tell how far an upload got.
 */
export function uploadBasemapFile(file: File, name: string, onProgress: (share: number) => void): Promise<PmtilesFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', `/api/basemaps/files/${encodeURIComponent(name)}`);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('Accept', 'application/json');
    const token = csrfToken();
    if (token) xhr.setRequestHeader(CSRF_HEADER, token);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new ApiError(0, 'the upload was interrupted (network error)'));
    xhr.onload = () => {
      const body = (() => {
        try {
          return JSON.parse(xhr.responseText) as unknown;
        } catch {
          return null;
        }
      })();
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as PmtilesFile);
      if (xhr.status === 401) notifyUnauthorized();
      const error = (body as { error?: { message?: string } } | null)?.error;
      reject(new ApiError(xhr.status, error?.message ?? `${xhr.status} ${xhr.statusText}`));
    };
    xhr.send(file);
  });
}
