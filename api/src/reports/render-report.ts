/**
 * A report document to its file: PDF through the print engine's Chromium (our HTML, A4, the
 * engine's running header and page numbers), PPTX through pptxgenjs after the print engine
 * rasterised every map and chart at print resolution (2× device pixels: a 640 px map becomes
 * 1280 px, ~190 dpi across a 17 cm slide picture).
 */
import { pageSetup, type HtmlRenderer } from '../print/index.js';
import { reportImages, type ReportDocument } from './report-document.js';
import { reportHtml } from './report-html.js';
import { reportMessages } from './report-messages.js';
import { reportPptx } from './report-pptx.js';

export type ReportFormat = 'pdf' | 'pptx';

export interface ReportFile {
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
}

export const REPORT_CONTENT_TYPES: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

/** Device pixels per CSS pixel for rasters in slides. */
const RASTER_SCALE = 2;

/** A file name a person recognises: region code, kind, period, e.g. `350102-monthly-2026-11.pdf`. */
export function reportFileName(doc: ReportDocument, format: ReportFormat): string {
  const period = doc.period.replace(/[^0-9A-Za-z-]/g, '');
  return `${doc.region.code}-${doc.kind}-${period || doc.asOf}.${format}`;
}

/** The SVG alone on a page of its own size, so the PNG is the picture and nothing else. */
function svgPage(svg: string, width: number, height: number): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>html,body{margin:0;background:#fff}svg{display:block;width:${width}px;height:${height}px}</style></head><body>${svg}</body></html>`;
}

export async function renderReport(
  doc: ReportDocument,
  format: ReportFormat,
  renderer: HtmlRenderer,
  progress?: (fraction: number) => Promise<void>,
): Promise<ReportFile> {
  const fileName = reportFileName(doc, format);
  if (format === 'pdf') {
    const m = reportMessages(doc.lang);
    const bytes = await renderer.pdf(
      reportHtml(doc),
      pageSetup({
        size: 'a4',
        orientation: 'portrait',
        margins: { top: 18, right: 16, bottom: 18, left: 16 },
        headerTitle: `${doc.title} · ${doc.period}`,
        headerDate: m.asOf(doc.asOf),
        pageNumbers: true,
        lang: doc.lang,
      }),
    );
    return { fileName, contentType: REPORT_CONTENT_TYPES.pdf, bytes };
  }
  const images = reportImages(doc);
  for (const [k, img] of images.entries()) {
    img.png = await renderer.png(svgPage(img.svg, img.width, img.height), { width: img.width, height: img.height, scale: RASTER_SCALE });
    await progress?.((k + 1) / images.length);
  }
  return { fileName, contentType: REPORT_CONTENT_TYPES.pptx, bytes: await reportPptx(doc) };
}
