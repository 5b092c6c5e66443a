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

/** For requests made outside `requestJson` (an upload with progress): the session ended. */
export function notifyUnauthorized(): void {
  unauthorizedListener?.();
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal | undefined;
}

export async function requestJson<T>(path: string, { method = 'GET', body, signal }: RequestOptions = {}): Promise<T> {
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
  if (!response.ok) {
    const parsed = (await response.json().catch(() => null)) as { error?: { message?: string; details?: unknown } } | null;
    const retry = Number(response.headers.get('Retry-After'));
    const error = new ApiError(
      response.status,
      parsed?.error?.message ?? `${response.status} ${response.statusText} (${path})`,
      Number.isFinite(retry) && retry > 0 ? retry : null,
      parsed?.error?.details ?? null,
    );
    if (response.status === 401 && !path.startsWith('/api/auth/')) unauthorizedListener?.();
    throw error;
  }
  return (await response.json()) as T;
}

export const getJson = <T>(path: string, signal?: AbortSignal): Promise<T> => requestJson<T>(path, { signal });

/** A district's metadata (`region`: the district's code; default the first one the user sees). */
export const fetchMeta = (region?: string, signal?: AbortSignal) =>
  getJson<Meta>(region ? `/api/meta?region=${encodeURIComponent(region)}` : '/api/meta', signal);
/** `GET /api/districts`: the districts the user sees, with counts and whether each is synthetic. */
export const fetchDistricts = (signal?: AbortSignal) =>
  getJson<DistrictList>('/api/districts', signal).then((r) => r.districts);
export const fetchRegions = (signal?: AbortSignal) =>
  getJson<RegionList>('/api/regions', signal).then((r) => r.regions);
