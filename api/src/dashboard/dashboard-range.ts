/**
 * A dashboard period of any days: `YYYY-MM-DD..YYYY-MM-DD` (`to` exclusive, as every window
 * here), e.g. an analyst's "last 30 days" saved into a briefing. It is compared like for like:
 * the same number of days just before it, and the same calendar days a year before. Cut at
 * `asOf` when it runs past it, the comparisons are cut to the same length. Days are
 * Asia/Shanghai calendar days (no daylight saving, so a day is always 24 h).
 */
import { DAY_MS, shanghaiDate, shanghaiMidnight } from '../analytics/patrols-period.js';

/** `from..to`: two calendar days, `to` exclusive. */
export const RANGE_PERIOD = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/;
/** The longest range (days), as a briefing slide's period. */
export const MAX_RANGE_DAYS = 3 * 366;

export interface RangeWindow {
  from: string;
  to: string;
  fromMs: number;
  toMs: number;
}

const windowOf = (fromMs: number, toMs: number): RangeWindow => ({ from: shanghaiDate(fromMs), to: shanghaiDate(toMs), fromMs, toMs });

/** The same calendar day `years` years later (negative: earlier); 29 February runs on to 1 March. */
function shiftYears(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
}

/** Why `from..to` is not a range the dashboard can answer, or null. */
export function rangeProblem(from: string, to: string): string | null {
  const ok = (d: string) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
  };
  if (!ok(from) || !ok(to)) return `${from}..${to} is not two real calendar days (YYYY-MM-DD..YYYY-MM-DD)`;
  if (from >= to) return `${from}..${to}: "from" must be before "to" ("to" is exclusive)`;
  if ((shanghaiMidnight(to) - shanghaiMidnight(from)) / DAY_MS > MAX_RANGE_DAYS) return `${from}..${to}: a range is at most three years`;
  return null;
}

/**
 * The range `from..to` cut at `cutAt` (epoch ms, the end of the as-of day), the same number of
 * days before it, and the same calendar days a year before.
 *
 * @example rangeWindows('2025-06-10', '2025-07-10', Infinity)
 * // current 06-10..07-10, previous 05-11..06-10 (30 days), yearAgo 2024-06-10..2024-07-10
 */
export function rangeWindows(
  from: string,
  to: string,
  cutAt: number,
): { current: RangeWindow; previous: RangeWindow; yearAgo: RangeWindow } {
  const fromMs = shanghaiMidnight(from);
  const toMs = Math.min(shanghaiMidnight(to), cutAt);
  const current = windowOf(fromMs, toMs);
  const length = toMs - fromMs;
  const yearAgoFrom = shanghaiMidnight(shiftYears(from, -1));
  return {
    current,
    previous: windowOf(fromMs - length, fromMs),
    yearAgo: windowOf(yearAgoFrom, Math.max(yearAgoFrom + DAY_MS, shanghaiMidnight(shiftYears(current.to, -1)))),
  };
}
