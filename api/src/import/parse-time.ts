/**
 * Dates and times as people type them into spreadsheets, to epoch milliseconds. Recognised
 * without a format: ISO 8601 (`2020-12-11T23:45:00Z`, `2020-12-11 23:45`, `2020-12-11`),
 * `2020/12/11 23:45[:00]`, `20201211` (dBASE dates), and US month-first
 * `12/11/2020 11:45:00 PM` / `12/11/2020 23:45`; numbers are epoch seconds (or ms when
 * larger than 1e11). A string without a zone is local time at `utcOffset`.
 * `--time-format` names the layout with tokens YYYY MM DD HH hh mm ss A (e.g. `DD.MM.YYYY HH:mm`).
 */

/** `+08:00` → minutes east of UTC; undefined when malformed. */
export function offsetMinutes(offset: string): number | undefined {
  if (offset === 'Z' || offset === 'UTC') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(offset);
  if (!m) return undefined;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  /** Minutes east of UTC written in the value itself. */
  zone?: number;
}

function fromParts(p: Parts, defaultOffset: number): number | null {
  if (p.month < 1 || p.month > 12 || p.day < 1 || p.day > 31 || p.hour > 23 || p.minute > 59 || p.second > 60) return null;
  const utc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.ms);
  // 31 February is not 3 March.
  if (new Date(utc).getUTCDate() !== p.day) return null;
  return utc - (p.zone ?? defaultOffset) * 60_000;
}

function hour12(h: number, ampm: string | undefined): number {
  if (!ampm) return h;
  const pm = /^p/i.test(ampm);
  if (h < 1 || h > 12) return NaN;
  return (h % 12) + (pm ? 12 : 0);
}

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const SLASH_YMD = /^(\d{4})[/.年](\d{1,2})[/.月](\d{1,2})日?(?:\s+(\d{1,2})[:时](\d{2})(?:[:分](\d{2})秒?)?)?$/;
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]\.?M\.?)?)?$/i;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

function num(s: string | undefined): number {
  return s === undefined ? 0 : Number(s);
}

function autoParts(s: string): Parts | null {
  let m = ISO.exec(s);
  if (m) {
    const zone = m[8] === undefined ? undefined : offsetMinutes(m[8].toUpperCase().replace(/^([+-]\d{2})(\d{2})$/, '$1:$2'));
    return {
      year: num(m[1]),
      month: num(m[2]),
      day: num(m[3]),
      hour: num(m[4]),
      minute: num(m[5]),
      second: num(m[6]),
      ms: m[7] === undefined ? 0 : Math.round(Number(`0.${m[7]}`) * 1000),
      ...(zone === undefined ? {} : { zone }),
    };
  }
  m = SLASH_YMD.exec(s);
  if (m) return { year: num(m[1]), month: num(m[2]), day: num(m[3]), hour: num(m[4]), minute: num(m[5]), second: num(m[6]), ms: 0 };
  m = US.exec(s);
  if (m) {
    return {
      year: num(m[3]),
      month: num(m[1]),
      day: num(m[2]),
      hour: hour12(num(m[4]), m[7]?.replace(/\./g, '')),
      minute: num(m[5]),
      second: num(m[6]),
      ms: 0,
    };
  }
  m = COMPACT.exec(s);
  if (m) return { year: num(m[1]), month: num(m[2]), day: num(m[3]), hour: 0, minute: 0, second: 0, ms: 0 };
  return null;
}

const TOKENS: Record<string, [string, keyof Parts | 'ampm']> = {
  YYYY: ['(\\d{4})', 'year'],
  MM: ['(\\d{1,2})', 'month'],
  DD: ['(\\d{1,2})', 'day'],
  HH: ['(\\d{1,2})', 'hour'],
  hh: ['(\\d{1,2})', 'hour'],
  mm: ['(\\d{2})', 'minute'],
  ss: ['(\\d{2})', 'second'],
  A: ['([AaPp]\\.?[Mm]\\.?)', 'ampm'],
};

export interface TimeFormat {
  (value: string): Parts | null;
}

/** Compiles a `--time-format` layout; throws when it has no YYYY, MM and DD. */
export function compileTimeFormat(format: string): TimeFormat {
  const slots: (keyof Parts | 'ampm')[] = [];
  let pattern = '';
  for (let i = 0; i < format.length;) {
    const token = ['YYYY', 'MM', 'DD', 'HH', 'hh', 'mm', 'ss', 'A'].find((t) => format.startsWith(t, i));
    if (token) {
      const [re, slot] = TOKENS[token]!;
      pattern += re;
      slots.push(slot);
      i += token.length;
    } else {
      pattern += format[i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
      i++;
    }
  }
  if (!['year', 'month', 'day'].every((s) => slots.includes(s as keyof Parts))) {
    throw new Error(`time format "${format}" needs YYYY, MM and DD`);
  }
  const re = new RegExp(`^${pattern}$`);
  return (value) => {
    const m = re.exec(value);
    if (!m) return null;
    const p: Parts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, ms: 0 };
    let ampm: string | undefined;
    slots.forEach((slot, k) => {
      if (slot === 'ampm') ampm = m[k + 1];
      else p[slot] = Number(m[k + 1]);
    });
    if (ampm !== undefined) p.hour = hour12(p.hour, ampm.replace(/\./g, ''));
    return p;
  };
}

/**
 * A cell value (string, number or Date) → epoch ms, or null when it is not a time.
 *
 * @param utcOffsetMin minutes east of UTC for values without a zone (Beijing: 480)
 * @example parseTime('2020/12/11 23:45', 480) // Date.parse('2020-12-11T15:45:00Z')
 */
export function parseTime(value: unknown, utcOffsetMin: number, format?: TimeFormat): number | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime();
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    return value > 1e11 ? value : value * 1000;
  }
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (s === '') return null;
  if (!format && /^\d{9,13}(\.\d+)?$/.test(s)) return parseTime(Number(s), utcOffsetMin);
  const parts = format ? format(s) : autoParts(s);
  if (!parts || Object.values(parts).some((v) => typeof v === 'number' && Number.isNaN(v))) return null;
  return fromParts(parts, utcOffsetMin);
}
