/**
 * The printed board (公示牌) of each grid as one HTML document, one sheet per grid: a red
 * title band, the grid's name and code, its map (vector SVG, the grid highlighted among its
 * neighbours, streets and buildings), its boundary in words, its figures, service hours, its
 * N+5 staff with phones, and a QR code of the grid's page in GridAtlas. Sizes are in mm of
 * the sheet (A4 or A3 portrait), so an A3 board is the A4 one enlarged, not re-flowed.
 */
import QRCode from 'qrcode';
import { contentBoxMm, type PageSetup } from '../print/page-setup.js';
import { PRINT_FONT_STACK } from '../print/page-setup.js';
import { renderSvgMap, type MapLayers } from '../print/svg-map.js';
import type { LngLatBBox } from '../print/map-frame.js';
import { escapeXml } from '../print/xml.js';
import type { NoticeBoard } from './notice-board.sql.js';
import { noticeBoardText, type NoticeBoardLang, type NoticeBoardText } from './notice-board.messages.js';

export interface BoardPage {
  board: NoticeBoard;
  layers: MapLayers;
  bbox: LngLatBBox;
  /** The grid's page in GridAtlas (opens the grid card after login). */
  url: string;
}

export interface BoardDocumentOptions {
  setup: PageSetup;
  /** The board's language (names stay as registered). */
  lang: NoticeBoardLang;
  serviceHours: string;
  /** e.g. "2026-12-07": when the board was printed (staff change; a dated board can be checked). */
  printedOn: string;
}

/** The grid's page in GridAtlas: the web app opens `#grid=<code>` on the grid's card. */
export function gridPageUrl(baseUrl: string, code: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/#grid=${code}`;
}

async function qrSvg(url: string): Promise<string> {
  // Level M survives a scuffed or partly covered print; the quiet zone is part of the code.
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#000000', light: '#ffffff' } });
}

function staffRows(board: NoticeBoard, t: NoticeBoardText): string {
  if (board.staff.length === 0) return `<tr><td colspan="3" class="empty">${t.noStaff}</td></tr>`;
  return board.staff
    .map((s) => `<tr><td>${escapeXml(t.role(s))}</td><td>${escapeXml(s.name)}</td><td class="phone">${escapeXml(s.phone ?? '—')}</td></tr>`)
    .join('');
}

