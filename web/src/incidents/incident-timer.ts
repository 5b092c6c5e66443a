/**
 * The timer beside an incident: how long until its deadline, or how long past it, while the
 * deadline runs (dispatched, in progress). Durations in whole minutes.
 */
import type { Translate } from '../i18n/locale.store';

export type Timer = { kind: 'due' | 'overdue'; minutes: number } | { kind: 'none' };

const RUNNING = new Set(['dispatched', 'in_progress']);

export function timerOf(state: string, deadlineAt: string | null, now: number): Timer {
  if (!deadlineAt || !RUNNING.has(state)) return { kind: 'none' };
  const minutes = Math.floor((Date.parse(deadlineAt) - now) / 60_000);
  return minutes >= 0 ? { kind: 'due', minutes } : { kind: 'overdue', minutes: -minutes };
}

/** "2 天 3 小时", "5 小时 10 分", "12 分钟". */
export function durationText(t: Translate, minutes: number): string {
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return t('incidents.days', { d, h });
  if (h > 0) return t('incidents.hours', { h, m });
  return t('incidents.minutes', { m });
}

export function timerText(t: Translate, timer: Timer): string | null {
  if (timer.kind === 'none') return null;
  const time = durationText(t, timer.minutes);
  return timer.kind === 'due' ? t('incidents.dueIn', { time }) : t('incidents.overdueBy', { time });
}
