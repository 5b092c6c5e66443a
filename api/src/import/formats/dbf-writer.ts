/**
 * A dBASE III table for a shapefile: field names (at most 10 bytes in the table's encoding,
 * made unique), C text sized to the longest value (at most 254 bytes, cut on a character
 * boundary and counted), N numbers (integers as N(18,0), others N(24,15) as GDAL writes
 * them), L booleans, D dates. Text in UTF-8 or GBK (iconv-lite), the LDID set to match.
 */
import iconv from 'iconv-lite';
import { FormatError } from './format-error.js';
import type { LayerWarnings } from './layer-warnings.js';

export type DbfEncoding = 'utf-8' | 'gbk';

interface Column {
  source: string;
  name: Uint8Array;
  type: 'C' | 'N' | 'L' | 'D';
  length: number;
  decimals: number;
}

const MAX_C = 254;

function encoder(encoding: DbfEncoding): (s: string) => Uint8Array {
  if (encoding === 'utf-8') {
    const te = new TextEncoder();
    return (s) => te.encode(s);
  }
  return (s) => new Uint8Array(iconv.encode(s, 'gbk'));
}

/** `s` cut to at most `max` bytes without splitting a character. */
function fit(s: string, max: number, encode: (s: string) => Uint8Array): Uint8Array {
  let bytes = encode(s);
  if (bytes.length <= max) return bytes;
  const chars = [...s];
  while (chars.length > 0 && bytes.length > max) {
    chars.pop();
    bytes = encode(chars.join(''));
  }
  return bytes;
}

function text(v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function columnsOf(rows: Record<string, unknown>[], encoding: DbfEncoding, warnings: LayerWarnings): Column[] {
  const encode = encoder(encoding);
  const names = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) names.add(k);
  const used = new Set<string>();
  const dec = new TextDecoder(encoding);
  const out: Column[] = [];
  for (const source of names) {
    const values = rows.map((r) => r[source]).filter((v) => v !== null && v !== undefined && v !== '');
    let type: Column['type'] = 'C';
    if (values.length > 0 && values.every((v) => typeof v === 'number' && Number.isFinite(v))) type = 'N';
    else if (values.length > 0 && values.every((v) => typeof v === 'boolean')) type = 'L';
    else if (values.length > 0 && values.every((v) => v instanceof Date)) type = 'D';
    const integers = type === 'N' && values.every((v) => Number.isInteger(v) && Math.abs(v as number) < 1e17);
    let length = type === 'N' ? (integers ? 18 : 24) : type === 'L' ? 1 : type === 'D' ? 8 : 1;
    if (type === 'C') for (const v of values) length = Math.max(length, Math.min(MAX_C, encode(text(v)).length));
    // A unique name of at most 10 bytes: cut, then numbered.
    let name = fit(source, 10, encode);
    let key = dec.decode(name).toLowerCase();
    for (let n = 1; used.has(key); n++) {
      const suffix = `_${n}`;
      name = new Uint8Array([...fit(source, 10 - suffix.length, encode), ...new TextEncoder().encode(suffix)]);
      key = dec.decode(name).toLowerCase();
    }
    used.add(key);
    if (dec.decode(name) !== source)
      warnings.add(
        'field_renamed',
        'field names longer than 10 bytes (or the same once shortened) were renamed (a dBASE limit)',
        `${source} → ${dec.decode(name)}`,
      );
    out.push({ source, name, type, length, decimals: type === 'N' && !integers ? 15 : 0 });
  }
  return out;
}

function cell(v: unknown, c: Column, encode: (s: string) => Uint8Array, row: number, warnings: LayerWarnings): Uint8Array {
  if (v === null || v === undefined || v === '') return new Uint8Array(0);
  if (c.type === 'N') {
    const x = v as number;
    const s = c.decimals === 0 ? String(x) : x.toFixed(c.decimals);
    if (s.length > c.length) throw new FormatError('unreadable', `the value ${s} of ${c.source} does not fit a dBASE number field`);
    return new TextEncoder().encode(s.padStart(c.length, ' '));
  }
  if (c.type === 'L') return new TextEncoder().encode(v ? 'T' : 'F');
  if (c.type === 'D') return new TextEncoder().encode((v as Date).toISOString().slice(0, 10).replace(/-/g, ''));
  const s = text(v);
  const bytes = fit(s, c.length, encode);
  if (bytes.length < encode(s).length)
    warnings.add('text_cut', `text longer than ${MAX_C} bytes was cut (a dBASE limit)`, { row, field: c.source });
  return bytes;
}

export function writeDbf(rows: Record<string, unknown>[], encoding: DbfEncoding, warnings: LayerWarnings): Uint8Array {
  const encode = encoder(encoding);
  const columns = columnsOf(rows, encoding, warnings);
  if (columns.length === 0) columns.push({ source: 'FID', name: new TextEncoder().encode('FID'), type: 'N', length: 18, decimals: 0 });
  const headerLength = 32 + 32 * columns.length + 1;
  const recordLength = 1 + columns.reduce((a, c) => a + c.length, 0);
  const out = new Uint8Array(headerLength + recordLength * rows.length + 1);
  const dv = new DataView(out.buffer);
  const now = new Date();
  out[0] = 0x03;
  out[1] = now.getUTCFullYear() - 1900;
  out[2] = now.getUTCMonth() + 1;
  out[3] = now.getUTCDate();
  dv.setUint32(4, rows.length, true);
  dv.setUint16(8, headerLength, true);
  dv.setUint16(10, recordLength, true);
  // LDID 0x4D is GBK (code page 936); UTF-8 has none: the .cpg says it.
  out[29] = encoding === 'gbk' ? 0x4d : 0x00;
  columns.forEach((c, i) => {
    const at = 32 + 32 * i;
    out.set(c.name, at);
    out[at + 11] = c.type.charCodeAt(0);
    out[at + 16] = c.length;
    out[at + 17] = c.decimals;
  });
  out[headerLength - 1] = 0x0d;
  out.fill(0x20, headerLength, out.length - 1);
  rows.forEach((r, i) => {
    let at = headerLength + recordLength * i + 1;
    for (const c of columns) {
      const bytes =
        c.source === 'FID' && columns.length === 1 && !(c.source in r)
          ? new TextEncoder().encode(String(i).padStart(c.length))
          : cell(r[c.source], c, encode, i + 1, warnings);
      out.set(bytes, at);
      at += c.length;
    }
  });
  out[out.length - 1] = 0x1a;
  return out;
}
