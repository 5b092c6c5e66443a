/**
 * dBASE III/IV tables (a shapefile's attributes): a header of field descriptors, then
 * fixed-width records. C text (trimmed), N/F numbers (null when blank), D dates as
 * `YYYYMMDD` strings (parse-time reads them), L booleans.
 */
export interface DbfField {
  name: string;
  type: string;
  length: number;
}

export interface DbfTable {
  fields: DbfField[];
  count: number;
  /** Record `i` (0-based); null when it is marked deleted. */
  record(i: number): Record<string, unknown> | null;
}

export function readDbf(bytes: Uint8Array, encoding = 'latin1'): DbfTable {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  const ascii = new TextDecoder('latin1');
  let text: InstanceType<typeof TextDecoder>;
  try {
    text = new TextDecoder(encoding);
  } catch {
    text = ascii;
  }
  const fields: DbfField[] = [];
  for (let at = 32; at + 32 <= headerLength && bytes[at] !== 0x0d; at += 32) {
    const raw = bytes.subarray(at, at + 11);
    const end = raw.indexOf(0);
    fields.push({ name: ascii.decode(end < 0 ? raw : raw.subarray(0, end)).trim(), type: String.fromCharCode(bytes[at + 11]!), length: bytes[at + 16]! });
  }
  return {
    fields,
    count,
    record(i) {
      const start = headerLength + i * recordLength;
      if (start + recordLength > bytes.length || bytes[start] === 0x2a) return null;
      const out: Record<string, unknown> = {};
      let at = start + 1;
      for (const f of fields) {
        const cell = bytes.subarray(at, at + f.length);
        at += f.length;
        const s = (f.type === 'C' ? text : ascii).decode(cell).trim();
        if (f.type === 'N' || f.type === 'F') {
          const x = s === '' ? NaN : Number(s);
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
