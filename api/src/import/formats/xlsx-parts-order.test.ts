/**
 * ExcelJS's streaming reader needs the workbook part before the worksheets (exceljs/exceljs#3064:
 * read in stored order it fails now and then when the workbook comes last, as ExcelJS's own
 * writer stores it). `workbookPartsFirst` moves the workbook's parts ahead, every part unchanged,
 * and leaves a workbook already in that order as it is.
 */
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { writeXlsx } from './write-xlsx.js';
import { workbookPartsFirst, xlsxLayer } from './xlsx-layer.js';

/** The zip's files in stored order (folder entries, which carry nothing, left out). */
const order = (bytes: Uint8Array): string[] => Object.keys(unzipSync(bytes)).filter((p) => !p.endsWith('/'));

describe('workbookPartsFirst', () => {
  it('stores the workbook, its relationships, shared strings and styles before any worksheet, every part as it was', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => ({ 楼栋编码: `HS${i}`, 人数: i }));
    const written = await writeXlsx(rows, { sheet: '登记表' });
    const before = order(written);
    // As ExcelJS writes it: the workbook after the worksheet (what the reader trips on).
    expect(before.indexOf('xl/workbook.xml')).toBeGreaterThan(before.findIndex((p) => p.startsWith('xl/worksheets/')));
    const fixed = workbookPartsFirst(written);
    const after = order(fixed);
    const sheet = after.findIndex((p) => p.startsWith('xl/worksheets/'));
    for (const part of ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/styles.xml'])
      expect(after.indexOf(part), part).toBeLessThan(sheet);
    expect([...after].sort()).toEqual([...before].sort());
    const a = unzipSync(written);
    const b = unzipSync(fixed);
    for (const path of before) expect(Buffer.from(b[path]!).equals(Buffer.from(a[path]!)), path).toBe(true);
    // Already in order: passed on as it is.
    expect(workbookPartsFirst(fixed)).toBe(fixed);
    // And read, many times over, every row each time.
    for (let k = 0; k < 20; k++) {
      let n = 0;
      for await (const r of xlsxLayer('登记表', written).records()) n += r.properties['楼栋编码'] === `HS${r.row - 1}` ? 1 : 0;
      expect(n).toBe(50);
    }
  });
});
