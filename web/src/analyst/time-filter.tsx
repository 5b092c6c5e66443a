/**
 * The period: two sliders over the data's year (the year up to the reference date), in
 * days. The dragged value shows at once; the filter (and every request) follows when the
 * slider rests for a moment.
 */
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/locale.store';
import { addDays } from './analytics-query';
import { filtersStore, type AnalystFilters } from './analyst.store';

const YEAR = 365;
const SETTLE_MS = 300;

/** The whole year ending on `referenceDate` (inclusive): `to` is the day after. */
export function yearFilters(referenceDate: string): AnalystFilters {
  return { from: addDays(referenceDate, 1 - YEAR), to: addDays(referenceDate, 1), categories: [] };
}

export function TimeFilter({ referenceDate, filters }: { referenceDate: string; filters: AnalystFilters }) {
  const { t } = useI18n();
  const start = addDays(referenceDate, 1 - YEAR);
  const offset = (date: string) => Math.round((Date.parse(date) - Date.parse(start)) / 86_400_000);
  const [range, setRange] = useState<[number, number]>([offset(filters.from), offset(filters.to)]);

  useEffect(() => {
    const timer = setTimeout(() => {
      const [a, b] = range;
      filtersStore.set((prev) => {
        const from = addDays(start, a);
        const to = addDays(start, b);
        return prev && prev.from === from && prev.to === to ? prev : { categories: [], ...prev, from, to };
      });
    }, SETTLE_MS);
    return () => clearTimeout(timer);
  }, [range, start]);

  const [a, b] = range;
  return (
    <fieldset className="analyst-period" data-testid="analyst-period">
      <legend>{t('analyst.period')}</legend>
      <label>
        <span>{t('analyst.periodFrom')}</span>
        <input
          type="range"
          min={0}
          max={YEAR - 1}
          value={a}
          data-testid="period-from"
          onChange={(e) => setRange(([, hi]) => [Math.min(Number(e.target.value), hi - 1), hi])}
        />
      </label>
      <label>
        <span>{t('analyst.periodTo')}</span>
        <input
          type="range"
          min={1}
          max={YEAR}
          value={b}
          data-testid="period-to"
          onChange={(e) => setRange(([lo]) => [lo, Math.max(Number(e.target.value), lo + 1)])}
        />
      </label>
      <output data-testid="period-value">
        {t('analyst.periodValue', { from: addDays(start, a), to: addDays(start, b - 1), days: b - a })}
      </output>
    </fieldset>
  );
}
