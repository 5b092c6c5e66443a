/**
 * Reading incident counts from the pre-aggregates of migration 0016. A period `[from, to)`
 * is split into: partial days at its edges (read from `incidents`), whole days (the daily
 * tables) and, when no category/channel/state filter applies, whole months in between (the
 * monthly tables). Days and months are Asia/Shanghai (UTC+8, no daylight saving).
 */
import { incidentConditions, type IncidentFilter } from './incidents-filter.js';

const DAY_MS = 86_400_000;
const SHANGHAI_MS = 8 * 3_600_000;

/** A piece of a period: instants for raw rows, `YYYY-MM-DD` dates for days and months (null = unbounded). */
export type PeriodPiece =
  | { source: 'raw'; from: string | null; to: string | null }
  | { source: 'day'; from: string | null; to: string | null }
  | { source: 'month'; from: string | null; to: string | null };

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

/** Splits `[from, to)` (instants or null) into raw edges, whole days and whole months. */
export function splitPeriod(from: string | null, to: string | null, months: boolean): PeriodPiece[] {
  const f = from === null ? null : Date.parse(from);
  const t = to === null ? null : Date.parse(to);
  const d0 = f === null ? null : ceilDay(f);
  const d1 = t === null ? null : floorDay(t);
  if (d0 !== null && d1 !== null && d0 >= d1) return [{ source: 'raw', from, to }];
  const pieces: PeriodPiece[] = [];
  if (f !== null && d0! > f) pieces.push({ source: 'raw', from, to: instantOf(dateOf(d0!)) });
  if (t !== null && d1! < t) pieces.push({ source: 'raw', from: instantOf(dateOf(d1!)), to });
  const day0 = d0 === null ? null : dateOf(d0);
  const day1 = d1 === null ? null : dateOf(d1);
  if (months) {
    const m0 = day0 === null ? null : day0 === monthStart(day0) ? day0 : nextMonth(day0);
    const m1 = day1 === null ? null : monthStart(day1);
    if (m0 === null || m1 === null || m0 < m1) {
      if (day0 !== null && day0 < m0!) pieces.push({ source: 'day', from: day0, to: m0 });
      pieces.push({ source: 'month', from: m0, to: m1 });
      if (day1 !== null && m1! < day1) pieces.push({ source: 'day', from: m1, to: day1 });
      return pieces;
    }
  }
  pieces.push({ source: 'day', from: day0, to: day1 });
  return pieces;
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
      return `SELECT ${keys('i', 'raw')}, 1 AS n FROM incidents i WHERE ${where} AND ${extraWhere('i', 'raw')}`;
    }
    const monthly = piece.source === 'month';
    const where = [incidentConditions({ ...f, from: null, to: null }, params, 'a')];
    const col = monthly ? 'a.month' : 'a.day';
    if (piece.from !== null) where.push(`${col} >= ${p(piece.from)}::date`);
    if (piece.to !== null) where.push(`${col} < ${p(piece.to)}::date`);
    return `SELECT ${keys('a', piece.source)}, a.n FROM ${monthly ? tables.month : tables.day} a WHERE ${where.join(' AND ')} AND ${extraWhere('a', piece.source)}`;
  });
}
