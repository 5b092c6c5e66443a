/**
 * Periods for patrol and workload analytics. `from`/`to` are ISO dates (`2025-06-01`, read as
 * midnight Asia/Shanghai, as the incident filters read them) or ISO date-times with an offset; `to` is exclusive. Without them the period
 * is the 30 days up to and including the district's reference date (`districts.reference_date`,
 * what `/api/meta` calls `referenceDate`), not the wall clock, so demo data reads as recent.
 */
import { z } from '@hono/zod-openapi';
import type { Db } from '../db/db.types.js';
import { HttpError } from '../http/http-error.js';
import { isStorableDateTime } from '../http/safe-text.js';

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day `YYYY-MM-DD` in years 1–9999. */
export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(2000, Number(m[2]) - 1, Number(m[3])));
  d.setUTCFullYear(Number(m[1]));
  return Number(m[1]) >= 1 && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

export const isoDateSchema = z.string().refine(isCalendarDate, { error: 'expected a date YYYY-MM-DD' }).openapi({ example: '2025-06-01' });

const instantSchema = z
  .string()
  .max(40)
  .refine((v) => isCalendarDate(v) || isStorableDateTime(v), {
    error: 'expected an ISO date (2025-06-01) or date-time with offset (2025-06-01T08:00:00+08:00)',
  });

export const PeriodQuerySchema = z.object({
  from: instantSchema.optional().openapi({ description: 'start (inclusive); default: 30 days before `to`', example: '2025-06-01' }),
  to: instantSchema
    .optional()
    .openapi({ description: 'end (exclusive); default: the day after the reference date', example: '2025-07-01' }),
});

export interface Period {
  /** Epoch milliseconds, `to` exclusive. */
  from: number;
  to: number;
}

/** Midnight Asia/Shanghai (UTC+8, no daylight saving) of a date `YYYY-MM-DD`, epoch ms. */
export const shanghaiMidnight = (date: string): number => Date.parse(`${date}T00:00:00+08:00`);
/** The Asia/Shanghai date `YYYY-MM-DD` of an instant (epoch ms). */
export const shanghaiDate = (ms: number): string => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

/** The district's reference day at midnight Asia/Shanghai (epoch ms); today when it has none. */
export async function referenceDay(db: Db, districtCode: string): Promise<number> {
  const r = await db.query<{ day: string | null }>(
    `SELECT to_char(reference_date, 'YYYY-MM-DD') AS day FROM districts WHERE district_code = $1`,
    [districtCode],
  );
  return shanghaiMidnight(r.rows[0]?.day ?? shanghaiDate(Date.now()));
}

const instant = (v: string): number => (isCalendarDate(v) ? shanghaiMidnight(v) : Date.parse(v));

export async function resolvePeriod(
  db: Db,
  districtCode: string,
  query: { from?: string | undefined; to?: string | undefined },
): Promise<Period> {
  const to =
    query.to !== undefined
      ? instant(query.to)
      : query.from !== undefined
        ? instant(query.from) + 30 * DAY_MS
        : (await referenceDay(db, districtCode)) + DAY_MS;
  const from = query.from !== undefined ? instant(query.from) : to - 30 * DAY_MS;
  if (!(to > from)) throw new HttpError(400, 'bad_request', 'query parameter "to" must come after "from"');
  return { from, to };
}

/** Days in a period (fractional), for per-month rules. */
export const periodDays = (p: Period): number => (p.to - p.from) / DAY_MS;

export { DAY_MS };
