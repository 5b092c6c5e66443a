/** CSV rows streamed from disk (never the whole file as one string); the first row names the fields. */
import { createReadStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { parse } from 'csv-parse';
import { ImportError, type ImportInput, type SourceOptions, type SourceRecord } from './import.types.js';

/** Re-encodes a legacy encoding (GBK from Chinese Excel) to UTF-8 as it streams. */
function decoder(encoding: string): Transform {
  const dec = new TextDecoder(encoding);
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      done(null, dec.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, dec.decode());
    },
  });
}

export async function* csvRecords(input: ImportInput, options: SourceOptions): AsyncIterable<SourceRecord> {
  let stream: Readable = 'path' in input ? createReadStream(input.path) : Readable.from([Buffer.from(input.bytes)]);
  const encoding = (options.encoding ?? 'utf-8').toLowerCase();
  if (!['utf-8', 'utf8'].includes(encoding)) stream = stream.pipe(decoder(encoding));
  const delimiter = options.delimiter ?? ('path' in input && input.path.toLowerCase().endsWith('.tsv') ? '\t' : ',');
  const parser = stream.pipe(
    parse({ columns: (header: string[]) => header.map((h) => h.trim()), bom: true, delimiter, skip_empty_lines: true, relax_column_count: true, trim: true }),
  );
  let row = 0;
  try {
    for await (const fields of parser as AsyncIterable<Record<string, string>>) {
      row++;
      yield { row, fields };
    }
  } catch (error) {
    throw new ImportError(`not readable as CSV after row ${row}: ${(error as Error).message}`);
  }
}
