/**
 * The CSRF token the API set at login in the readable `ga_csrf` cookie; every write echoes
 * it in `X-CSRF-Token` (double submit). The session cookie itself is httpOnly and never read.
 */
export const CSRF_COOKIE = 'ga_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

/**
 * The value of `name` in a `document.cookie` string, or null when absent.
 *
 * @example
 * cookieValue('a=1; ga_csrf=x%2By', 'ga_csrf') // 'x+y'
 */
export function cookieValue(cookies: string, name: string): string | null {
  for (const part of cookies.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return null;
}

export function csrfToken(): string | null {
  return typeof document === 'undefined' ? null : cookieValue(document.cookie, CSRF_COOKIE);
}
