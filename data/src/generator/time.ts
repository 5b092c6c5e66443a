/** Calendar helpers in UTC for a Beijing-time (UTC+8) working day. */
export const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** Epoch ms of 00:00 Beijing time on the day `days` before the reference date. */
export function beijingMidnight(referenceDate: string, daysBefore: number): number {
  return Date.parse(`${referenceDate}T00:00:00Z`) - BEIJING_OFFSET_MS - daysBefore * DAY_MS;
}

/** 0 = Sunday … 6 = Saturday, in Beijing time. */
export function beijingWeekday(epochMs: number): number {
  return new Date(epochMs + BEIJING_OFFSET_MS).getUTCDay();
}

export const iso = (epochMs: number): string => new Date(Math.round(epochMs)).toISOString();
