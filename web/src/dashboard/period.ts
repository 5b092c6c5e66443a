/**
 * Months as the dashboard's periods: `YYYY-MM` strings, compared with the month before and
 * the same month a year before. Calendar arithmetic only (no time zones): a month is the ISO
 * dates from its first day (inclusive) to the next month's first day (exclusive).
 */

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isPeriod(value: unknown): value is string {
  return typeof value === 'string' && MONTH.test(value);
}

/** The month `months` after `period` (negative = before). @example shiftMonth('2026-01', -1) // '2025-12' */
export function shiftMonth(period: string, months: number): string {
  const m = MONTH.exec(period);
  if (!m) throw new Error(`not a YYYY-MM period: ${period}`);
  const index = Number(m[1]) * 12 + Number(m[2]) - 1 + months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export const previousPeriod = (period: string): string => shiftMonth(period, -1);
export const lastYearPeriod = (period: string): string => shiftMonth(period, -12);

/** `{ from, to }` ISO dates of the month, `to` exclusive. @example monthRange('2026-02') // { from: '2026-02-01', to: '2026-03-01' } */
export function monthRange(period: string): { from: string; to: string } {
  return { from: `${period}-01`, to: `${shiftMonth(period, 1)}-01` };
}

/** The month a date (YYYY-MM-DD) falls in. */
export const periodOf = (date: string): string => date.slice(0, 7);

/**
 * The last month that has ended by the end of `date` (YYYY-MM-DD): the date's month when it is
 * the month's last day, else the month before — the API's default for dashboards and monthly
 * reports. @example lastEndedMonth('2026-10-31') // '2026-10'; lastEndedMonth('2026-10-30') // '2026-09'
 */
export function lastEndedMonth(date: string): string {
  const month = periodOf(date);
  return monthRange(month).to === nextDay(date) ? month : shiftMonth(month, -1);
}

/** The ISO date after `date` (calendar arithmetic in UTC, so no time zone shifts it). */
function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  return new Date(d.getTime() + 86_400_000).toISOString().slice(0, 10);
}

/** The `count` months ending with `latest`, newest first: what the period picker offers. */
export function recentPeriods(latest: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => shiftMonth(latest, -i));
}

/** '2026年3月' or 'Mar 2026'. */
export function periodLabel(period: string, locale: 'zh' | 'en'): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  if (locale === 'zh') return `${year}年${month}月`;
  return new Date(Date.UTC(year, month - 1, 1)).toLocaleString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
}
