import { describe, expect, it } from 'vitest';
import { en, zh, type MessageKey } from './messages';
import { isLocale, placeholdersOf, translate } from './translate';

const keys = Object.keys(zh) as MessageKey[];

describe('i18n dictionary', () => {
  it('has an English text for every Chinese key and no extra ones', () => {
    expect(Object.keys(en).sort()).toEqual([...keys].sort());
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of keys) expect(placeholdersOf('en', key), key).toEqual(placeholdersOf('zh', key));
  });

  it('has no empty texts', () => {
    for (const key of keys) {
      expect(zh[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
    }
  });
});

describe('translate', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('zh', 'unit.households', { n: 300 })).toBe('300 户');
    expect(translate('en', 'legend.under', { under: 40 })).toBe('<40% under-filled');
    expect(translate('en', 'unit.persons')).toBe('{n} persons');
  });

  it('recognises locales', () => {
    expect(isLocale('zh')).toBe(true);
    expect(isLocale('fr')).toBe(false);
  });
});
