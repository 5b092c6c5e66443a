/**
 * An .xlsx of rows (the grid table an office expects: code, name, community, households …):
 * one sheet, a bold header row of the column titles (Chinese where users read them), widths
 * fitted to the content, numbers as numbers.
 */
import ExcelJS from 'exceljs';

export interface XlsxColumn {
  /** Property of each row. */
  key: string;
  /** Header text. */
  header: string;
  /** Excel number format, e.g. `0.00` or `#,##0`. */
  numFmt?: string;
}

export async function writeXlsx(
  rows: Record<string, unknown>[],
  options: { sheet?: string; columns?: XlsxColumn[] } = {},
): Promise<Uint8Array> {
  const columns: XlsxColumn[] = options.columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))].map((key) => ({ key, header: key }));
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(options.sheet ?? 'Sheet1');
  sheet.columns = columns.map((c) => ({
    key: c.key,
    header: c.header,
    // Width in characters; CJK characters are about two wide.
    width: Math.min(
      60,
      Math.max(
        8,
        ...[c.header, ...rows.slice(0, 500).map((r) => String(r[c.key] ?? ''))].map(
          (s) => [...s].reduce((a, ch) => a + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0) + 2,
        ),
      ),
    ),
    ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of rows) sheet.addRow(Object.fromEntries(columns.map((c) => [c.key, r[c.key] ?? null])));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
