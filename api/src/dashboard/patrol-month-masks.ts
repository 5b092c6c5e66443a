/**
 * The days `[from, to)` (`YYYY-MM-DD`, Asia/Shanghai calendar days) as the months they touch
 * and, per month, the mask of its days in the range: bit d-1 for day d, as
 * `stretch_patrol_months.days` (migration 0048) keeps a stretch's patrolled days.
 */
export interface MonthMask {
  /** `YYYY-MM-01`. */
  month: string;
  mask: number;
}

const DAY_MS = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export function monthMasks(from: string, to: string): MonthMask[] {
  const out: MonthMask[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t < end; t += DAY_MS) {
    const day = iso(t);
    const month = `${day.slice(0, 7)}-01`;
    const bit = 1 << (Number(day.slice(8, 10)) - 1);
    const last = out.at(-1);
    if (last?.month === month) last.mask |= bit;
    else out.push({ month, mask: bit });
  }
  return out;
}
