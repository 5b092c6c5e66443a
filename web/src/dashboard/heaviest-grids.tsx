/** The grids with the most incidents in the period, with their rate per 1,000 households; a row opens the grid on the choropleth. */
import { useI18n } from '../i18n/locale.store';
import type { HeavyGrid } from './dashboard-model';
import { openLink } from './dashboard.store';
import { formatNumber } from './delta';

export function HeaviestGrids({ grids }: { grids: readonly HeavyGrid[] }) {
  const { t, locale } = useI18n();
  const max = Math.max(1, ...grids.map((g) => g.count));
  return (
    <section className="dash-heaviest" aria-labelledby="dash-heaviest-title">
      <h3 id="dash-heaviest-title">{t('dashboard.heaviest')}</h3>
      <ol>
        {grids.map((g) => (
          <li key={g.code}>
            <button
              type="button"
              data-testid={`heavy-${g.code}`}
              data-value={g.count}
              title={t('dashboard.openMap', { what: g.name })}
              disabled={!g.link}
              onClick={() => g.link && openLink(g.link)}
            >
              <span className="heavy-name">{g.name}</span>
              <span className="heavy-bar" aria-hidden="true">
                <span style={{ width: `${Math.round((g.count / max) * 100)}%` }} />
              </span>
              <span className="heavy-count">{formatNumber(g.count, locale)}</span>
              <small className="heavy-rate">
                {g.perThousand === null ? '—' : t('dashboard.heaviestRate', { rate: formatNumber(g.perThousand, locale, 1) })}
              </small>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
