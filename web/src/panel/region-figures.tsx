import type { Region } from '@gridatlas/api/contract';
import { useI18n } from '../i18n/locale.store';

export function RegionFigures({ region }: { region: Region }) {
  const { locale, t } = useI18n();
  const format = (n: number) => n.toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-US');
  const figures = [
    ['figure.households', region.households],
    ['figure.persons', region.persons],
    ['figure.buildings', region.buildings],
    ['figure.grids', region.grids],
  ] as const;
  return (
    <section className="panel-section" aria-labelledby="figures-title">
      <h2 id="figures-title">
        {t('region.figures')} · <span className="region-name">{region.name}</span>
      </h2>
      <dl className="figures" data-testid="region-figures">
        {figures.map(([key, value]) => (
          <div key={key}>
            <dt>{t(key)}</dt>
            <dd>{format(value)}</dd>
            {/* Households estimated from floor area are no count: the figure says how many of them are estimates. */}
            {key === 'figure.households' && region.estimatedHouseholds > 0 && (
              <small className="figure-estimated" data-testid="figure-estimated">
                {t('figure.estimated', { n: format(region.estimatedHouseholds) })}
              </small>
            )}
          </div>
        ))}
      </dl>
    </section>
  );
}
