/**
 * CSV (and TSV) rows, the first row naming the fields. The encoding is the one given, else a
 * BOM's, else UTF-8 when the whole file is valid UTF-8, else GBK (Chinese Excel's "CSV")
 * when it is valid GBK. The text is decoded and parsed in chunks, never as one string; the
 * separator is the one given, else the commonest of `,` `\t` `;` in the header line.
 */
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { FormatError } from './format-error.js';
import { LayerWarnings } from './layer-warnings.js';
import type { LayerEncoding } from './layer.types.js';
import { FieldTypes, type RawLayer, type RawRecord } from './raw-layer.js';
import { bomOf, decodesAs, encodingName } from './text-encoding.js';

const CHUNK = 1 << 20;

export function csvEncoding(bytes: Uint8Array, given: string | undefined): LayerEncoding & { skip: number } {
  if (given !== undefined) {
    const name = encodingName(given);
    if (!name) throw new FormatError('bad_encoding', `unknown encoding "${given}"; try gbk or utf-8`);
    const skip = bomOf(bytes)?.name === name ? bomOf(bytes)!.length : 0;
    if (!decodesAs(bytes.subarray(skip), name)) {
      const other = name === 'utf-8' ? 'gbk' : 'utf-8';
      throw new FormatError(
        'bad_encoding',
        `the CSV is not valid ${name}${decodesAs(bytes, other) ? `; it reads as ${other}: give --encoding ${other}` : ''}`,
        { encoding: name },
      );
    }
    return { name, how: 'given', skip };
  }
  const bom = bomOf(bytes);
  if (bom) return { name: bom.name, how: 'detected', skip: bom.length };
  if (decodesAs(bytes, 'utf-8')) return { name: 'utf-8', how: 'detected', skip: 0 };
  if (decodesAs(bytes, 'gbk')) return { name: 'gbk', how: 'detected', skip: 0 };
  throw new FormatError('bad_encoding', 'the CSV is neither UTF-8 nor GBK; give its encoding with --encoding (e.g. big5)');
}

function* textChunks(bytes: Uint8Array, encoding: string): Generator<string> {
  const decoder = new TextDecoder(encoding);
  for (let at = 0; at < bytes.length; at += CHUNK) yield decoder.decode(bytes.subarray(at, at + CHUNK), { stream: true });
  yield decoder.decode();
}

function delimiterOf(bytes: Uint8Array, given: string | undefined, fileName: string): string {
  if (given !== undefined) return given;
  const end = bytes.indexOf(0x0a);
  const header = new TextDecoder('latin1').decode(bytes.subarray(0, end < 0 ? Math.min(bytes.length, 65536) : end));
  const counts = [',', '\t', ';', '|'].map((d) => [d, header.split(d).length - 1] as const).sort((a, b) => b[1] - a[1]);
  if (counts[0]![1] === 0) return fileName.toLowerCase().endsWith('.tsv') ? '\t' : ',';
  return counts[0]![0];
}

/** Non-blank lines outside quotes, less the header: the rows csv-parse would give, without parsing. */
export function csvRowCount(bytes: Uint8Array): number {
  let rows = 0;
  let quoted = false;
  let blank = true;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x22) quoted = !quoted;
    if (b === 0x0a && !quoted) {
      if (!blank) rows++;
      blank = true;
    } else if (b !== 0x0d && b !== 0x20 && b !== 0x09) {
      blank = false;
    }
  }
  if (!blank) rows++;
  return Math.max(0, rows - 1);
}

export function csvLayer(name: string, fileName: string, bytes: Uint8Array, options: { encoding?: string; delimiter?: string }): RawLayer {
  const warnings = new LayerWarnings();
  const { skip, ...encoding } = csvEncoding(bytes, options.encoding);
  const body = bytes.subarray(skip);
  const delimiter = delimiterOf(body, options.delimiter, fileName);
  const types = new FieldTypes();
  return {
    format: 'csv',
    name,
    encoding,
    declaredCrs: null,
    fields: null,
    count: null,
    bbox: null,
    warnings,
    fieldTypes: types,
    countRecords: () => csvRowCount(body),
    async *records(): AsyncIterable<RawRecord> {
      const parser = Readable.from(textChunks(body, encoding.name)).pipe(
        parse({
          columns: (header: string[]) => header.map((h) => h.trim()),
          bom: true,
          delimiter,
          skip_empty_lines: true,
          relax_column_count: true,
          trim: true,
        }),
      );
      let row = 0;
      try {
        for await (const fields of parser as AsyncIterable<Record<string, string>>) {
          row++;
          types.see(fields);
          yield { row, geometry: null, properties: fields };
        }
      } catch (error) {
        if (error instanceof FormatError) throw error;
        throw new FormatError('unreadable', `not readable as CSV after row ${row}: ${(error as Error).message}`);
      }
    },
  };
}
