/**
 * The report document as a 16:9 PowerPoint deck with pptxgenjs (a maintained writer of the
 * OOXML format, no build scripts, runs in Node): a title slide, then per section one slide
 * with its map (or first chart) on the left and its figure block on the right, and — when the
 * section has tables or more charts — a second slide with them. Every text run carries the
 * Chinese font face (`<a:latin>` and `<a:ea>`), the face government PCs have.
 *
 * Images go in as PNG (`ReportImage.png`, rasterised at print resolution by the print
 * engine): pptxgenjs can only give an SVG its PNG fallback inside a browser, and PowerPoint
 * before 2016 shows nothing without one. Sizes in inches (the slide is 10 × 5.625 in).
 */
import PptxGenJS from 'pptxgenjs';
import type { KeyFigure, ReportDocument, ReportImage, ReportSection, ReportTable } from './report-document.js';
import { formatDelta, formatFigure, type DeltaTone } from './report-format.js';
import { reportMessages } from './report-messages.js';

/** The face every run asks for: YaHei for Chinese decks (on every Chinese Windows), Calibri otherwise. */
export function pptxFontFace(lang: ReportDocument['lang']): string {
  return lang === 'zh' ? 'Microsoft YaHei' : 'Calibri';
}

const W = 10;
const H = 5.625;
const RED = 'B01C1C';
const TONE: Record<DeltaTone, string> = { better: '1A7F37', worse: 'B01C1C', same: '555555', none: '555555' };
/** Most table rows a slide holds legibly; longer tables continue on the next slide. */
const ROWS_PER_SLIDE = 10;

interface Ctx {
  pptx: PptxGenJS;
  doc: ReportDocument;
  font: string;
  lang: string;
}

function missingPng(img: ReportImage): Error {
  return new Error(`report image "${img.title}" has no PNG: rasterise the document's images before writing a PPTX`);
}

/** Fits an image of `img.width × img.height` into a box, centred, keeping its aspect. */
function placeImage(slide: PptxGenJS.Slide, img: ReportImage, box: { x: number; y: number; w: number; h: number }): void {
  if (!img.png) throw missingPng(img);
  const scale = Math.min(box.w / img.width, box.h / img.height);
  const w = img.width * scale;
  const h = img.height * scale;
  slide.addImage({
    data: `image/png;base64,${Buffer.from(img.png).toString('base64')}`,
    x: box.x + (box.w - w) / 2,
    y: box.y + (box.h - h) / 2,
    w,
    h,
    altText: img.title,
  });
}

function frame(c: Ctx, title: string, slideNo: number): PptxGenJS.Slide {
  const m = reportMessages(c.doc.lang);
  const slide = c.pptx.addSlide();
  slide.addShape('rect', { x: 0, y: 0, w: W, h: 0.08, fill: { color: RED }, line: { color: RED } });
  slide.addText(title, { x: 0.4, y: 0.18, w: W - 0.8, h: 0.55, fontFace: c.font, lang: c.lang, fontSize: 22, bold: true, color: '1D1D1F' });
  slide.addShape('line', { x: 0.4, y: 0.75, w: W - 0.8, h: 0, line: { color: RED, width: 1 } });
  slide.addText(`${c.doc.region.name} · ${c.doc.period} · ${m.asOf(c.doc.asOf)}`, {
    x: 0.4,
    y: H - 0.38,
    w: 6.5,
    h: 0.28,
    fontFace: c.font,
    lang: c.lang,
    fontSize: 9,
    color: '666666',
  });
  slide.addText(String(slideNo), {
    x: W - 1.0,
    y: H - 0.38,
    w: 0.6,
    h: 0.28,
    fontFace: c.font,
    lang: c.lang,
    fontSize: 9,
    color: '666666',
    align: 'right',
  });
  return slide;
}

function figureBlock(
  c: Ctx,
  slide: PptxGenJS.Slide,
  figures: readonly KeyFigure[],
  box: { x: number; y: number; w: number; h: number },
): void {
  const m = reportMessages(c.doc.lang);
  const shown = figures.slice(0, 5);
  if (!shown.length) return;
  const rowH = Math.min(0.95, box.h / shown.length);
  shown.forEach((f, i) => {
    const y = box.y + i * rowH;
    const prev = formatDelta(f, 'previous', c.doc.lang);
    const year = formatDelta(f, 'yearBefore', c.doc.lang);
    slide.addText(f.label, { x: box.x, y, w: box.w, h: 0.26, fontFace: c.font, lang: c.lang, fontSize: 11, color: '444444' });
    slide.addText(
      [
        { text: formatFigure(f, c.doc.lang), options: { fontSize: 24, bold: true, color: '1D1D1F' } },
        { text: f.unit ? ` ${f.unit}` : '', options: { fontSize: 11, color: '444444' } },
      ],
      { x: box.x, y: y + 0.22, w: box.w * 0.5, h: 0.45, fontFace: c.font, lang: c.lang, valign: 'middle' },
    );
    slide.addText(
      [
        {
          text: prev.note ? prev.text : `${c.doc.kind === 'monthly' ? m.previous : m.previousSlide} ${prev.text}`,
          // A note (an incomplete period) is longer than a change: a size smaller, so two of them fit the row.
          options: { color: TONE[prev.tone], breakLine: true, ...(prev.note ? { fontSize: 8 } : {}) },
        },
        {
          text: year.note ? year.text : `${m.yearBefore} ${year.text}`,
          options: { color: TONE[year.tone], ...(year.note ? { fontSize: 8 } : {}) },
        },
      ],
      { x: box.x + box.w * 0.5, y: y + 0.22, w: box.w * 0.5, h: 0.45, fontFace: c.font, lang: c.lang, fontSize: 9, valign: 'middle' },
    );
  });
}

