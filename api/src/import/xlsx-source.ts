/**
 * Rows of the first worksheet (or the one named) of an .xlsx, streamed with ExcelJS's
 * reader; the first row names the fields. Date cells arrive as Date.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ImportInput, SourceOptions, SourceRecord } from './import.types.js';

function cellValue(v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (v instanceof Date || typeof v !== 'object') return v;
  const o = v as { richText?: { text: string }[]; text?: string; result?: unknown; error?: string };
  if (o.richText) return o.richText.map((r) => r.text).join('');
  if ('result' in o) return cellValue(o.result);
  if (o.text !== undefined) return o.text;
  return undefined;
}

export async function* xlsxRecords(input: ImportInput, options: SourceOptions): AsyncIterable<SourceRecord> {
  const stream = 'path' in input ? input.path : Readable.from([Buffer.from(input.bytes)]);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit' });
  for await (const sheet of reader) {
    const ws = sheet as unknown as AsyncIterable<ExcelJS.Row> & { name?: string };
    if (options.layer !== undefined && ws.name !== options.layer) continue;
    let header: string[] | null = null;
    let row = 0;
    for await (const r of ws) {
      const values = (r.values as unknown[]).slice(1).map(cellValue);
      if (header === null) {
        header = values.map((v, i) => (v === undefined ? `column${i + 1}` : String(v).trim()));
        continue;
      }
      row++;
      if (values.every((v) => v === undefined || v === '')) continue;
      const fields: Record<string, unknown> = {};
      header.forEach((h, i) => {
        fields[h] = values[i];
      });
      yield { row, fields };
    }
    return;
  }
}
