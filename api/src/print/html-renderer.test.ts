import { afterAll, describe, expect, it } from 'vitest';
import { HtmlRenderer } from './html-renderer.js';
import { pageSetup, PRINT_FONT_STACK } from './page-setup.js';
import { pdfFonts, pdfPageCount, pdfPageSizePt, pdfText } from './pdf-tools.fixture.js';
import { PrintError } from './print-error.js';

const renderer = new HtmlRenderer({ concurrency: 1, timeoutMs: 60_000 });
afterAll(() => renderer.close());

const html = (body: string): string =>
  `<!doctype html><html><head><meta charset="utf-8"><style>body{font-family:${PRINT_FONT_STACK}} .page{break-after:page}</style></head><body>${body}</body></html>`;

describe('HtmlRenderer', () => {
  it('prints A3 landscape with the Chinese font embedded, header, date and page numbers', async () => {
    const pdf = await renderer.pdf(
      html('<div class="page">网格公示牌 第一页</div><div>第二页 page two<img src="http://example.invalid/x.png"></div>'),
      pageSetup({ size: 'a3', orientation: 'landscape', headerTitle: '莲湖区 月报', headerDate: '2026-12-07' }),
    );
    expect(pdfPageCount(pdf)).toBe(2);
    const [w, h] = pdfPageSizePt(pdf);
    // A3 is 420 × 297 mm = 1190.55 × 841.89 pt; Chromium rounds the sheet to whole CSS pixels.
    expect(Math.abs(w - 1190.55)).toBeLessThan(1.5);
    expect(Math.abs(h - 841.89)).toBeLessThan(1.5);
    const text = pdfText(pdf);
    expect(text).toContain('网格公示牌');
    expect(text).toContain('莲湖区 月报');
    expect(text).toContain('2026-12-07');
    expect(text.replace(/\s+/g, '')).toContain('第1页/共2页');
    const fonts = pdfFonts(pdf);
    expect(fonts.some((f) => /WenQuanYi/i.test(f.name))).toBe(true);
    expect(fonts.every((f) => f.embedded)).toBe(true);
  });

  it('prints A4 portrait by default and rasterises to PNG at the asked scale', async () => {
    const pdf = await renderer.pdf(html('<p>A4</p>'), pageSetup({ pageNumbers: false }));
    const [w, h] = pdfPageSizePt(pdf);
    expect(Math.abs(w - 595.28)).toBeLessThan(1.5);
    expect(Math.abs(h - 841.89)).toBeLessThan(1.5);
    const png = await renderer.png(html('<svg width="300" height="200"><rect width="300" height="200" fill="red"/></svg>'), {
      width: 300,
      height: 200,
      scale: 2,
    });
    expect(Array.from(png.slice(1, 4))).toEqual([0x50, 0x4e, 0x47]);
    // IHDR width and height, big-endian, at bytes 16–23: 600 × 400 device pixels.
    const view = new DataView(png.buffer, png.byteOffset);
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([600, 400]);
  });

  it('queues renders beyond its concurrency and finishes every one', async () => {
    const results = await Promise.all([1, 2, 3].map((i) => renderer.pdf(html(`<p>doc ${i}</p>`), pageSetup())));
    results.forEach((pdf, i) => expect(pdfText(pdf)).toContain(`doc ${i + 1}`));
  });

  it('says how to install Chromium when it is missing', async () => {
    const missing = new HtmlRenderer({ executablePath: '/nonexistent/chromium' });
    const error = await missing.pdf(html('x'), pageSetup()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrintError);
    expect((error as PrintError).reason).toBe('chromium_missing');
    expect((error as PrintError).message).toMatch(/apt-get install -y chromium|CHROMIUM_PATH/);
  });

  it('stops a render that runs past its time limit', async () => {
    const slow = new HtmlRenderer({ timeoutMs: 300 });
    try {
      const error = await slow
        .pdf(html('<script>const t = Date.now(); while (Date.now() - t < 5000) {}</script>x'), pageSetup())
        .catch((e: unknown) => e);
      expect((error as PrintError).reason).toBe('timeout');
    } finally {
      await slow.close();
    }
  });
});