function tableSlides(c: Ctx, s: ReportSection, t: ReportTable, next: () => number): void {
  for (let start = 0; start < Math.max(1, t.rows.length); start += ROWS_PER_SLIDE) {
    const slide = frame(c, `${s.title} · ${t.title}`, next());
    const cell = (text: string, head: boolean, right: boolean): PptxGenJS.TableCell => ({
      text,
      options: { bold: head, fill: { color: head ? 'EEF1F5' : 'FFFFFF' }, align: right && !head ? 'right' : head ? 'center' : 'left' },
    });
    const rows: PptxGenJS.TableRow[] = [
      t.columns.map((col) => cell(col.label, true, false)),
      ...t.rows.slice(start, start + ROWS_PER_SLIDE).map((row) => row.map((text, i) => cell(text, false, t.columns[i]?.align === 'right'))),
    ];
    slide.addTable(rows, {
      x: 0.4,
      y: 0.95,
      w: W - 0.8,
      fontFace: c.font,
      fontSize: 10,
      border: { type: 'solid', pt: 0.5, color: '999999' },
      rowH: 0.3,
    });
    if (t.note)
      slide.addText(t.note, { x: 0.4, y: H - 0.75, w: W - 0.8, h: 0.3, fontFace: c.font, lang: c.lang, fontSize: 9, color: '666666' });
  }
}

function sectionSlides(c: Ctx, s: ReportSection, next: () => number): void {
  const slide = frame(c, s.title, next());
  const picture = s.map ?? s.charts[0];
  const hasFigures = s.figures.length > 0;
  const textTop = s.summary ? 1.3 : 0.95;
  if (s.summary)
    slide.addText(s.summary, { x: 0.4, y: 0.85, w: W - 0.8, h: 0.4, fontFace: c.font, lang: c.lang, fontSize: 12, color: '333333' });
  if (picture) {
    placeImage(slide, picture, { x: 0.4, y: textTop, w: hasFigures ? 5.6 : W - 0.8, h: H - textTop - 0.5 });
  }
  if (hasFigures)
    figureBlock(c, slide, s.figures, { x: picture ? 6.2 : 0.4, y: textTop, w: picture ? 3.4 : W - 0.8, h: H - textTop - 0.5 });
  if (s.notes.length && !picture) {
    slide.addText(s.notes.join('\n'), {
      x: 0.4,
      y: H - 1.0,
      w: W - 0.8,
      h: 0.55,
      fontFace: c.font,
      lang: c.lang,
      fontSize: 10,
      color: '555555',
    });
  }
  const moreCharts = s.map ? s.charts : s.charts.slice(1);
  if (moreCharts.length) {
    const chartSlide = frame(c, s.title, next());
    const w = (W - 0.8 - 0.3 * (Math.min(2, moreCharts.length) - 1)) / Math.min(2, moreCharts.length);
    moreCharts.slice(0, 2).forEach((img, i) => {
      const x = 0.4 + i * (w + 0.3);
      chartSlide.addText(img.title, { x, y: 0.9, w, h: 0.3, fontFace: c.font, lang: c.lang, fontSize: 12, bold: true });
      placeImage(chartSlide, img, { x, y: 1.25, w, h: H - 1.8 });
    });
  }
  for (const t of s.tables) tableSlides(c, s, t, next);
}

function titleSlide(c: Ctx): void {
  const m = reportMessages(c.doc.lang);
  const slide = c.pptx.addSlide();
  slide.background = { color: 'FFFFFF' };
  slide.addShape('rect', { x: 0, y: 0, w: W, h: 0.25, fill: { color: RED }, line: { color: RED } });
  slide.addText(c.doc.title, {
    x: 0.6,
    y: 1.4,
    w: W - 1.2,
    h: 1.0,
    fontFace: c.font,
    lang: c.lang,
    fontSize: 34,
    bold: true,
    color: RED,
    align: 'center',
  });
  slide.addShape('line', { x: 2.0, y: 2.5, w: W - 4.0, h: 0, line: { color: RED, width: 2 } });
  if (c.doc.subtitle) {
    slide.addText(c.doc.subtitle, {
      x: 0.6,
      y: 2.65,
      w: W - 1.2,
      h: 0.5,
      fontFace: c.font,
      lang: c.lang,
      fontSize: 18,
      align: 'center',
      color: '333333',
    });
  }
  slide.addText(
    [
      { text: `${c.doc.issuer ?? c.doc.region.name}`, options: { breakLine: true, fontSize: 16 } },
      { text: `${m.period}：${c.doc.period}\u3000${m.asOf(c.doc.asOf)}`, options: { fontSize: 12, color: '555555' } },
    ],
    { x: 0.6, y: 3.6, w: W - 1.2, h: 0.9, fontFace: c.font, lang: c.lang, align: 'center' },
  );
}

/** Writes the deck; every image must carry its PNG. */
export async function reportPptx(doc: ReportDocument): Promise<Uint8Array> {
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_16x9';
  pptx.title = doc.title;
  pptx.subject = `${doc.region.name} ${doc.period}`;
  pptx.company = doc.issuer ?? doc.region.name;
  pptx.author = 'GridAtlas';
  const font = pptxFontFace(doc.lang);
  pptx.theme = { headFontFace: font, bodyFontFace: font };
  const c: Ctx = { pptx, doc, font, lang: doc.lang === 'zh' ? 'zh-CN' : 'en-GB' };
  titleSlide(c);
  let n = 1;
  const next = (): number => ++n;
  for (const s of doc.sections) sectionSlides(c, s, next);
  const out = (await pptx.write({ outputType: 'nodebuffer', compression: true })) as Buffer;
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
