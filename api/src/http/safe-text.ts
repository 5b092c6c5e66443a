/**
 * Checks at the edge for text that reaches PostgreSQL: `text` cannot hold NUL or unpaired
 * surrogates, control characters have no place in names or searches, and `timestamptz` refuses years and
 * offsets that ISO 8601 (and zod) allow. Refusing them here is a 400, not a database error.
 */

// Unpaired UTF-16 surrogates are no text either (the embedded database refuses them).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const NO_CONTROL_CHARS = /^(?:[^\u0000-\u001f\u007f\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])*$/;
export const NO_CONTROL_CHARS_ERROR = 'must not contain control characters or unpaired surrogates';

/** An ISO date-time PostgreSQL accepts: a real calendar day in years 1–9999, offset within ±14:00. */
export function isStorableDateTime(value: string): boolean {
  // V8's Date.parse reads past a NUL ("00:00\u000000:00Z" parses) where PostgreSQL refuses it.
  if (!NO_CONTROL_CHARS.test(value)) return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})T.*?(?:Z|([+-])(\d{2}):?(\d{2}))$/i.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || Number(m[5] ?? 0) > 14) return false;
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return date.getUTCDate() === day && Number.isFinite(Date.parse(value));
}
