/**
 * `fetch` for `/api/*`: same-origin cookies carry the session, writes carry the CSRF header,
 * and a 401 outside `/api/auth/` (the session expired or was revoked) is reported to the one
 * listener the session store registers, so the app can go back to the login view.
 */
import type { DistrictList, Meta, RegionList } from '@gridatlas/api/contract';
import { CSRF_HEADER, csrfToken } from './csrf-token';

/** The API answered with an error; `message` is the server's own explanation when it gave one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Seconds from `Retry-After` on a 429, else null. */
    readonly retryAfter: number | null = null,
    /** The error's `details` object when the server sent one (a 409's conflict, a 422's problems). */
    readonly details: unknown = null,
  ) {
    super(message);
  }
}

let unauthorizedListener: (() => void) | null = null;

/** Called on a 401 from any route but `/api/auth/*` (whose 401s are answers, not expiry). */
export function onUnauthorized(listener: (() => void) | null): void {
  unauthorizedListener = listener;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal | undefined;
}

/**
 * Sends one request to `/api/*` and returns the response when it is ok; otherwise throws an
 * `ApiError` with the server's message, and a 401 outside `/api/auth/` reaches the listener.
 * Every call to the API goes through here (JSON or raw bytes), so every one returns to the
 * login view when the session ends.
 */
async function send(path: string, { method = 'GET', body, signal }: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') {
    const token = csrfToken();
    if (token) headers[CSRF_HEADER] = token;
  }
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    signal: signal ?? null,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok)
    throw failure(path, response.status, response.statusText, await response.json().catch(() => null), response.headers.get('Retry-After'));
  return response;
}

type ErrorBody = { error?: { message?: string; details?: unknown } } | null;

/** The one error of a failed API call (fetch or upload); a 401 outside `/api/auth/` reaches the listener. */
function failure(path: string, status: number, statusText: string, body: unknown, retryAfter: string | null): ApiError {
  const parsed = body as ErrorBody;
  const retry = Number(retryAfter);
  if (status === 401 && !path.startsWith('/api/auth/')) unauthorizedListener?.();
  return new ApiError(
    status,
    parsed?.error?.message ?? `${status} ${statusText} (${path})`,
    Number.isFinite(retry) && retry > 0 ? retry : null,
    parsed?.error?.details ?? null,
  );
}

/**
 * Sends a file (or a multipart form) and reports the upload's progress (0…1): archives run to
 * hundreds of megabytes, and `fetch` cannot tell how far an upload got. Same headers and
 * error path as every other call.
 */
export function uploadWithProgress<T>(
  method: 'POST' | 'PUT',
  path: string,
  body: Blob | FormData,
  onProgress: (share: number) => void,
  contentType?: string,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, path);
    if (contentType) xhr.setRequestHeader('Content-Type', contentType);
    xhr.setRequestHeader('Accept', 'application/json');
    const token = csrfToken();
    if (token) xhr.setRequestHeader(CSRF_HEADER, token);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new ApiError(0, 'the upload was interrupted (network error)'));
    xhr.onload = () => {
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(xhr.responseText);
      } catch {
        // Not JSON: the status says enough.
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(parsed as T);
      reject(failure(path, xhr.status, xhr.statusText, parsed, xhr.getResponseHeader('Retry-After')));
    };
    xhr.send(body);
  });
}

export async function requestJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return (await (await send(path, options)).json()) as T;
}

/** A GET whose body is parsed elsewhere (the analyst's decode worker): the raw bytes, same error path as `requestJson`. */
export async function getBytes(path: string, signal?: AbortSignal): Promise<ArrayBuffer> {
  return (await send(path, { signal })).arrayBuffer();
}

export const getJson = <T>(path: string, signal?: AbortSignal): Promise<T> => requestJson<T>(path, { signal });

/** A district's metadata (`region`: the district's code; default the first one the user sees). */
export const fetchMeta = (region?: string, signal?: AbortSignal) =>
  getJson<Meta>(region ? `/api/meta?region=${encodeURIComponent(region)}` : '/api/meta', signal);
/** `GET /api/districts`: the districts the user sees, with counts and whether each is synthetic. */
export const fetchDistricts = (signal?: AbortSignal) => getJson<DistrictList>('/api/districts', signal).then((r) => r.districts);
export const fetchRegions = (signal?: AbortSignal) => getJson<RegionList>('/api/regions', signal).then((r) => r.regions);
