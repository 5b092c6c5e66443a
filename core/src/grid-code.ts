/**
 * Region and grid codes (DESIGN.md): 6-digit county + 3-digit subdistrict + 3-digit
 * community (the statistical division code, 12 digits) + 3-digit grid serial = 15 digits.
 */
export interface GridCodeParts {
  county: string;
  subdistrict: string;
  community: string;
  serial: number;
}

const GRID_CODE = /^(\d{6})(\d{3})(\d{3})(\d{3})$/;

/** True when `code` is a well-formed 15-digit grid code with a serial of 1–999. */
export function isGridCode(code: string): boolean {
  const m = GRID_CODE.exec(code);
  return m !== null && Number(m[4]) > 0;
}

/** Splits a grid code; throws with the offending code when it is malformed. */
export function parseGridCode(code: string): GridCodeParts {
  const m = GRID_CODE.exec(code);
  if (!m || Number(m[4]) === 0) throw new Error(`not a 15-digit grid code: "${code}"`);
  return { county: m[1]!, subdistrict: m[2]!, community: m[3]!, serial: Number(m[4]) };
}

/**
 * The grid code for a 12-digit community code and a serial (1–999).
 *
 * @example
 * gridCode('610199001002', 7) // '610199001002007'
 */
export function gridCode(communityCode: string, serial: number): string {
  if (!/^\d{12}$/.test(communityCode)) {
    throw new Error(`a community code has 12 digits, got "${communityCode}"`);
  }
  if (!Number.isInteger(serial) || serial < 1 || serial > 999) {
    throw new Error(`a grid serial is a whole number from 1 to 999, got ${serial}`);
  }
  return communityCode + String(serial).padStart(3, '0');
}

/** The 12-digit community code a grid code belongs to. */
export function communityOfGrid(code: string): string {
  parseGridCode(code);
  return code.slice(0, 12);
}

export type RegionCodeLevel = 'district' | 'subdistrict' | 'community';

/** The level a region code denotes by its length (6, 9 or 12 digits), or null. */
export function regionLevelOf(code: string): RegionCodeLevel | null {
  if (!/^\d+$/.test(code)) return null;
  if (code.length === 6) return 'district';
  if (code.length === 9) return 'subdistrict';
  if (code.length === 12) return 'community';
  return null;
}
