import { ApiError } from '../api/api-client';
import type { Translate } from '../i18n/locale.store';

/**
 * The toast text for a failed load. A 403 says plainly that it is about permission or
 * jurisdiction, with the server's reason (it names the permission or the region).
 */
export function errorText(t: Translate, error: Error): string {
  if (error instanceof ApiError && error.status === 403) return t('app.forbidden', { message: error.message });
  return t('app.loadFailed', { message: error.message });
}
