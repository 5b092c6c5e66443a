/**
 * The report document as one HTML page for Chromium's print to PDF (A4 portrait): a title
 * page, then each section from a new page — its summary, a table of key figures with the
 * changes against the previous period and a year before and a sparkline, its map and charts
 * as inline SVG (vector, so they print sharp at any resolution), its tables and notes.
 * Page numbers, title and as-of date are the print engine's running header and footer
 * (`render-report.ts` sets them).
 */
import { REPORT_FONT_FAMILY, escapeXml } from './charts/svg-text.js';
import { sparklineSvg } from './charts/line-chart.svg.js';
import type { KeyFigure, ReportDocument, ReportImage, ReportSection, ReportTable } from './report-document.js';
import { formatDelta, formatFigure, type FormattedDelta } from './report-format.js';
import { reportMessages } from './report-messages.js';

const h = escapeXml;

const CSS = `
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: ${REPORT_FONT_FAMILY}; font-size: 10.5pt; color: #1d1d1f; line-height: 1.55; }
.title-page { height: 250mm; display: flex; flex-direction: column; justify-content: space-between; text-align: center; }
.title-page .mark { text-align: left; font-size: 10pt; color: #a11; border: 1px solid #a11; display: inline-block; padding: 1mm 3mm; align-self: flex-start; }
.title-page h1 { font-size: 26pt; margin: 0 0 6mm; letter-spacing: 0.08em; color: #b01c1c; }
.title-page .rule { border-top: 2px solid #b01c1c; margin: 4mm 25mm; }
.title-page .sub { font-size: 15pt; margin: 2mm 0; }
.title-page .meta { font-size: 11pt; color: #444; }
.title-page .issuer { font-size: 13pt; margin-bottom: 6mm; }
section { break-before: page; }
h2 { font-size: 16pt; margin: 0 0 3mm; padding-bottom: 1.5mm; border-bottom: 2px solid #b01c1c; }
h3 { font-size: 11.5pt; margin: 5mm 0 2mm; }
p.summary { margin: 0 0 3mm; }
/* A collapsed border lies half outside the table: 1pt less than the full width keeps the right
   border inside the printable area, where Chromium's page box would clip it. */
table { border-collapse: collapse; width: calc(100% - 1pt); margin: 0 0 3mm; break-inside: auto; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 0.5pt solid #999; padding: 1.2mm 2mm; font-size: 9.5pt; vertical-align: middle; }
th { background: #eef1f5; font-weight: bold; text-align: center; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.better { color: #1a7f37; } td.worse { color: #b01c1c; }
td.spark { width: 26mm; text-align: center; }
/* A unit never breaks; a note in place of a change (an incomplete period) wraps in its column,
   the row's other cells standing on its first line. */
table.figures td { vertical-align: top; }
table.figures td.unit { white-space: nowrap; }
.nobr { white-space: nowrap; }
td.num.note { white-space: normal; width: 30mm; font-size: 8.5pt; color: #555; text-align: left; }
table.figures td.value { font-size: 12pt; font-weight: bold; }
figure { margin: 2mm 0 4mm; break-inside: avoid; text-align: center; }
figure .picture { margin: 0 auto; max-width: 100%; }
figure .picture svg { display: block; width: 100%; height: 100%; }
figure.map .picture { border: 0.5pt solid #bbb; }
figcaption { font-size: 9pt; color: #555; margin-top: 1mm; }
.charts { display: flex; flex-wrap: wrap; gap: 4mm; }
.charts figure { flex: 1 1 80mm; }
p.note { font-size: 9pt; color: #555; margin: 1mm 0; }
.table-note { font-size: 8.5pt; color: #666; margin-top: -2mm; margin-bottom: 3mm; }
`;

