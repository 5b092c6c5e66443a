/**
 * Dates of a presented slide: a briefing pinned to a day shows every figure as of that day —
 * the saved period's end (exclusive) is clamped to the day after it — so its figures stay put
 * however much data arrives later; a live briefing shows its period as saved, as of the data's
 * reference date. Dates are `YYYY-MM-DD`, calendar days.
 */
import type { BriefingPeriod } from '@gridatlas/api/contract';

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The period a slide's figures use: the saved one, ending no later than the pinned day.
 *
 * @example pinnedPeriod({ from: '2025-06-01', to: '2025-07-01' }, '2025-06-15') // { from: '2025-06-01', to: '2025-06-16' }
 */
export function pinnedPeriod(period: BriefingPeriod, pinnedAsOf: string | null): BriefingPeriod {
  if (!pinnedAsOf) return period;
  const end = nextDay(pinnedAsOf);
  if (end >= period.to) return period;
  // Pinned before the period began: one day, so the request stays valid and the figure is that of the start.
  return { from: period.from, to: end > period.from ? end : nextDay(period.from) };
}

/** The "as of" day printed on a slide: the pinned day, else the last day of the period the data reaches. */
export function asOfDate(period: BriefingPeriod | null, pinnedAsOf: string | null, referenceDate: string): string {
  if (pinnedAsOf) return pinnedAsOf;
  if (!period) return referenceDate;
  const end = lastDay(period);
  return end < referenceDate ? end : referenceDate;
}

/** The last day of a period whose `to` is exclusive, for people: 2025-06-01 – 2025-06-30. */
export function lastDay(period: BriefingPeriod): string {
  const d = new Date(`${period.to}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
