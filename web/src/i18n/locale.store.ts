import { useCallback } from 'react';
import { createStore, useStore } from '../state/create-store';
import type { MessageKey } from './messages';
import { isLocale, translate, type Locale } from './translate';

const STORAGE_KEY = 'gridatlas.locale';

function initialLocale(): Locale {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (isLocale(saved)) return saved;
  } catch {
    // Storage may be disabled (privacy mode); Chinese is the default then.
  }
  return 'zh';
}

/** The UI language; owned here, persisted in localStorage, Chinese by default. */
export const localeStore = createStore<Locale>(initialLocale());

export function setLocale(locale: Locale): void {
  localeStore.set(locale);
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not persisting is acceptable; the choice still holds for this page.
  }
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** The current locale and a `t()` bound to it (a new function only when the locale changes). */
export function useI18n(): { locale: Locale; t: Translate } {
  const locale = useStore(localeStore);
  const t = useCallback<Translate>((key, params) => translate(locale, key, params), [locale]);
  return { locale, t };
}
