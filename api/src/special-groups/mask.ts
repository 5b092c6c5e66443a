/**
 * Masking of identity and phone numbers in individual records: enough to tell two people
 * apart on a visit, not enough to identify anyone. `6101**********1234`, `138****5678`.
 */

/** Resident identity number (18 characters): first 4 and last 4 kept. Shorter values: last 2 kept. */
export function maskIdNumber(value: string | null): string | null {
  if (value === null) return null;
  const v = value.trim();
  if (v.length >= 12) return v.slice(0, 4) + '*'.repeat(v.length - 8) + v.slice(-4);
  return '*'.repeat(Math.max(0, v.length - 2)) + v.slice(-2);
}

/** Mobile number (11 digits): first 3 and last 4 kept. Other lengths: last 2 kept. */
export function maskPhone(value: string | null): string | null {
  if (value === null) return null;
  const v = value.replace(/[\s-]/g, '');
  if (v.length === 11) return `${v.slice(0, 3)}****${v.slice(-4)}`;
  return '*'.repeat(Math.max(0, v.length - 2)) + v.slice(-2);
}
