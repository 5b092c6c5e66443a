/**
 * Numbers and changes as a report prints them, in both languages: counts with thousands
 * separators, shares as percentages, rates and hours with one decimal; a change as
 * "+12（+8.5%）" with its direction judged by the figure's sense.
 */
import { figureDelta, type FigureFormat, type FigureSense, type KeyFigure, type ReportLang } from './report-document.js';

const locale = (lang: ReportLang): string => (lang === 'zh' ? 'zh-CN' : 'en-GB');

export function formatNumber(value: number | null, format: FigureFormat, lang: ReportLang): string {
  if (value === null || !Number.isFinite(value)) return '—';
  switch (format) {
    case 'count':
      return Math.round(value).toLocaleString(locale(lang));
    case 'share':
      return `${(value * 100).toLocaleString(locale(lang), { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
    case 'rate':
    case 'hours':
      return value.toLocaleString(locale(lang), { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  }
}

/** The figure's own value as printed: the suppression display when withheld. */
export function formatFigure(figure: KeyFigure, lang: ReportLang): string {
  return figure.display ?? formatNumber(figure.value, figure.format, lang);
}

export type DeltaTone = 'better' | 'worse' | 'same' | 'none';

export interface FormattedDelta {
  text: string;
  tone: DeltaTone;
}

/** The change against a reference: shares change in percentage points, others by count and per cent. */
export function formatDelta(figure: KeyFigure, reference: number | null | undefined, lang: ReportLang): FormattedDelta {
  if (figure.display !== undefined) return { text: '—', tone: 'none' };
  const delta = figureDelta(figure.value, reference);
  if (!delta) return { text: '—', tone: 'none' };
  const sign = delta.absolute > 0 ? '+' : delta.absolute < 0 ? '−' : '±';
  const magnitude = Math.abs(delta.absolute);
  let text: string;
  if (figure.format === 'share') {
    const points = (magnitude * 100).toLocaleString(locale(lang), { maximumFractionDigits: 1, minimumFractionDigits: 1 });
    text = `${sign}${points} ${lang === 'zh' ? '个百分点' : 'pp'}`;
  } else {
    text = `${sign}${formatNumber(magnitude, figure.format, lang)}`;
    if (delta.relative !== null && delta.absolute !== 0) {
      const pct = Math.abs(delta.relative * 100).toLocaleString(locale(lang), { maximumFractionDigits: 1 });
      text += lang === 'zh' ? `（${sign}${pct}%）` : ` (${sign}${pct}%)`;
    }
  }
  return { text, tone: toneOf(delta.absolute, figure.sense) };
}

function toneOf(change: number, sense: FigureSense): DeltaTone {
  if (change === 0) return 'same';
  if (sense === 'neutral') return 'none';
  return change > 0 === (sense === 'higher-better') ? 'better' : 'worse';
}
