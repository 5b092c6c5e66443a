/**
 * How a figure compares with another period: the change, its direction, and whether that is
 * good, bad or neither for this figure (more incidents is bad, a higher share closed is good,
 * more grids is neither). The view shows an arrow, a colour AND words, never colour alone.
 */

export type Direction = 'up' | 'down' | 'flat';
/** Which way is better for the figure; `neutral` figures are shown without judgement. */
export type Better = 'up' | 'down' | 'neutral';
export type Tone = 'good' | 'bad' | 'neutral';

export interface Delta {
  direction: Direction;
  /** current − other, in the figure's unit. */
  change: number;
  /** Relative change in percent of `other`; null when `other` is 0 (no meaningful ratio). */
  percent: number | null;
  tone: Tone;
}

/** Null when either value is missing (not measured, suppressed, no data a year ago). */
export function compare(current: number | null, other: number | null, better: Better): Delta | null {
  if (current === null || other === null || !Number.isFinite(current) || !Number.isFinite(other)) return null;
  const change = current - other;
  // Rounding noise of shares and medians is not a change.
  const direction: Direction = Math.abs(change) < 1e-9 ? 'flat' : change > 0 ? 'up' : 'down';
  const tone: Tone = direction === 'flat' || better === 'neutral' ? 'neutral' : direction === better ? 'good' : 'bad';
  return { direction, change, percent: other === 0 ? null : (change / Math.abs(other)) * 100, tone };
}

export const ARROW: Record<Direction, string> = { up: '▲', down: '▼', flat: '＝' };

/** A number for a big figure: grouped thousands, at most `digits` decimals. */
export function formatNumber(value: number, locale: 'zh' | 'en', digits = 0): string {
  return value.toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** A signed change: '+12', '−3.5' (a true minus sign), '0'. */
export function formatSigned(value: number, locale: 'zh' | 'en', digits = 0): string {
  const text = formatNumber(Math.abs(value), locale, digits);
  if (text === formatNumber(0, locale, digits)) return text;
  return (value > 0 ? '+' : '−') + text;
}
