/**
 * Paper for printing: ISO sizes, orientation, margins and the running header and footer
 * Chromium draws on every page (title and date at the top, "page n / N" at the bottom).
 * Lengths are millimetres; Chromium takes them as CSS lengths.
 */
import { escapeXml } from './xml.js';

export type PaperSize = 'a4' | 'a3';
export type Orientation = 'portrait' | 'landscape';

export const PAPER_SIZES: readonly PaperSize[] = ['a4', 'a3'];

/** ISO 216 sheet in millimetres, portrait (width < height). */
const SHEETS_MM: Record<PaperSize, { width: number; height: number }> = {
  a4: { width: 210, height: 297 },
  a3: { width: 297, height: 420 },
};

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface PageSetup {
  size: PaperSize;
  orientation: Orientation;
  /** Millimetres; leave room (≥ 12 mm) at top and bottom for the header and footer. */
  margins: Margins;
  /** Shown at the top left of every page; omit for no header. */
  headerTitle?: string;
  /** Shown at the top right of every page, e.g. "2026-12-07"; omit for none. */
  headerDate?: string;
  /** "page n / N" at the bottom centre. */
  pageNumbers: boolean;
  /** The label before the page number ("第" … "页" in Chinese is written by the template). */
  lang: 'zh' | 'en';
}

export const DEFAULT_MARGINS_MM: Margins = { top: 14, right: 12, bottom: 14, left: 12 };

export function pageSetup(partial: Partial<PageSetup> = {}): PageSetup {
  return {
    size: partial.size ?? 'a4',
    orientation: partial.orientation ?? 'portrait',
    margins: partial.margins ?? DEFAULT_MARGINS_MM,
    pageNumbers: partial.pageNumbers ?? true,
    lang: partial.lang ?? 'zh',
    ...(partial.headerTitle !== undefined ? { headerTitle: partial.headerTitle } : {}),
    ...(partial.headerDate !== undefined ? { headerDate: partial.headerDate } : {}),
  };
}

/** The sheet in millimetres as oriented. */
export function sheetMm(size: PaperSize, orientation: Orientation): { width: number; height: number } {
  const s = SHEETS_MM[size];
  return orientation === 'portrait' ? { ...s } : { width: s.height, height: s.width };
}

/** The printable box inside the margins, millimetres: where a page's content must fit. */
export function contentBoxMm(setup: PageSetup): { width: number; height: number } {
  const s = sheetMm(setup.size, setup.orientation);
  return { width: s.width - setup.margins.left - setup.margins.right, height: s.height - setup.margins.top - setup.margins.bottom };
}

/** CSS font stack naming the installed CJK font first, so Chromium embeds it in the PDF. */
export const PRINT_FONT_STACK = "'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif";

/**
 * Chromium's header and footer templates. They render in their own tiny document without the
 * page's styles (hence inline styles and the font named again); `pageNumber`/`totalPages`
 * are filled in by Chromium.
 */
export function headerFooterTemplates(setup: PageSetup): { header: string; footer: string } {
  const base = `font-family:${PRINT_FONT_STACK.replace(/'/g, '"')};font-size:8px;color:#555;width:100%;padding:0 ${setup.margins.left}mm 0 ${setup.margins.right}mm;display:flex;justify-content:space-between`;
  const header =
    setup.headerTitle || setup.headerDate
      ? `<div style='${base}'><span>${escapeXml(setup.headerTitle ?? '')}</span><span>${escapeXml(setup.headerDate ?? '')}</span></div>`
      : `<div></div>`;
  const number =
    setup.lang === 'zh'
      ? `第 <span class='pageNumber'></span> 页 / 共 <span class='totalPages'></span> 页`
      : `Page <span class='pageNumber'></span> of <span class='totalPages'></span>`;
  const footer = setup.pageNumbers ? `<div style='${base};justify-content:center'><span>${number}</span></div>` : `<div></div>`;
  return { header, footer };
}
