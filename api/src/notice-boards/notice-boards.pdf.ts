/**
 * Notice boards as one PDF: for a grid, its board; for a community, one board per current
 * grid in code order. Reads the boards and their maps from the database, lays them out as
 * HTML and prints with the shared Chromium renderer. Used by the `notice-boards.render` job and
 * by `pnpm gridatlas notice-boards`.
 */
import type { Db } from '../db/db.types.js';
import { sharedRenderer, type HtmlRenderer } from '../print/html-renderer.js';
import { loadMapLayers } from '../print/map-layers.sql.js';
import { pageSetup, type PaperSize } from '../print/page-setup.js';
import { boardDocumentHtml, gridPageUrl, type BoardPage } from './notice-board.html.js';
import { boardGridCodes, loadNoticeBoards } from './notice-board.sql.js';
import type { NoticeBoardLang } from './notice-board.messages.js';
import { serviceHoursOf } from './service-hours.store.js';

export interface NoticeBoardsOptions {
  /** A 12-digit community code or a 15-digit grid code. */
  region: string;
  size: PaperSize;
  /** Where GridAtlas is served, e.g. "https://gridatlas.example.gov.cn": the QR codes open it. */
  baseUrl: string;
  /** The board's language; default zh. */
  lang?: NoticeBoardLang;
  /** Posted as given; default: the region's stored service hours in `lang` (its community's, else its district's, else the default). */
  serviceHours?: string;
  /** Printed on each board; default today (UTC). */
  printedOn?: string;
  renderer?: HtmlRenderer;
  progress?: (fraction: number, phase: string) => Promise<void> | void;
  signal?: AbortSignal;
}

export interface NoticeBoardsResult {
  bytes: Uint8Array;
  fileName: string;
  regionName: string;
  /** Grid codes in page order: page n is the board of gridCodes[n − 1]. */
  gridCodes: string[];
  /** Boards printed without any staff or with a staff member lacking a phone: fix the roster. */
  gridsWithoutStaff: string[];
  staffWithoutPhone: number;
}

export async function renderNoticeBoards(db: Db, options: NoticeBoardsOptions): Promise<NoticeBoardsResult> {
  const { districtCode, codes, regionName } = await boardGridCodes(db, options.region);
  const boards = await loadNoticeBoards(db, districtCode, codes);
  await options.progress?.(0.15, 'boards');
  const pages: BoardPage[] = [];
  for (const [i, board] of boards.entries()) {
    options.signal?.throwIfAborted();
    const map = await loadMapLayers(db, { code: board.code, width: 720 });
    pages.push({ board, layers: map.layers, bbox: map.bbox, url: gridPageUrl(options.baseUrl, board.code) });
    await options.progress?.(0.15 + (0.45 * (i + 1)) / boards.length, 'maps');
  }
  const setup = pageSetup({
    size: options.size,
    orientation: 'portrait',
    pageNumbers: false,
    margins: { top: 10, right: 12, bottom: 10, left: 12 },
  });
  const lang = options.lang ?? 'zh';
  const serviceHours = options.serviceHours?.trim() || (await serviceHoursOf(db, options.region)).effective[lang];
  const html = await boardDocumentHtml(pages, {
    setup,
    lang,
    serviceHours,
    printedOn: options.printedOn ?? new Date().toISOString().slice(0, 10),
  });
  options.signal?.throwIfAborted();
  await options.progress?.(0.65, 'render');
  const bytes = await (options.renderer ?? sharedRenderer()).pdf(html, setup);
  await options.progress?.(0.95, 'render');
  return {
    bytes,
    fileName: `notice-boards-${options.region}-${options.size}${lang === 'zh' ? '' : `-${lang}`}.pdf`,
    regionName,
    gridCodes: boards.map((b) => b.code),
    gridsWithoutStaff: boards.filter((b) => b.staff.length === 0).map((b) => b.code),
    staffWithoutPhone: boards.reduce((n, b) => n + b.staff.filter((s) => !s.phone).length, 0),
  };
}
