/**
 * Who is logged in. The app starts `checking` (asking `/api/auth/me`), then is `anonymous`
 * (login view) or `authenticated` (the map shell). Any API 401 outside `/api/auth/` means
 * the session ended on the server: back to `anonymous` with `expired`, keeping the locale
 * (it lives in its own store) but dropping the district data and the view selection, so
 * the next user does not inherit them.
 */
import { onUnauthorized } from '../api/api-client';
import type { User } from '@gridatlas/api/contract';
import { fetchMe, logIn as postLogin, logOut as postLogout } from '../api/auth-api';
import { loadAppData, resetAppData } from './app-data.store';
import { resetBasemap } from './basemap.store';
import { createStore } from './create-store';
import { regionCodeStore, selectedGridStore } from './view.store';

export type Session = { status: 'checking' } | { status: 'anonymous'; expired: boolean } | { status: 'authenticated'; user: User };

export const sessionStore = createStore<Session>({ status: 'checking' });

function becomeAnonymous(expired: boolean): void {
  if (sessionStore.get().status === 'anonymous') return;
  sessionStore.set({ status: 'anonymous', expired });
  resetAppData();
  resetBasemap();
  regionCodeStore.set(null);
  selectedGridStore.set(null);
}

function becomeAuthenticated(user: User): void {
  sessionStore.set({ status: 'authenticated', user });
  void loadAppData();
}

/** Once at start: resume a session the browser still holds, else show the login view. */
export async function checkSession(): Promise<void> {
  onUnauthorized(() => becomeAnonymous(true));
  try {
    becomeAuthenticated(await fetchMe());
  } catch {
    // A 401 is the ordinary "nobody is logged in"; any other failure also lands on the login
    // view, whose own request then shows what is wrong.
    becomeAnonymous(false);
  }
}

/** Throws the API's `ApiError` (401 wrong credentials, 429 throttled) for the login view to show. */
export async function logIn(username: string, password: string): Promise<void> {
  becomeAuthenticated(await postLogin(username, password));
}

export async function logOut(): Promise<void> {
  try {
    await postLogout();
  } finally {
    // Even when the server could not be told (already expired, offline), this browser forgets.
    becomeAnonymous(false);
  }
}
