import { en, zh, type MessageKey, type Messages } from './messages';

export type Locale = 'zh' | 'en';
export const LOCALES: readonly Locale[] = ['zh', 'en'];

const TABLES: Record<Locale, Messages> = { zh, en };

/**
 * The message for `key` in `locale`, with `{name}` placeholders filled from `params`.
 *
 * @example
 * translate('en', 'unit.households', { n: '1,200' }) // '1,200 households'
 */
export function translate(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  const text = TABLES[locale][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Placeholder names used by a message, e.g. `['n']`; both locales must use the same ones. */
export function placeholdersOf(locale: Locale, key: MessageKey): string[] {
  return [...TABLES[locale][key].matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}

export function isLocale(value: unknown): value is Locale {
  return value === 'zh' || value === 'en';
}
