/**
 * Rows of one worksheet of an .xlsx (the first, or the one named), streamed with ExcelJS's
 * reader; the first row names the fields. Date cells arrive as Date. Sheet names are read
 * from the workbook part alone, without unpacking the sheets.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { FormatError } from './format-error.js';
import { LayerWarnings } from './layer-warnings.js';
import { FieldTypes, type RawLayer, type RawRecord } from './raw-layer.js';
import { unzipEntries, unzipHead, zipEntries } from './zip-archive.js';
import { DEFAULT_MAX_BYTES, ZIP_EXPANSION } from './layer-input.js';

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

/** The zip path of a named sheet's XML, from the workbook and its relationships; null when absent. */
function sheetPath(bytes: Uint8Array, sheet: string, maxTotal: number): { path: string; declared: number } | null {
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
  return entry ? { path, declared: entry.declared } : null;
}

/**
 * Data rows of a sheet as its `<dimension>` declares them (last row less the header), read
 * from the first kilobytes of the sheet alone; null when the sheet does not say.
 */
export function xlsxDeclaredRows(bytes: Uint8Array, sheet: string, maxTotal: number): number | null {
  const found = sheetPath(bytes, sheet, maxTotal);
  if (!found) return null;
  const entry = zipEntries(bytes).find((e) => e.path === found.path)!;
  const head = new TextDecoder().decode(unzipHead(bytes, entry, 4096));
  const last = /<(?:\w+:)?dimension\b[^>]*\bref="[A-Z]+\d+:[A-Z]+(\d+)"/.exec(head)?.[1];
  return last === undefined ? null : Math.max(0, Number(last) - 1);
}

/** A merged range, 1-based rows and columns inclusive. */
export interface MergedRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Sheets larger than this (uncompressed XML) are read without their merged ranges (with a warning). */
export const MAX_MERGE_SCAN_BYTES = 64 * 2 ** 20;

const columnNumber = (letters: string): number => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/**
 * The merged ranges of a sheet (`<mergeCell ref="A2:A4"/>`, written after the rows, hence a
 * separate read): office rosters merge a community's or a zone's cell over its rows, and only
 * the top-left cell holds the value. Null when the sheet is too large to scan.
 */
export function xlsxMergedRanges(bytes: Uint8Array, sheet: string, maxTotal: number): MergedRange[] | null {
  const found = sheetPath(bytes, sheet, maxTotal);
  if (!found) return [];
  if (found.declared > MAX_MERGE_SCAN_BYTES) return null;
  const entry = zipEntries(bytes).find((e) => e.path === found.path)!;
  const xml = new TextDecoder().decode(unzipEntries(bytes, [entry], maxTotal).get(found.path));
  return [...xml.matchAll(/<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]+)(\d+):([A-Z]+)(\d+)"/g)].map((m) => ({
    top: Number(m[2]),
    left: columnNumber(m[1]!),
    bottom: Number(m[4]),
    right: columnNumber(m[3]!),
  }));
}

/** The parts ExcelJS's streaming reader must meet before any worksheet, in this order. */
const WORKBOOK_PARTS = ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml'];

/**
 * The workbook with its relationships, workbook, shared strings and styles stored before any
 * worksheet. ExcelJS's streaming reader takes a zip's entries in stored order and names each
 * worksheet from the workbook part; ExcelJS itself (and other writers) store that part last, and
 * the reader then fails now and then with "Cannot read properties of undefined (reading
 * 'sheets')" (exceljs/exceljs#3064). A workbook already in this order is passed on as it is.
 */
export function workbookPartsFirst(bytes: Uint8Array, maxTotal = DEFAULT_MAX_BYTES * ZIP_EXPANSION): Uint8Array {
  const entries = zipEntries(bytes);
  const rank = (path: string): number => {
    const k = WORKBOOK_PARTS.indexOf(path);
    return k >= 0 ? k : path.startsWith('xl/worksheets/') ? WORKBOOK_PARTS.length + 1 : WORKBOOK_PARTS.length;
  };
  const ordered = [...entries].sort((a, b) => rank(a.path) - rank(b.path));
  const firstSheet = entries.findIndex((e) => e.path.startsWith('xl/worksheets/'));
  if (firstSheet < 0 || entries.slice(firstSheet).every((e) => !WORKBOOK_PARTS.includes(e.path))) return bytes;
  const files = unzipEntries(bytes, entries, maxTotal);
  return zipSync(Object.fromEntries(ordered.map((e) => [e.path, files.get(e.path)!])), { level: 1 });
}

/**
 * `merges`: the sheet's merged ranges; every cell of one takes the value of its top-left cell
 * (counted as the warning `merged_cells_filled`). Null: the ranges could not be read.
 */
export function xlsxLayer(sheet: string | undefined, bytes: Uint8Array, merges: readonly MergedRange[] | null = []): RawLayer {
  const warnings = new LayerWarnings();
  if (merges === null)
    warnings.add('merges_not_read', 'the sheet is too large to read its merged cells: cells under a merged one are read as empty');
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
      const ordered = workbookPartsFirst(bytes);
      const reader = new ExcelJS.stream.xlsx.WorkbookReader(
        Readable.from([Buffer.from(ordered.buffer, ordered.byteOffset, ordered.byteLength)]),
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
          let titleLines = 0;
          let headerLine = 1;
          let row = 0;
          // Value of each merged range's top-left cell, once its row has been read.
          const mergedValue = new Map<MergedRange, unknown>();
          for await (const r of named) {
            const values = (r.values as unknown[]).slice(1).map(cellValue);
            for (const m of merges ?? []) {
              if (r.number < m.top || r.number > m.bottom) continue;
              if (r.number === m.top) mergedValue.set(m, values[m.left - 1]);
              const v = mergedValue.get(m);
              // The header keeps its own cells: a title merged over the columns is no field name.
              if (v === undefined || header === null) continue;
              for (let col = m.left; col <= m.right; col++) {
                if (r.number === m.top && col === m.left) continue;
                if (values[col - 1] === undefined || values[col - 1] === '') {
                  values[col - 1] = v;
                  warnings.add('merged_cells_filled', 'cells under a merged cell took its value', `${r.number}:${col}`);
                }
              }
            }
            if (header === null) {
              // Office sheets often open with a title line (莲湖区网格员花名册) above the field
              // names: a leading line of one cell or none is skipped (up to five of them).
              const filled = values.filter((v) => v !== undefined && String(v).trim() !== '').length;
              if (filled <= 1 && titleLines < 5) {
                titleLines++;
                if (filled === 1) warnings.add('title_row_skipped', 'a title line above the field names was skipped', r.number);
                continue;
              }
              header = values.map((v, i) => (v === undefined ? `column${i + 1}` : String(v).trim()));
              headerLine = r.number;
              continue;
            }
            // Rows count from the field names, blank lines included (the reader skips lines
            // without cells): row n is n lines below the header in the sheet.
            if (r.number > headerLine + row + 1)
              warnings.add('blank_rows_skipped', 'blank lines were skipped', r.number - 1, r.number - headerLine - row - 1);
            row = r.number - headerLine;
            if (values.every((v) => v === undefined || v === '')) {
              warnings.add('blank_rows_skipped', 'blank lines were skipped', r.number);
              continue;
            }
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
