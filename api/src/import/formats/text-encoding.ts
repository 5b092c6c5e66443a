/**
 * Which text encoding bytes are in: a name given or read from a .cpg or a DBF's language
 * driver id (LDID), checked against the bytes; else detected (a BOM; valid UTF-8; else GBK,
 * what Chinese Windows writes). Names are WHATWG labels Node's TextDecoder takes.
 */
import { FormatError } from './format-error.js';

/** Code pages and names offices write in .cpg files and options → WHATWG names. */
const NAMES: Record<string, string> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  '65001': 'utf-8',
  gbk: 'gbk',
  cp936: 'gbk',
  '936': 'gbk',
  gb2312: 'gbk',
  'gb-2312': 'gbk',
  gb18030: 'gb18030',
  '54936': 'gb18030',
  big5: 'big5',
  cp950: 'big5',
  '950': 'big5',
  latin1: 'windows-1252',
  'iso-8859-1': 'windows-1252',
  '88591': 'windows-1252',
  '1252': 'windows-1252',
  cp1252: 'windows-1252',
  'windows-1252': 'windows-1252',
  ansi: 'windows-1252',
  '932': 'shift_jis',
  shift_jis: 'shift_jis',
  '949': 'euc-kr',
  '1251': 'windows-1251',
  '1250': 'windows-1250',
  '866': 'ibm866',
};

/** dBASE language driver ids → encoding (ESRI's table; GDAL's too). */
const LDID: Record<number, string> = {
  0x01: 'ibm866', // cp437 has no WHATWG decoder; 866 shares its ASCII half
  0x03: 'windows-1252',
  0x57: 'windows-1252',
  0x58: 'windows-1252',
  0x59: 'windows-1252',
  0x13: 'shift_jis',
  0x4d: 'gbk',
  0x4e: 'euc-kr',
  0x4f: 'big5',
  0x7a: 'gbk',
  0x78: 'big5',
  0x7b: 'shift_jis',
  0x7c: 'windows-874',
  0x26: 'ibm866',
  0x64: 'ibm866',
  0xc8: 'windows-1250',
  0xc9: 'windows-1251',
  0xca: 'windows-1254',
  0xcb: 'windows-1253',
  0xcc: 'windows-1257',
};

/** The WHATWG name of an encoding label or code page, or null when Node cannot decode it. */
export function encodingName(label: string): string | null {
  const key = label.trim().toLowerCase().replace(/\s+/g, '');
  const codePage = /^(?:ansi|cp|windows-?)(\d+)$/.exec(key)?.[1];
  const name = NAMES[key] ?? (codePage ? (NAMES[codePage] ?? `windows-${codePage}`) : key);
  try {
    return new TextDecoder(name).encoding;
  } catch {
    return null;
  }
}

/** The encoding a DBF's LDID byte names, or null (0 and unknown ids). */
export function ldidEncoding(ldid: number): string | null {
  return LDID[ldid] ?? null;
}

function isAscii(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b >= 0x80) return false;
  return true;
}

/** Bytes decode without error in `encoding` (a sample cut mid-character is forgiven at its end). */
export function decodesAs(bytes: Uint8Array, encoding: string, cutAtEnd = false): boolean {
  try {
    const decoder = new TextDecoder(encoding, { fatal: true });
    if (cutAtEnd) decoder.decode(bytes, { stream: true });
    else decoder.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** A BOM's encoding and length, or null. */
export function bomOf(bytes: Uint8Array): { name: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { name: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { name: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { name: 'utf-16be', length: 2 };
  return null;
}

/**
 * The encoding of text bytes (a sample: `cutAtEnd` when it may end mid-character): UTF-8 when
 * they are valid UTF-8 (ASCII included), else GBK when they decode as GBK, else an error.
 */
export function detectEncoding(sample: Uint8Array, cutAtEnd = false): string {
  const bom = bomOf(sample);
  if (bom) return bom.name;
  if (isAscii(sample) || decodesAs(sample, 'utf-8', cutAtEnd)) return 'utf-8';
  if (decodesAs(sample, 'gbk', cutAtEnd)) return 'gbk';
  throw new FormatError('bad_encoding', 'the text is neither UTF-8 nor GBK; give its encoding with --encoding (e.g. big5, windows-1252)');
}

/** True when `bytes` hold only ASCII (every encoding reads them alike). */
export function asciiOnly(bytes: Uint8Array): boolean {
  return isAscii(bytes);
}