async function boardSection(page: BoardPage, options: BoardDocumentOptions, mapW: number, mapH: number): Promise<string> {
  const b = page.board;
  const t = noticeBoardText(options.lang);
  const svg = renderSvgMap(page.layers, {
    width: mapW * 4,
    height: mapH * 4,
    bbox: page.bbox,
    highlight: b.code,
    gridLabels: true,
    fontSize: 14,
  });
  const qr = await qrSvg(page.url);
  return `<section class="board" data-code="${b.code}">
  <header class="band">
    <div class="title">${t.title}</div>
    <div class="place">${[b.districtName, b.subdistrictName, b.communityName].map(escapeXml).join(t.separator)}</div>
  </header>
  <div class="name-row">
    <div class="grid-name">${escapeXml(b.name)}</div>
    <div class="grid-code">${t.codeLabel} <span>${b.code}</span>&#12288;${t.type[b.type]}${b.zoneName ? `&#12288;${escapeXml(b.zoneName)}` : ''}</div>
  </div>
  <div class="map">${svg}</div>
  <div class="facts">
    <div class="left">
      <h2>${t.extent}</h2>
      <p class="boundary">${escapeXml(t.boundary(b.boundary))}</p>
      <h2>${t.basics}</h2>
      <p>${t.figures(b)}</p>
      <h2>${t.serviceHours}</h2>
      <p>${escapeXml(options.serviceHours)}</p>
    </div>
    <div class="qr">
      ${qr}
      <div class="qr-caption">${t.qrCaption}</div>
    </div>
  </div>
  <h2>${t.team}</h2>
  <table class="staff">
    <thead><tr>${t.columns.map((c) => `<th>${c}</th>`).join('')}</tr></thead>
    <tbody>${staffRows(b, t)}</tbody>
  </table>
  <footer class="foot">
    <span>${t.motto}</span>
    <span>${escapeXml(t.madeBy(b.communityName, options.printedOn))}</span>
  </footer>
</section>`;
}

/** One HTML document, one sheet per board, in the order given. */
export async function boardDocumentHtml(pages: readonly BoardPage[], options: BoardDocumentOptions): Promise<string> {
  const box = contentBoxMm(options.setup);
  // Everything is sized in units of the sheet's width, so A3 scales A4 up by √2.
  const u = box.width / 186;
  const mapW = box.width;
  const mapH = Math.round(box.height * 0.4);
  const sections: string[] = [];
  for (const p of pages) sections.push(await boardSection(p, options, mapW, mapH));
  return `<!doctype html>
<html lang="${noticeBoardText(options.lang).htmlLang}"><head><meta charset="utf-8"><title>${noticeBoardText(options.lang).title}</title>
<style>
  * { box-sizing: border-box; }
  html, body { margin: 0; padding: 0; }
  body { font-family: ${PRINT_FONT_STACK}; color: #1a1a1a; font-size: ${(3.6 * u).toFixed(2)}mm; }
  .board { width: ${box.width}mm; height: ${box.height - 0.5}mm; display: flex; flex-direction: column; break-after: page; overflow: hidden; }
  .board:last-child { break-after: auto; }
  .band { background: #b71c1c; color: #fff; padding: ${(2.5 * u).toFixed(2)}mm ${(4 * u).toFixed(2)}mm; display: flex; justify-content: space-between; align-items: baseline; border-radius: ${(1.5 * u).toFixed(2)}mm; }
  .band .title { font-size: ${(9 * u).toFixed(2)}mm; font-weight: bold; letter-spacing: ${(1.2 * u).toFixed(2)}mm; }
  .band .place { font-size: ${(3.8 * u).toFixed(2)}mm; }
  .name-row { display: flex; justify-content: space-between; align-items: baseline; margin: ${(2.5 * u).toFixed(2)}mm 0 ${(1.5 * u).toFixed(2)}mm; }
  .grid-name { font-size: ${(7.5 * u).toFixed(2)}mm; font-weight: bold; color: #b71c1c; }
  .grid-code { font-size: ${(3.6 * u).toFixed(2)}mm; color: #333; }
  .grid-code span { font-family: 'DejaVu Sans Mono', monospace; letter-spacing: 0.3mm; }
  .map { width: ${mapW}mm; height: ${mapH}mm; }
  .map svg { display: block; width: 100%; height: 100%; }
  .facts { display: flex; gap: ${(4 * u).toFixed(2)}mm; margin-top: ${(2 * u).toFixed(2)}mm; }
  .facts .left { flex: 1; }
  h2 { font-size: ${(4.2 * u).toFixed(2)}mm; margin: ${(1.8 * u).toFixed(2)}mm 0 ${(0.8 * u).toFixed(2)}mm; padding-left: ${(1.6 * u).toFixed(2)}mm; border-left: ${(1.2 * u).toFixed(2)}mm solid #b71c1c; }
  p { margin: 0; line-height: 1.45; }
  p.boundary { font-size: ${(3.9 * u).toFixed(2)}mm; }
  .qr { width: ${(40 * u).toFixed(2)}mm; text-align: center; }
  .qr svg { width: ${(36 * u).toFixed(2)}mm; height: ${(36 * u).toFixed(2)}mm; }
  .qr-caption { font-size: ${(2.9 * u).toFixed(2)}mm; color: #444; }
  table.staff { width: 100%; border-collapse: collapse; font-size: ${(3.9 * u).toFixed(2)}mm; }
  table.staff th { background: #fbe9e7; font-weight: bold; }
  table.staff th, table.staff td { border: 0.3mm solid #c9a9a4; padding: ${(1.1 * u).toFixed(2)}mm ${(2 * u).toFixed(2)}mm; text-align: left; }
  table.staff td.phone { font-family: 'DejaVu Sans Mono', monospace; }
  table.staff td.empty { color: #777; text-align: center; }
  .foot { margin-top: auto; display: flex; justify-content: space-between; font-size: ${(3 * u).toFixed(2)}mm; color: #555; border-top: 0.3mm solid #ccc; padding-top: ${(1.2 * u).toFixed(2)}mm; }
</style></head>
<body>
${sections.join('\n')}
</body></html>`;
}