/** A change, or a note whose bracketed date never breaks inside ("（始于 2024-05-03）"). */
function deltaCell(d: FormattedDelta): string {
  if (!d.note) return `<td class="num ${d.tone}">${h(d.text)}</td>`;
  const text = h(d.text).replace(/[（(][^（(]*[）)]$/, (m) => `<span class="nobr">${m}</span>`);
  return `<td class="num note">${text}</td>`;
}

function figureRows(figures: readonly KeyFigure[], doc: ReportDocument): string {
  const m = reportMessages(doc.lang);
  const rows = figures.map((f) => {
    const prev = formatDelta(f, 'previous', doc.lang);
    const year = formatDelta(f, 'yearBefore', doc.lang);
    const spark = f.series && f.series.length > 1 ? sparklineSvg(f.series) : '';
    return `<tr><td>${h(f.label)}</td><td class="num value">${h(formatFigure(f, doc.lang))}</td><td class="unit">${h(f.unit)}</td>
${deltaCell(prev)}${deltaCell(year)}<td class="spark">${spark}</td></tr>`;
  });
  const previousLabel = doc.kind === 'monthly' ? m.previous : m.previousSlide;
  return `<table class="figures"><thead><tr><th>${h(m.figure)}</th><th>${h(m.value)}</th><th>${h(m.unit)}</th><th>${h(previousLabel)}</th><th>${h(m.yearBefore)}</th><th>${h(m.trend)}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/**
 * SVGs inlined side by side share one id space: a map's `clipPath id="map-clip"` would clip
 * the next map by the first one's box. Each image's ids get its own suffix.
 */
function uniqueIds(svg: string, suffix: string): string {
  const ids = [...svg.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]!);
  let out = svg;
  for (const id of new Set(ids)) {
    const safe = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`id="${safe}"`, 'g'), `id="${id}-${suffix}"`).replace(new RegExp(`#${safe}\\b`, 'g'), `#${id}-${suffix}`);
  }
  return out;
}

/** Printed at its own width (CSS px at 96 dpi) but never wider than the column, keeping its aspect ratio. */
function image(img: ReportImage, index: number): string {
  const caption = img.caption ? `<figcaption>${h(img.caption)}</figcaption>` : '';
  const box = `width:${img.kind === 'map' ? '100%' : `${img.width}px`};aspect-ratio:${img.width}/${img.height}`;
  return `<figure class="${img.kind}"><h3>${h(img.title)}</h3><div class="picture" style="${box}">${uniqueIds(img.svg, `i${index}`)}</div>${caption}</figure>`;
}

function table(t: ReportTable): string {
  const head = t.columns.map((c) => `<th>${h(c.label)}</th>`).join('');
  const body = t.rows
    .map(
      (row) => `<tr>${row.map((cell, i) => `<td class="${t.columns[i]?.align === 'right' ? 'num' : ''}">${h(cell)}</td>`).join('')}</tr>`,
    )
    .join('');
  const note = t.note ? `<div class="table-note">${h(t.note)}</div>` : '';
  return `<h3>${h(t.title)}</h3><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>${note}`;
}

function section(s: ReportSection, doc: ReportDocument, k: number): string {
  return `<section id="${h(s.key)}"><h2>${h(s.title)}</h2>
${s.summary ? `<p class="summary">${h(s.summary)}</p>` : ''}
${s.figures.length ? figureRows(s.figures, doc) : ''}
${s.map ? image(s.map, k * 100) : ''}
${s.charts.length ? `<div class="charts">${s.charts.map((c, i) => image(c, k * 100 + i + 1)).join('')}</div>` : ''}
${s.tables.map(table).join('')}
${s.notes.map((n) => `<p class="note">${h(n)}</p>`).join('')}
</section>`;
}

function titlePage(doc: ReportDocument): string {
  const m = reportMessages(doc.lang);
  return `<div class="title-page">
<div class="mark">${h(m.confidential)}</div>
<div><h1>${h(doc.title)}</h1><div class="rule"></div>
${doc.subtitle ? `<div class="sub">${h(doc.subtitle)}</div>` : ''}
<div class="meta">${h(m.region)}：${h(doc.region.name)}（${h(doc.region.code)}）\u3000${h(m.period)}：${h(doc.period)}</div></div>
<div><div class="issuer">${h(doc.issuer ?? doc.region.name)}</div><div class="meta">${h(m.asOf(doc.asOf))}</div><div class="meta">${h(m.generated(doc.generatedAt.slice(0, 10)))}</div></div>
</div>`;
}

/** The whole document as HTML for the PDF renderer. */
export function reportHtml(doc: ReportDocument): string {
  return `<!doctype html><html lang="${doc.lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${h(doc.title)}</title><style>${CSS}</style></head>
<body>${titlePage(doc)}${doc.sections.map((s, k) => section(s, doc, k)).join('')}</body></html>`;
}
