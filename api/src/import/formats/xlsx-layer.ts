/**
 * Rows of one worksheet of an .xlsx (the first, or the one named), streamed with ExcelJS's
 * reader; the first row names the fields. Date cells arrive as Date. Sheet names are read
 * from the workbook part alone, without unpacking the sheets.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { FormatError } from './format-error.js';
import { LayerWarnings } from './layer-warnings.js';
import { FieldTypes, type RawLayer, type RawRecord } from './raw-layer.js';
import { unzipEntries, unzipHead, zipEntries } from './zip-archive.js';

function cellValue(v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (v instanceof Date || typeof v !== 'object') return v;
  const o = v as { richText?: { text: string }[]; text?: string; result?: unknown; error?: string };
  if (o.richText) return o.richText.map((r) => r.text).join('');
  if ('result' in o) return cellValue(o.result);
  if (o.text !== undefined) return o.text;
  return undefined;
}

const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The workbook's sheet names, in order. */
export function xlsxSheetNames(bytes: Uint8Array, maxTotal: number): string[] {
  const entry = zipEntries(bytes).find((e) => e.path === 'xl/workbook.xml');
  if (!entry) throw new FormatError('unreadable', 'not an .xlsx workbook (no xl/workbook.xml); save it from Excel as .xlsx');
  const xml = new TextDecoder().decode(unzipEntries(bytes, [entry], maxTotal).get(entry.path));
  return [...xml.matchAll(/<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"/g)].map((m) => unescapeXml(m[1]!));
}

/**
 * Data rows of a sheet as its `<dimension>` declares them (last row less the header), read
 * from the first kilobytes of the sheet alone; null when the sheet does not say.
 */
export function xlsxDeclaredRows(bytes: Uint8Array, sheet: string, maxTotal: number): number | null {
  const entries = zipEntries(bytes);
  const text = (path: string) => {
    const e = entries.find((x) => x.path === path);
    return e ? new TextDecoder().decode(unzipEntries(bytes, [e], maxTotal).get(path)) : '';
  };
  const attrs = (xml: string, tag: RegExp) =>
    [...xml.matchAll(tag)].map((m) =>
      Object.fromEntries([...m[1]!.matchAll(/([\w:]+)="([^"]*)"/g)].map((a) => [a[1]!, unescapeXml(a[2]!)])),
    );
  const rid = attrs(text('xl/workbook.xml'), /<(?:\w+:)?sheet\b([^>]*)>/g).find((a) => a.name === sheet)?.['r:id'];
  const target = attrs(text('xl/_rels/workbook.xml.rels'), /<Relationship\b([^>]*)>/g).find((a) => a.Id === rid)?.Target;
  if (!rid || !target) return null;
  const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  const entry = entries.find((e) => e.path === path);
  if (!entry) return null;
  const head = new TextDecoder().decode(unzipHead(bytes, entry, 4096));
  const last = /<(?:\w+:)?dimension\b[^>]*\bref="[A-Z]+\d+:[A-Z]+(\d+)"/.exec(head)?.[1];
  return last === undefined ? null : Math.max(0, Number(last) - 1);
}

export function xlsxLayer(sheet: string | undefined, bytes: Uint8Array): RawLayer {
  const warnings = new LayerWarnings();
  const types = new FieldTypes();
  return {
    format: 'xlsx',
    name: sheet ?? '',
    encoding: null,
    declaredCrs: null,
    fields: null,
    count: null,
    bbox: null,
    warnings,
    fieldTypes: types,
    async *records(): AsyncIterable<RawRecord> {
      const reader = new ExcelJS.stream.xlsx.WorkbookReader(
        Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]),
        {
          sharedStrings: 'cache',
          styles: 'cache',
          hyperlinks: 'ignore',
          worksheets: 'emit',
        },
      );
      try {
        for await (const ws of reader) {
          const named = ws as unknown as AsyncIterable<ExcelJS.Row> & { name?: string };
          if (sheet !== undefined && named.name !== sheet) continue;
          let header: string[] | null = null;
          let row = 0;
          for await (const r of named) {
            const values = (r.values as unknown[]).slice(1).map(cellValue);
            if (header === null) {
              header = values.map((v, i) => (v === undefined ? `column${i + 1}` : String(v).trim()));
              continue;
            }
            row++;
            if (values.every((v) => v === undefined || v === '')) continue;
            const properties: Record<string, unknown> = {};
            header.forEach((h, i) => {
              properties[h] = values[i];
            });
            types.see(properties);
            yield { row, geometry: null, properties };
          }
          return;
        }
      } catch (error) {
        if (error instanceof FormatError) throw error;
        throw new FormatError('unreadable', `not readable as .xlsx: ${(error as Error).message}`);
      }
    },
  };
}
