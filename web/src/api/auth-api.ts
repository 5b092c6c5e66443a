/** `/api/auth/*`: log in, log out, and who is logged in. */
import { getJson, requestJson } from './api-client';
import type { UserResponse } from '@gridatlas/api/contract';

export const logIn = (username: string, password: string) =>
  requestJson<UserResponse>('/api/auth/login', { method: 'POST', body: { username, password } }).then((r) => r.user);

export const logOut = () => requestJson<{ ok: true }>('/api/auth/logout', { method: 'POST' });

export const fetchMe = (signal?: AbortSignal) => getJson<UserResponse>('/api/auth/me', signal).then((r) => r.user);
