/**
 * A monthly series as an SVG line chart (axis, month labels, the last point marked and
 * labelled) and the same series as a bare sparkline. Gaps (null) break the line rather than
 * pretend a zero.
 */
import { escapeXml, niceMax, px, REPORT_FONT_FAMILY } from './svg-text.js';

export interface LineSeries {
  label: string;
  values: readonly (number | null)[];
  color: string;
  dashed?: boolean;
}

export interface LineChartOptions {
  width: number;
  height: number;
  /** One label per value index (e.g. "1月", "Jan"); every other one is drawn when crowded. */
  xLabels: readonly string[];
}

function paths(values: readonly (number | null)[], x: (i: number) => number, y: (v: number) => number): string[] {
  const runs: string[] = [];
  let current = '';
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      if (current) runs.push(current);
      current = '';
      return;
    }
    current += `${current ? 'L' : 'M'}${px(x(i))} ${px(y(v))}`;
  });
  if (current) runs.push(current);
  return runs;
}

export function lineChartSvg(series: readonly LineSeries[], options: LineChartOptions): { svg: string; width: number; height: number } {
  const { width, height, xLabels } = options;
  const left = 44;
  const right = 16;
  const top = series.length > 1 ? 26 : 12;
  const bottom = 24;
  const n = Math.max(1, ...series.map((s) => s.values.length));
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null))));
  const x = (i: number): number => left + (n === 1 ? 0 : (i / (n - 1)) * (width - left - right));
  const y = (v: number): number => top + (1 - v / max) * (height - top - bottom);
  const parts: string[] = [];
  for (const f of [0, 0.5, 1]) {
    const v = max * f;
    parts.push(
      `<line x1="${left}" y1="${px(y(v))}" x2="${width - right}" y2="${px(y(v))}" stroke="${f === 0 ? '#888' : '#ddd'}"/>`,
      `<text x="${left - 6}" y="${px(y(v) + 4)}" font-size="10" text-anchor="end">${escapeXml(String(Math.round(v * 10) / 10))}</text>`,
    );
  }
  const step = n > 8 ? 2 : 1;
  xLabels.forEach((label, i) => {
    if ((n - 1 - i) % step !== 0) return;
    parts.push(`<text x="${px(x(i))}" y="${height - 6}" font-size="10" text-anchor="middle">${escapeXml(label)}</text>`);
  });
  series.forEach((s, k) => {
    for (const d of paths(s.values, x, y)) {
      parts.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5 4"' : ''}/>`);
    }
    const last = s.values.length - 1;
    const v = s.values[last];
    if (k === 0 && v !== null && v !== undefined) {
      parts.push(
        `<circle cx="${px(x(last))}" cy="${px(y(v))}" r="3.5" fill="${s.color}"/>`,
        `<text x="${px(x(last) - 6)}" y="${px(y(v) - 8)}" font-size="11" font-weight="bold" text-anchor="end">${escapeXml(String(v))}</text>`,
      );
    }
    if (series.length > 1) {
      const lx = left + k * 120;
      parts.push(
        `<line x1="${lx}" y1="10" x2="${lx + 18}" y2="10" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5 4"' : ''}/>`,
        `<text x="${lx + 24}" y="14" font-size="11">${escapeXml(s.label)}</text>`,
      );
    }
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(REPORT_FONT_FAMILY)}" fill="#222">${parts.join('')}</svg>`;
  return { svg, width, height };
}

/** A bare line in a small box (no axes), for a key figure's last twelve months. */
export function sparklineSvg(values: readonly (number | null)[], width = 96, height = 24, color = '#2f6db5'): string {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const max = Math.max(...known, 0);
  const min = Math.min(...known, 0);
  const span = max - min || 1;
  const x = (i: number): number => 2 + (values.length <= 1 ? 0 : (i / (values.length - 1)) * (width - 4));
  const y = (v: number): number => 2 + (1 - (v - min) / span) * (height - 4);
  const lines = paths(values, x, y).map((d) => `<path d="${d}" fill="none" stroke="${color}" stroke-width="1.5"/>`);
  const lastIndex = values.length - 1;
  const last = values[lastIndex];
  const dot = last !== null && last !== undefined ? `<circle cx="${px(x(lastIndex))}" cy="${px(y(last))}" r="2" fill="${color}"/>` : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${lines.join('')}${dot}</svg>`;
}
