/**
 * Figures as text: the big number with its unit, and a change against another period in
 * words the leader reads aloud ("比上月 +12（+8.5%）"). Shares are 0–1 in the data, shown in
 * percent, and their changes in percentage points, never as a percent of a percent.
 */
import type { Locale } from '../i18n/translate';
import type { FigureUnit } from './dashboard-model';
import { formatNumber, formatSigned, type Delta } from './delta';

const DIGITS: Record<FigureUnit, number> = { count: 0, share: 1, hours: 1, perThousand: 1 };

/** The value as shown in the big number, and the unit shown beside it ('' for counts). */
export function figureText(
  value: number,
  unit: FigureUnit,
  locale: Locale,
  units: { hours: string; perThousand: string },
): {
  number: string;
  unit: string;
} {
  if (unit === 'share') return { number: formatNumber(value * 100, locale, DIGITS.share), unit: '%' };
  if (unit === 'hours') return { number: formatNumber(value, locale, DIGITS.hours), unit: units.hours };
  if (unit === 'perThousand') return { number: formatNumber(value, locale, DIGITS.perThousand), unit: units.perThousand };
  return { number: formatNumber(value, locale, 0), unit: '' };
}

/**
 * The change as text: '+12（+8.5%）', '−3.2 个百分点' for a share, '+7（上期为 0）' when the other
 * value was 0 (`zeroBase`: no ratio, never '+∞%'), '+7' without it.
 */
export function changeText(delta: Delta, unit: FigureUnit, locale: Locale, points: string, zeroBase?: string): string {
  if (unit === 'share') return `${formatSigned(delta.change * 100, locale, DIGITS.share)} ${points}`;
  const change = formatSigned(delta.change, locale, DIGITS[unit]);
  if (delta.direction === 'flat') return change;
  const aside = delta.percent === null ? zeroBase : `${formatSigned(delta.percent, locale, 1)}%`;
  if (aside === undefined) return change;
  return locale === 'zh' ? `${change}（${aside}）` : `${change} (${aside})`;
}
