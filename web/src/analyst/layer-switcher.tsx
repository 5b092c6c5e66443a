/** The layer radio list with each layer's own option (metric, dead-corner days, group category). */
import { SPECIAL_GROUP_CATEGORIES, VISIT_CATEGORIES } from '@gridatlas/core';
import { useI18n } from '../i18n/locale.store';
import { useStore } from '../state/create-store';
import type { AnalystLayer, ChoroplethMetric } from './analyst-layers';
import { analystLayerStore, choroplethMetricStore, deadCornerDaysStore, specialCategoryStore, visitsCategoryStore } from './analyst.store';

const DEAD_DAYS = [7, 14, 30, 60];

export function LayerSwitcher({ layers, metrics }: { layers: readonly AnalystLayer[]; metrics: readonly ChoroplethMetric[] }) {
  const { t, locale } = useI18n();
  const active = useStore(analystLayerStore);
  const metric = useStore(choroplethMetricStore);
  const days = useStore(deadCornerDaysStore);
  const special = useStore(specialCategoryStore);
  const visits = useStore(visitsCategoryStore);
  return (
    <fieldset className="analyst-layers" data-testid="analyst-layers">
      <legend>{t('analyst.layers')}</legend>
      {layers.map((layer) => (
        <div key={layer} className="analyst-layer-row">
          <label>
            <input
              type="radio"
              name="analyst-layer"
              value={layer}
              checked={active === layer}
              data-testid={`layer-${layer}`}
              onChange={() => analystLayerStore.set(layer)}
            />
            {t(`analyst.layer.${layer}`)}
          </label>
          {active === layer && layer === 'choropleth' && (
            <select
              aria-label={t('analyst.metric')}
              data-testid="choropleth-metric"
              value={metric}
              onChange={(e) => choroplethMetricStore.set(e.target.value as ChoroplethMetric)}
            >
              {metrics.map((m) => (
                <option key={m} value={m}>
                  {t(`analyst.metric.${m}`)}
                </option>
              ))}
            </select>
          )}
          {active === layer && layer === 'coverage' && (
            <select
              aria-label={t('analyst.deadDays')}
              data-testid="dead-days"
              value={days}
              onChange={(e) => deadCornerDaysStore.set(Number(e.target.value))}
            >
              {DEAD_DAYS.map((d) => (
                <option key={d} value={d}>
                  {t('analyst.legend.deadCorners', { days: d })}
                </option>
              ))}
            </select>
          )}
          {active === layer && layer === 'special' && (
            <select
              aria-label={t('analyst.specialCategory')}
              data-testid="special-category"
              value={special}
              onChange={(e) => specialCategoryStore.set(e.target.value)}
            >
              <option value="">{t('analyst.specialAll')}</option>
              {SPECIAL_GROUP_CATEGORIES.map((c) => (
                <option key={c.key} value={c.key}>
                  {locale === 'en' ? c.en : c.zh}
                </option>
              ))}
            </select>
          )}
          {active === layer && layer === 'visits' && (
            <select
              aria-label={t('analyst.visits.category')}
              data-testid="visits-category"
              value={visits}
              onChange={(e) => visitsCategoryStore.set(e.target.value)}
            >
              <option value="">{t('analyst.visits.special')}</option>
              {VISIT_CATEGORIES.map((c) => (
                <option key={c.key} value={c.key}>
                  {locale === 'en' ? c.en : c.zh}
                </option>
              ))}
            </select>
          )}
        </div>
      ))}
    </fieldset>
  );
}
