/**
 * A horizontal bar chart as an SVG string: one bar per category (labels on the left read well
 * in Chinese), the value at the bar's end, an optional comparison tick per bar (the previous
 * period). Plain TS, no chart library: the output is a static picture in a PDF or a slide.
 */
import { escapeXml, niceMax, px, REPORT_FONT_FAMILY, textWidth } from './svg-text.js';

export interface BarDatum {
  label: string;
  value: number;
  /** Drawn as a thin dark tick across the bar: the same category in the comparison period. */
  compare?: number | null;
  /** The value as printed at the bar's end (default: the number). */
  display?: string;
}

export interface BarChartOptions {
  width: number;
  /** Height of one bar row in px (default 26). */
  rowHeight?: number;
  color?: string;
  /** Legend words for the bar and the tick, e.g. ['本月', '上月']. */
  legend?: [string, string];
}

export function barChartSvg(data: readonly BarDatum[], options: BarChartOptions): { svg: string; width: number; height: number } {
  const rowHeight = options.rowHeight ?? 26;
  const fontSize = 12;
  const labelWidth = Math.min(options.width * 0.4, Math.max(40, ...data.map((d) => textWidth(d.label, fontSize))) + 8);
  const valueWidth = 64;
  const top = options.legend ? 24 : 6;
  const plotWidth = options.width - labelWidth - valueWidth;
  const max = niceMax(Math.max(0, ...data.flatMap((d) => [d.value, d.compare ?? 0])));
  const height = top + data.length * rowHeight + 6;
  const color = options.color ?? '#2f6db5';
  const parts: string[] = [];
  if (options.legend) {
    parts.push(
      `<rect x="${px(labelWidth)}" y="6" width="12" height="10" fill="${color}"/>`,
      `<text x="${px(labelWidth + 16)}" y="15" font-size="11">${escapeXml(options.legend[0])}</text>`,
      `<rect x="${px(labelWidth + 80)}" y="5" width="3" height="12" fill="#222"/>`,
      `<text x="${px(labelWidth + 88)}" y="15" font-size="11">${escapeXml(options.legend[1])}</text>`,
    );
  }
  data.forEach((d, i) => {
    const y = top + i * rowHeight;
    const w = (Math.max(0, d.value) / max) * plotWidth;
    parts.push(
      `<text x="${px(labelWidth - 8)}" y="${px(y + rowHeight / 2 + 4)}" font-size="${fontSize}" text-anchor="end">${escapeXml(d.label)}</text>`,
      `<rect x="${px(labelWidth)}" y="${px(y + 4)}" width="${px(w)}" height="${px(rowHeight - 8)}" fill="${color}"/>`,
      `<text x="${px(labelWidth + w + 6)}" y="${px(y + rowHeight / 2 + 4)}" font-size="${fontSize}">${escapeXml(d.display ?? String(d.value))}</text>`,
    );
    if (d.compare !== undefined && d.compare !== null) {
      const x = labelWidth + (Math.max(0, d.compare) / max) * plotWidth;
      parts.push(`<rect x="${px(x - 1.5)}" y="${px(y + 1)}" width="3" height="${px(rowHeight - 2)}" fill="#222"/>`);
    }
  });
  parts.push(`<line x1="${px(labelWidth)}" y1="${top}" x2="${px(labelWidth)}" y2="${px(height - 6)}" stroke="#888"/>`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${options.width}" height="${height}" viewBox="0 0 ${options.width} ${height}" font-family="${escapeXml(REPORT_FONT_FAMILY)}" fill="#222">${parts.join('')}</svg>`;
  return { svg, width: options.width, height };
}
