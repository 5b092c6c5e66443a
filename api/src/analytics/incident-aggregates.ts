/**
 * Reading incident counts from the pre-aggregates of migration 0016. A period `[from, to)`
 * is split into: partial days at its edges (read from `incidents`), whole days (the daily
 * tables) and, when no category/channel/state filter applies, whole months in between (the
 * monthly tables). Days and months are Asia/Shanghai (UTC+8, no daylight saving).
 */
import { incidentConditions, type IncidentFilter } from './incidents-filter.js';

const DAY_MS = 86_400_000;
const SHANGHAI_MS = 8 * 3_600_000;

/**
 * A piece of a period: instants for raw rows, `YYYY-MM-DD` dates for days and months (null =
 * unbounded). `sign` −1 marks days to take away from a whole month read in their stead.
 */
export type PeriodPiece = { source: 'raw' | 'day' | 'month'; from: string | null; to: string | null; sign: 1 | -1 };

const dateOf = (ms: number): string => new Date(ms + SHANGHAI_MS).toISOString().slice(0, 10);
const instantOf = (date: string): string => `${date}T00:00:00+08:00`;
/** Shanghai midnight at or after `ms`. */
const ceilDay = (ms: number): number => Math.ceil((ms + SHANGHAI_MS) / DAY_MS) * DAY_MS - SHANGHAI_MS;
const floorDay = (ms: number): number => Math.floor((ms + SHANGHAI_MS) / DAY_MS) * DAY_MS - SHANGHAI_MS;
const monthStart = (date: string): string => `${date.slice(0, 7)}-01`;
function nextMonth(date: string): string {
  const d = new Date(`${monthStart(date)}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
}
/** Days from one date to another, either way round. */
const daysBetween = (a: string, b: string): number => Math.abs(Date.parse(b) - Date.parse(a)) / DAY_MS;

/**
 * Splits `[from, to)` (instants or null) into raw edges, whole days and, with `months`, whole
 * months. With `months` the pieces are for summing: a partial month is read as the whole
 * month less the days it lacks (pieces with `sign` −1) when that reads fewer days — a year
 * from the 2nd of a month reads one day less instead of 29 more.
 */
export function splitPeriod(from: string | null, to: string | null, months: boolean): PeriodPiece[] {
  const f = from === null ? null : Date.parse(from);
  const t = to === null ? null : Date.parse(to);
  const d0 = f === null ? null : ceilDay(f);
  const d1 = t === null ? null : floorDay(t);
  if (d0 !== null && d1 !== null && d0 >= d1) return [{ source: 'raw', from, to, sign: 1 }];
  const pieces: PeriodPiece[] = [];
  if (f !== null && d0! > f) pieces.push({ source: 'raw', from, to: instantOf(dateOf(d0!)), sign: 1 });
  if (t !== null && d1! < t) pieces.push({ source: 'raw', from: instantOf(dateOf(d1!)), to, sign: 1 });
  const day0 = d0 === null ? null : dateOf(d0);
  const day1 = d1 === null ? null : dateOf(d1);
  const cover = months ? monthCover(day0, day1) : null;
  if (!cover) return [...pieces, { source: 'day', from: day0, to: day1, sign: 1 }];
  const [m0, m1] = cover;
  const days = (a: string | null, b: string | null): PeriodPiece[] =>
    a === null || b === null || a === b
      ? []
      : a < b
        ? [{ source: 'day', from: a, to: b, sign: 1 }]
        : [{ source: 'day', from: b, to: a, sign: -1 }];
  return [...pieces, ...days(day0, m0), { source: 'month', from: m0, to: m1, sign: 1 }, ...days(m1, day1)];
}

/**
 * The whole months `[m0, m1)` that read the whole days `[day0, day1)` with the fewest days
 * beside them (each edge's month taken whole or left out), or null when days alone read fewer.
 */
function monthCover(day0: string | null, day1: string | null): [string | null, string | null] | null {
  const starts = day0 === null ? [null] : [...new Set([day0 === monthStart(day0) ? day0 : nextMonth(day0), monthStart(day0)])];
  const ends = day1 === null ? [null] : [...new Set([monthStart(day1), day1 === monthStart(day1) ? day1 : nextMonth(day1)])];
  let best: { cover: [string | null, string | null]; days: number } | null = null;
  for (const m0 of starts) {
    for (const m1 of ends) {
      if (m0 !== null && m1 !== null && m0 >= m1) continue;
      const days = (m0 === null ? 0 : daysBetween(day0!, m0)) + (m1 === null ? 0 : daysBetween(m1, day1!));
      if (!best || days < best.days) best = { cover: [m0, m1], days };
    }
  }
  if (!best) return null;
  return day0 !== null && day1 !== null && best.days >= daysBetween(day0, day1) ? null : best.cover;
}

/** Whether the monthly tables (no category/channel/state) can answer the filter. */
export const monthlyAllowed = (f: IncidentFilter): boolean => f.categories === null && f.channels === null && f.states === null;

/**
 * One `SELECT <keys>, <n> FROM … WHERE …` per piece of the filter's period, for
 * `UNION ALL`: `raw` selects from `incidents i` (`count` is `1` per row), the aggregates
 * from the given tables (alias `a`, `n` their count). `keys(alias, source)` gives the
 * select list before the count.
 */
export function periodSelects(
  f: IncidentFilter,
  params: unknown[],
  tables: { day: string; month: string },
  keys: (alias: string, source: PeriodPiece['source']) => string,
  extraWhere: (alias: string, source: PeriodPiece['source']) => string = () => 'true',
  useMonths = true,
): string[] {
  const p = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  return splitPeriod(f.from, f.to, useMonths && monthlyAllowed(f)).map((piece) => {
    if (piece.source === 'raw') {
      const where = incidentConditions({ ...f, from: piece.from, to: piece.to }, params, 'i');
      return `SELECT ${keys('i', 'raw')}, ${piece.sign} AS n FROM incidents i WHERE ${where} AND ${extraWhere('i', 'raw')}`;
    }
    const monthly = piece.source === 'month';
    const where = [incidentConditions({ ...f, from: null, to: null }, params, 'a')];
    const col = monthly ? 'a.month' : 'a.day';
    if (piece.from !== null) where.push(`${col} >= ${p(piece.from)}::date`);
    if (piece.to !== null) where.push(`${col} < ${p(piece.to)}::date`);
    return `SELECT ${keys('a', piece.source)}, ${piece.sign < 0 ? '-a.n' : 'a.n'} AS n FROM ${monthly ? tables.month : tables.day} a WHERE ${where.join(' AND ')} AND ${extraWhere('a', piece.source)}`;
  });
}
