import { setLocale, useI18n } from '../i18n/locale.store';
import { LOCALES } from '../i18n/translate';

const LOCALE_NAMES = { zh: '中文', en: 'English' } as const;

/** 中文 | English, each name in its own language; used in the top bar and on the login view. */
export function LocaleSwitch() {
  const { locale, t } = useI18n();
  return (
    <div className="locale-switch" role="group" aria-label={t('app.language')}>
      {LOCALES.map((l) => (
        <button key={l} type="button" lang={l} aria-pressed={l === locale} data-testid={`locale-${l}`} onClick={() => setLocale(l)}>
          {LOCALE_NAMES[l]}
        </button>
      ))}
    </div>
  );
}
