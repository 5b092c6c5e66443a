/**
 * dBASE III/IV tables (a shapefile's attributes): a header of field descriptors, then
 * fixed-width records. C text (trimmed) and field names in the table's encoding; N/F numbers
 * (null when blank or `*****`); D dates as `YYYYMMDD` strings (parse-time reads them); L
 * booleans. Text that does not decode in the encoding is an error naming the row and field,
 * never a row of replacement characters.
 */
import { FormatError } from './format-error.js';

export interface DbfField {
  name: string;
  /** dBASE type letter: C, N, F, D, L, M … */
  type: string;
  length: number;
  decimals: number;
}

export interface DbfHeader {
  /** Records the header declares. */
  count: number;
  /** Language driver id (byte 29); 0 when unset. */
  ldid: number;
  headerLength: number;
  recordLength: number;
  /** Raw field names (decoded later, in the table's encoding). */
  rawNames: Uint8Array[];
  fields: Omit<DbfField, 'name'>[];
}

export function readDbfHeader(bytes: Uint8Array): DbfHeader {
  if (bytes.length < 33) throw new FormatError('unreadable', 'the .dbf is too short to be a dBASE table');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  const rawNames: Uint8Array[] = [];
  const fields: Omit<DbfField, 'name'>[] = [];
  for (let at = 32; at + 32 <= Math.min(headerLength, bytes.length) && bytes[at] !== 0x0d; at += 32) {
    const raw = bytes.subarray(at, at + 11);
    const end = raw.indexOf(0);
    rawNames.push(end < 0 ? raw : raw.subarray(0, end));
    fields.push({ type: String.fromCharCode(bytes[at + 11]!), length: bytes[at + 16]!, decimals: bytes[at + 17]! });
  }
  return { count: view.getUint32(4, true), ldid: bytes[29]!, headerLength, recordLength, rawNames, fields };
}

/** The bytes of the text (C and M) cells of records `[0, limit)` and the field names: what encoding detection looks at. */
export function dbfTextSample(bytes: Uint8Array, header: DbfHeader, limit = 2000): Uint8Array {
  const parts: Uint8Array[] = [...header.rawNames];
  const n = Math.min(header.count, limit);
  for (let i = 0; i < n; i++) {
    let at = header.headerLength + i * header.recordLength + 1;
    for (const f of header.fields) {
      if (f.type === 'C') parts.push(bytes.subarray(at, Math.min(at + f.length, bytes.length)));
      at += f.length;
    }
  }
  // Separate cells by a space so no multibyte character is formed across two of them.
  const size = parts.reduce((a, p) => a + p.length + 1, 0);
  const out = new Uint8Array(size).fill(0x20);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length + 1;
  }
  return out;
}

export interface DbfTable {
  fields: DbfField[];
  count: number;
  /** Record `i` (0-based); null when it is marked deleted. */
  record(i: number): Record<string, unknown> | null;
}

/** A dBASE table read in `encoding` (a WHATWG name). */
export function readDbf(bytes: Uint8Array, encoding = 'windows-1252'): DbfTable {
  const header = readDbfHeader(bytes);
  const text = new TextDecoder(encoding, { fatal: true });
  const ascii = new TextDecoder('windows-1252');
  const decode = (cell: Uint8Array, where: string): string => {
    try {
      return text.decode(cell);
    } catch {
      throw new FormatError(
        'bad_encoding',
        `${where} is not valid ${encoding}; give the table's encoding with --encoding (gbk, utf-8, big5 …)`,
        { encoding },
      );
    }
  };
  const fields: DbfField[] = header.fields.map((f, i) => ({
    ...f,
    name: decode(header.rawNames[i]!, `the name of field ${i + 1}`).trim(),
  }));
  // A cell cut mid-character by a fixed width (writers that count characters, not bytes) loses only that character.
  const cellText = (cell: Uint8Array, row: number, field: string): string => {
    try {
      return text.decode(cell);
    } catch {
      for (let cut = 1; cut <= 3 && cut < cell.length; cut++) {
        try {
          return text.decode(cell.subarray(0, cell.length - cut));
        } catch {
          // try a shorter cut
        }
      }
      return decode(cell, `row ${row + 1}, field ${field}`);
    }
  };
  return {
    fields,
    count: header.count,
    record(i) {
      const start = header.headerLength + i * header.recordLength;
      if (start + header.recordLength > bytes.length)
        throw new FormatError('unreadable', `the .dbf ends before record ${i + 1} of the ${header.count} it declares`);
      if (bytes[start] === 0x2a) return null;
      const out: Record<string, unknown> = {};
      let at = start + 1;
      for (const f of fields) {
        const cell = bytes.subarray(at, at + f.length);
        at += f.length;
        if (f.type === 'C' || f.type === 'M') {
          const s = cellText(cell, i, f.name).replace(/\0+$/, '').trim();
          out[f.name] = s === '' ? null : s;
          continue;
        }
        const s = ascii.decode(cell).replace(/\0/g, '').trim();
        if (f.type === 'N' || f.type === 'F') {
          const x = s === '' || /^\*+$/.test(s) ? NaN : Number(s);
          out[f.name] = Number.isFinite(x) ? x : null;
        } else if (f.type === 'L') {
          out[f.name] = /^[YyTt]$/.test(s) ? true : /^[NnFf]$/.test(s) ? false : null;
        } else {
          out[f.name] = s === '' ? null : s;
        }
      }
      return out;
    },
  };
}
