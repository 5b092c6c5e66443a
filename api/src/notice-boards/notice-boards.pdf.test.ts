import { mkdirSync, writeFileSync } from 'node:fs';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HtmlRenderer } from '../print/html-renderer.js';
import { pdfFonts, pdfPageCount, pdfPagesPng, pdfPageSizePt, pdfText } from '../print/pdf-tools.fixture.js';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../test/test-database.js';
import { boundaryTextZh, describeBoundaries } from './boundary-description.sql.js';
import { NoticeBoardRegionError } from './notice-board.sql.js';
import { renderNoticeBoards } from './notice-boards.pdf.js';

/** The QR code on a page image, decoded, or null. */
function decodeQr(png: Uint8Array): string | null {
  const img = PNG.sync.read(Buffer.from(png));
  return jsQR(new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.byteLength), img.width, img.height)?.data ?? null;
}

const SHOTS = process.env.GRIDATLAS_SHOTS_DIR;

describe.each(BACKENDS)('notice boards on %s', (kind) => {
  let t: TestDatabase;
  const renderer = new HtmlRenderer({ timeoutMs: 120_000 });
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    // A subdistrict supervisor: on every board of the subdistrict, with a work phone; their
    // gender and birth year must never print.
    await t.db.query(
      `WITH s AS (INSERT INTO staff (district_code, name, gender, birth_year, phone) VALUES ('610198', '王督导', 'F', 1971, '029-88880000') RETURNING id)
       INSERT INTO staff_assignments (district_code, staff_id, role, region_code) SELECT '610198', id, 'supervisor', '610198001' FROM s`,
    );
  });
  afterAll(async () => {
    await renderer.close();
    await t.close();
  });

  it('describes each side by the streets along it, else the district or community boundary, else the neighbour grid', async () => {
    const d = await describeBoundaries(t.db, '610198', ['610198001001001', '610198001001002', '610198001002001']);
    // 西一网格 (108.90–108.91): 西巷 runs along its east edge; the rest is the district's edge.
    expect(boundaryTextZh(d.get('610198001001001')!)).toBe('东至西巷，南至区界，西至区界，北至区界');
    // 西二网格 (108.91–108.92): 纵一路 on the east (also the community edge: the street wins), 西巷 on the west.
    expect(boundaryTextZh(d.get('610198001001002')!)).toBe('东至纵一路，南至区界，西至西巷，北至区界');
    expect(d.get('610198001002001')!.west).toEqual([{ kind: 'street', name: '纵一路' }]);
  });

  it('a community: one page per grid with codes, names, roles, boundary streets and phones, no private fields; QR opens the grid', async () => {
    const progress: number[] = [];
    const result = await renderNoticeBoards(t.db, {
      region: '610198001001',
      size: 'a4',
      baseUrl: 'https://gridatlas.example.cn/',
      printedOn: '2026-12-07',
      renderer,
      progress: (f) => void progress.push(f),
    });
    expect(result.gridCodes).toEqual(['610198001001001', '610198001001002']);
    expect(pdfPageCount(result.bytes)).toBe(2);
    const [w] = pdfPageSizePt(result.bytes);
    expect(Math.abs(w - 595.28)).toBeLessThan(1.5);
    const text = pdfText(result.bytes);
    for (const s of [
      '网格公示牌',
      '610198001001001',
      '610198001001002',
      '西一网格',
      '西二网格',
      '西社区',
      '信息员',
      '督导员',
      '张伟',
      '13800000001',
      '王督导',
      '029-88880000',
      '西巷',
      '纵一路',
      '服务时间',
    ])
      expect(text).toContain(s);
    // The staff's gender and birth year stay in the database.
    expect(text).not.toMatch(/1985|1971|出生|性别/);
    expect(pdfFonts(result.bytes).every((f) => f.embedded)).toBe(true);
    expect(progress[progress.length - 1]).toBeGreaterThan(0.9);

    const pngs = pdfPagesPng(result.bytes, 100);
    expect(pngs.map(decodeQr)).toEqual([
      'https://gridatlas.example.cn/#grid=610198001001001',
      'https://gridatlas.example.cn/#grid=610198001001002',
    ]);
    if (SHOTS && kind === 'embedded') {
      mkdirSync(SHOTS, { recursive: true });
      pngs.forEach((png, i) => writeFileSync(`${SHOTS}/notice-board-a4-${i + 1}.png`, png));
    }
  });

  it('a grid on A3: one page, A3 sheet', async () => {
    const result = await renderNoticeBoards(t.db, { region: '610198001002001', size: 'a3', baseUrl: 'http://localhost:8080', renderer });
    expect(pdfPageCount(result.bytes)).toBe(1);
    const [w, h] = pdfPageSizePt(result.bytes);
    expect(Math.abs(w - 841.89)).toBeLessThan(1.5);
    expect(Math.abs(h - 1190.55)).toBeLessThan(1.5);
    expect(pdfText(result.bytes)).toContain('东一网格');
    if (SHOTS && kind === 'embedded') writeFileSync(`${SHOTS}/notice-board-a3.png`, pdfPagesPng(result.bytes, 60)[0]!);
  });

  it('refuses a code that is no community or current grid, saying which', async () => {
    for (const region of ['610198001', '610198001009', '610198001002002', 'abc']) {
      await expect(renderNoticeBoards(t.db, { region, size: 'a4', baseUrl: 'http://x', renderer })).rejects.toBeInstanceOf(
        NoticeBoardRegionError,
      );
    }
  });
});
