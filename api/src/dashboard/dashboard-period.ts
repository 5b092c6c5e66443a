/**
 * The dashboard's periods: a month `YYYY-MM`, a year `YYYY` or a range of days
 * `YYYY-MM-DD..YYYY-MM-DD` (`dashboard-range.ts`), the one before it and the same
 * one a year before, as Asia/Shanghai days (`to` exclusive), each cut at the end of the `asOf`
 * day so a briefing pinned to a date keeps its figures. A period still running (cut at `asOf`)
 * is compared like for like: the months or years it is compared with are cut at the same day of
 * their own calendar (June 1–15 against May 1–15 and June 1–15 a year before; a year to
 * 6 December against the year before to 6 December), never a part against a whole.
 */
import { HttpError } from '../http/http-error.js';
import { DAY_MS, shanghaiDate, shanghaiMidnight } from '../analytics/patrols-period.js';
import { RANGE_PERIOD, rangeProblem, rangeWindows } from './dashboard-range.js';

export interface DayWindow {
  /** `YYYY-MM-DD`, inclusive. */
  from: string;
  /** `YYYY-MM-DD`, exclusive. */
  to: string;
  /** Epoch ms of `from` and `to` at Asia/Shanghai midnight. */
  fromMs: number;
  toMs: number;
}

export interface DashboardPeriods {
  key: string;
  kind: 'month' | 'year' | 'range';
  current: DayWindow;
  previous: DayWindow;
  yearAgo: DayWindow;
  /** `YYYY-MM-DD` and the end of that day (epoch ms). */
  asOf: string;
  asOfEnd: number;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The month `YYYY-MM` `k` months after `month` (negative: before). */
export function addMonths(month: string, k: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + k;
  return `${Math.floor(i / 12)}-${pad((i % 12) + 1)}`;
}

function window(from: string, to: string, cutAt: number): DayWindow {
  const fromMs = shanghaiMidnight(from);
  const toMs = Math.min(shanghaiMidnight(to), cutAt);
  return { from, to: shanghaiDate(toMs), fromMs, toMs };
}

const monthWindow = (month: string, cutAt: number): DayWindow => window(`${month}-01`, `${addMonths(month, 1)}-01`, cutAt);
const yearWindow = (year: number, cutAt: number): DayWindow => window(`${year}-01-01`, `${year + 1}-01-01`, cutAt);

/**
 * Where a comparison period `months` calendar months before a current one cut at `current.to`
 * ends: the same day of the month that many months earlier (a day the earlier month lacks, as
 * 31 March → February, runs on into the next month, and the window's own end caps it: the whole
 * of February). A current period not cut compares whole periods (returns Infinity).
 */
function comparisonCut(current: DayWindow, naturalTo: string, months: number): number {
  if (current.toMs >= shanghaiMidnight(naturalTo)) return Infinity;
  const [y, m, d] = current.to.split('-').map(Number) as [number, number, number];
  const shifted = new Date(Date.UTC(y, m - 1 + months, d));
  return shanghaiMidnight(shifted.toISOString().slice(0, 10));
}

/** The month `YYYY-MM` holding the Asia/Shanghai day of `ms`. */
export const monthOf = (ms: number): string => shanghaiDate(ms).slice(0, 7);

/**
 * The periods of `period` (a month, a year or a range `from..to`; default: the last month that has ended by the end of `asOf` — the
 * month of `asOf` when it is the month's last day, else the month before) as of `asOf`.
 * A period starting after `asOf` is a 400: there is nothing to show yet.
 */
export function dashboardPeriods(period: string | undefined, asOf: string): DashboardPeriods {
  const asOfEnd = shanghaiMidnight(asOf) + DAY_MS;
  const asOfMonth = monthOf(asOfEnd - DAY_MS);
  const key = period ?? (monthOf(asOfEnd) !== asOfMonth ? asOfMonth : addMonths(asOfMonth, -1));
  let out: Omit<DashboardPeriods, 'asOf' | 'asOfEnd'>;
  const range = RANGE_PERIOD.exec(key);
  if (range) {
    const [, from, to] = range as unknown as [string, string, string];
    const problem = rangeProblem(from, to);
    if (problem) throw new HttpError(400, 'bad_request', `query parameter "period": ${problem}`);
    out = { key, kind: 'range', ...rangeWindows(from, to, asOfEnd) };
  } else if (key.length === 4) {
    const y = Number(key);
    const current = yearWindow(y, asOfEnd);
    const before = yearWindow(y - 1, Math.min(asOfEnd, comparisonCut(current, `${y + 1}-01-01`, -12)));
    out = { key, kind: 'year', current, previous: before, yearAgo: before };
  } else {
    const current = monthWindow(key, asOfEnd);
    const natural = `${addMonths(key, 1)}-01`;
    out = {
      key,
      kind: 'month',
      current,
      previous: monthWindow(addMonths(key, -1), Math.min(asOfEnd, comparisonCut(current, natural, -1))),
      yearAgo: monthWindow(addMonths(key, -12), Math.min(asOfEnd, comparisonCut(current, natural, -12))),
    };
  }
  if (out.current.fromMs >= asOfEnd)
    throw new HttpError(
      400,
      'bad_request',
      `query parameter "period": ${key} starts after asOf ${asOf}; pick an earlier period or a later asOf`,
    );
  return { ...out, asOf, asOfEnd };
}
