/**
 * Which dashboard query holds a slide's figure: the slide's period cut at the briefing's pin
 * (or, live, at the district's reference day) is a window of days, asked of the dashboard as of
 * the window's last day. A window that is a calendar month or a year (to date) is asked as that
 * month or year, so it compares with the month or year before as the dashboard does; any other
 * window (the analyst's last 30 days, an arbitrary from–to) is asked as the range of exactly
 * those days (`YYYY-MM-DD..YYYY-MM-DD`, compared with as many days before and the same days a
 * year before). Either way the figure counts exactly the slide's days. Dates are `YYYY-MM-DD`
 * calendar days, `to` exclusive.
 */
import type { BriefingPeriod } from './briefings.schemas.js';

const DAY_MS = 86_400_000;
const shift = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

export interface SlideDashboardQuery {
  /** `YYYY-MM`, `YYYY` or `YYYY-MM-DD..YYYY-MM-DD` (`to` exclusive). */
  period: string;
  /** `YYYY-MM-DD`: the window's last day. */
  asOf: string;
  /** The slide's days: its period ending no later than the day after the pin (or the reference day). */
  window: BriefingPeriod;
}

/**
 * @example slideDashboardQuery({ from: '2025-06-01', to: '2025-07-01' }, '2025-06-15', '2025-12-31')
 * // { period: '2025-06', asOf: '2025-06-15', window: { from: '2025-06-01', to: '2025-06-16' } }
 */
export function slideDashboardQuery(period: BriefingPeriod, pinnedAsOf: string | null, referenceDate: string): SlideDashboardQuery {
  const end = shift(pinnedAsOf ?? referenceDate, 1);
  let to = period.to < end ? period.to : end;
  // Pinned (or data ending) before the period began: its first day, as the presenter shows it.
  if (to <= period.from) to = shift(period.from, 1);
  const window = { from: period.from, to };
  const asOf = shift(to, -1);
  const sameMonth = window.from.slice(0, 7) === asOf.slice(0, 7);
  const sameYear = window.from.slice(0, 4) === asOf.slice(0, 4);
  if (sameMonth && window.from.endsWith('-01')) return { period: asOf.slice(0, 7), asOf, window };
  if (sameYear && window.from.endsWith('-01-01')) return { period: asOf.slice(0, 4), asOf, window };
  return { period: `${window.from}..${window.to}`, asOf, window };
}
