/**
 * Incidents by category as small multiples: one panel per category, three bars (this month,
 * last month, a year ago) on ONE scale shared by all panels so they compare at a glance.
 * A panel opens the heatmap filtered to its category.
 */
import { categoryName } from '../analyst/category-colours';
import { useI18n } from '../i18n/locale.store';
import type { CategoryFigure } from './dashboard-model';
import { openLink } from './dashboard.store';
import { compare, formatNumber } from './delta';
import { DeltaLine } from './delta-line';

export function CategoryMultiples({ categories, limit }: { categories: readonly CategoryFigure[]; limit: number }) {
  const { t, locale } = useI18n();
  const shown = [...categories].sort((a, b) => (b.value ?? 0) - (a.value ?? 0)).slice(0, limit);
  const max = Math.max(1, ...shown.flatMap((c) => [c.value ?? 0, c.previous ?? 0, c.lastYear ?? 0]));
  const bars = [
    ['current', (c: CategoryFigure) => c.value],
    ['previous', (c: CategoryFigure) => c.previous],
    ['lastYear', (c: CategoryFigure) => c.lastYear],
  ] as const;
  return (
    <section className="dash-multiples" aria-labelledby="dash-multiples-title">
      <h3 id="dash-multiples-title">{t('dashboard.categories')}</h3>
      <ul>
        {shown.map((c) => {
          const name = categoryName(c.category, locale);
          const tone = compare(c.value, c.previous, 'down')?.tone ?? 'neutral';
          return (
            <li key={c.category}>
              <button
                type="button"
                className={`multiple multiple-${tone}`}
                data-testid={`category-${c.category}`}
                data-value={c.value ?? ''}
                title={t('dashboard.openMap', { what: name })}
                disabled={!c.link}
                onClick={() => c.link && openLink(c.link)}
              >
                <span className="multiple-name">{name}</span>
                <span className="multiple-value">{c.value === null ? '—' : formatNumber(c.value, locale)}</span>
                <span className="multiple-bars" aria-hidden="true">
                  {bars.map(([key, get]) => (
                    <span
                      key={key}
                      className={`bar bar-${key}`}
                      title={t(`dashboard.period.${key}`)}
                      style={{ height: `${Math.round(((get(c) ?? 0) / max) * 100)}%` }}
                    />
                  ))}
                </span>
                <DeltaLine
                  value={c.value}
                  other={c.previous}
                  unit="count"
                  better="down"
                  against="vsPrevious"
                  since={c.partialSince?.previous}
                />
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
