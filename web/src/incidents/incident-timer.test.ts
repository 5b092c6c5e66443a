import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/translate';
import type { Translate } from '../i18n/locale.store';
import { timerOf, timerText } from './incident-timer';

const zh: Translate = (key, params) => translate('zh', key, params);
const en: Translate = (key, params) => translate('en', key, params);
const now = Date.parse('2026-03-01T08:00:00Z');

describe('incident timers', () => {
  it('counts down while the deadline runs and up once it passed', () => {
    expect(timerOf('dispatched', '2026-03-02T10:30:00Z', now)).toEqual({ kind: 'due', minutes: 26 * 60 + 30 });
    expect(timerOf('in_progress', '2026-03-01T07:15:00Z', now)).toEqual({ kind: 'overdue', minutes: 45 });
    expect(timerText(zh, timerOf('dispatched', '2026-03-02T10:30:00Z', now))).toBe('剩余 1 天 2 小时');
    expect(timerText(en, timerOf('in_progress', '2026-03-01T07:15:00Z', now))).toBe('overdue by 45 min');
    expect(timerText(zh, timerOf('in_progress', '2026-03-01T05:50:00Z', now))).toBe('超期 2 小时 10 分');
  });

  it('shows nothing before dispatch or after the handling is reported', () => {
    expect(timerOf('reported', null, now)).toEqual({ kind: 'none' });
    expect(timerOf('feedback', '2026-03-01T07:15:00Z', now)).toEqual({ kind: 'none' });
    expect(timerText(zh, { kind: 'none' })).toBeNull();
  });
});
