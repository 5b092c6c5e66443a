/**
 * One comparison under a big number: against what, arrow, change, and "better"/"worse" in words
 * — or, when the other period began before the first record (`since`), a note that says so
 * instead of a change.
 */
import { useI18n } from '../i18n/locale.store';
import type { FigureUnit } from './dashboard-model';
import { ARROW, compare, type Better } from './delta';
import { changeText } from './figure-format';

export function DeltaLine({
  value,
  other,
  unit,
  better,
  against,
  since,
}: {
  value: number | null;
  other: number | null;
  unit: FigureUnit;
  better: Better;
  against: 'vsPrevious' | 'vsLastYear';
  /** The first record's day (`YYYY-MM-DD`) when the other period starts before it. */
  since?: string | undefined;
}) {
  const { t, locale } = useI18n();
  if (since !== undefined && value !== null) {
    // The date and its closing bracket never break apart: a narrow tile wraps before them.
    const [before, after] = t(`dashboard.partial.${against}`, { since: '\u0000' }).split('\u0000');
    return (
      <div className="delta delta-partial" data-against={against} data-testid="delta-partial">
        {before}
        <span className="delta-date">
          {since}
          {after}
        </span>
      </div>
    );
  }
  const delta = compare(value, other, better);
  if (!delta)
    return (
      <div className="delta delta-none" data-against={against}>
        <span className="delta-against">{t(`dashboard.${against}`)}</span> {t('dashboard.noComparison')}
      </div>
    );
  // Better or worse when the direction has a good side; else up, down or unchanged. The spaces
  // between the parts, outside them, are where a narrow tile wraps the line.
  const words = delta.tone !== 'neutral' ? t(`dashboard.tone.${delta.tone}`) : t(`dashboard.direction.${delta.direction}`);
  return (
    <div className={`delta delta-${delta.tone}`} data-against={against} data-direction={delta.direction}>
      <span className="delta-against">{t(`dashboard.${against}`)}</span>{' '}
      <span className="delta-arrow" aria-hidden="true">
        {ARROW[delta.direction]}
      </span>
      {/* The arrow stays with its change when the line wraps. */}
      {'\u00a0'}
      <span className="delta-change">
        {changeText(delta, unit, locale, t('dashboard.unit.points'), t(`dashboard.zeroBase.${against}`))}
      </span>{' '}
      <span className="delta-words">{words}</span>
    </div>
  );
}
