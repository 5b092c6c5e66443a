/**
 * Normalising one row of a staff roster as offices type it in Excel, before any database
 * lookup: full-width digits and letters (ＮＦＫＣ), codes typed as numbers, several codes in one
 * cell (、，,;/ or spaces), names padded with spaces to line up two-character names (王  一),
 * phones with spaces or dashes. Every change is named (`repairs`) so the import reports it;
 * what cannot be read is a `rejection` with a reason key, never a silent drop.
 */

export type RosterRepair = 'fullwidth' | 'name_spaces' | 'code_number' | 'phone_spaces';
export type RosterRejection = 'missing_name' | 'control_characters' | 'code_precision_lost' | 'code_malformed';

export interface RosterCell {
  name?: unknown;
  phone?: unknown;
  /** Grid, zone or region codes: a string, a number, or several codes in one cell. */
  codes?: unknown;
}

export interface RosterRow {
  name: string;
  phone: string | null;
  /** Digit-only codes in the order given (15 grid, 14 zone, 12 community, 9 subdistrict). */
  codes: string[];
  repairs: RosterRepair[];
  rejection: { reason: RosterRejection; detail: string } | null;
}

const text = (v: unknown): string => (v === undefined || v === null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

/** Han characters only, with spaces between them (alignment padding, not part of the name). */
const PADDED_HAN_NAME = /^[\p{Script=Han}·]+(?:\s+[\p{Script=Han}·]+)+$/u;

export function normaliseRosterRow(cell: RosterCell): RosterRow {
  const repairs = new Set<RosterRepair>();
  const nfkc = (raw: string): string => {
    const n = raw.normalize('NFKC');
    if (n !== raw) repairs.add('fullwidth');
    return n.trim();
  };
  let name = nfkc(text(cell.name));
  if (PADDED_HAN_NAME.test(name)) {
    name = name.replace(/\s+/g, '');
    repairs.add('name_spaces');
  }
  let phone: string | null = nfkc(text(cell.phone)) || null;
  if (phone !== null && /[\s-]/.test(phone) && /^[\d\s-]+$/.test(phone)) {
    phone = phone.replace(/[\s-]/g, '');
    repairs.add('phone_spaces');
  }
  const row = (rejection: RosterRow['rejection'], codes: string[] = []): RosterRow => ({
    name,
    phone,
    codes,
    repairs: [...repairs],
    rejection,
  });
  if (!name) return row({ reason: 'missing_name', detail: 'the row has no name' });
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(name + (phone ?? '')))
    return row({ reason: 'control_characters', detail: 'the name or phone holds control characters: retype it' });
  const codes: string[] = [];
  if (typeof cell.codes === 'number') {
    // Excel keeps 15 significant digits: a 15-digit code typed as a number survives, a longer one or a rounded one does not.
    if (!Number.isSafeInteger(cell.codes))
      return row({
        reason: 'code_precision_lost',
        detail: `${cell.codes} is not a whole code: format the column as text and type it again`,
      });
    codes.push(String(cell.codes));
    repairs.add('code_number');
  } else {
    const raw = nfkc(text(cell.codes));
    if (/^\d(\.\d+)?E\+\d+$/i.test(raw))
      return row({
        reason: 'code_precision_lost',
        detail: `${raw} lost its digits in Excel: format the column as text and type the code again`,
      });
    for (const part of raw.split(/[、,，;；/\s]+/).filter(Boolean)) {
      const digits = part.replace(/\.0+$/, '');
      if (!/^\d{9}(\d{3})?(\d{2})?(\d)?$/.test(digits) || ![9, 12, 14, 15].includes(digits.length))
        return row({
          reason: 'code_malformed',
          detail: `"${part}" is no grid (15 digits), zone (14), community (12) or subdistrict (9) code`,
        });
      codes.push(digits);
    }
  }
  return row(null, codes);
}
