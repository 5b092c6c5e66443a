/**
 * Numbers and changes as a report prints them, in both languages: counts with thousands
 * separators, shares as percentages, rates and hours with one decimal; a change as
 * "+12（+8.5%）" with its direction judged by the figure's sense.
 */
import { reportMessages } from './report-messages.js';
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
  /** The text is a note that says against what itself (an incomplete period), not a change. */
  note?: true;
}

/**
 * The change against the previous period or a year before: shares change in percentage points,
 * others by count and per cent — no per cent of a zero base ("+7（上期为 0）"), and a note instead
 * of any change when that period began before the first record.
 */
export function formatDelta(figure: KeyFigure, against: 'previous' | 'yearBefore', lang: ReportLang): FormattedDelta {
  if (figure.display !== undefined) return { text: '—', tone: 'none' };
  const m = reportMessages(lang);
  const since = figure.partialSince?.[against];
  if (since !== undefined) return { text: m.partial[against](since), tone: 'none', note: true };
  const reference = figure[against];
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
    const pct =
      delta.absolute === 0
        ? null
        : delta.relative === null
          ? m.zeroBase[against]
          : `${sign}${Math.abs(delta.relative * 100).toLocaleString(locale(lang), { maximumFractionDigits: 1 })}%`;
    if (pct !== null) text += lang === 'zh' ? `（${pct}）` : ` (${pct})`;
  }
  return { text, tone: toneOf(delta.absolute, figure.sense) };
}

function toneOf(change: number, sense: FigureSense): DeltaTone {
  if (change === 0) return 'same';
  if (sense === 'neutral') return 'none';
  return change > 0 === (sense === 'higher-better') ? 'better' : 'worse';
}
