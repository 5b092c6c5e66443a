import type { GridMetrics } from '@gridatlas/core';
import { useI18n } from '../i18n/locale.store';
import { useStore } from '../state/create-store';
import { draftStore } from './draft.store';
import { gridTag } from './grid-label';
import type { DraftAnalysis } from './plan-analysis';
import { liveMetricsStore, selectGrid, selectionStore } from './planner.store';

/** Every grid of the draft with its figures and rule status; the dragged grid shows live figures. */
export function GridTable({ analysis }: { analysis: DraftAnalysis }) {
  const { t, locale } = useI18n();
  const { grids } = useStore(draftStore);
  const selection = useStore(selectionStore);
  const live = useStore(liveMetricsStore);
  const n = (v: number) => v.toLocaleString(locale === 'zh' ? 'zh-CN' : 'en');
  return (
    <table className="planner-grids" data-testid="planner-grids">
      <thead>
        <tr>
          <th>{t('grid.code')}</th>
          <th>{t('grid.households')}</th>
          <th>{t('grid.persons')}</th>
          <th>{t('grid.buildings')}</th>
          <th>{t('planner.area')}</th>
          <th title={t('planner.compactnessHint')}>{t('planner.compactness')}</th>
          <th>{t('grid.status')}</th>
        </tr>
      </thead>
      <tbody>
        {grids.map((g) => {
          const m: GridMetrics | undefined = live?.key === g.key ? live.metrics : analysis.metrics.get(g.key);
          const status = m?.load.status;
          return (
            <tr
              key={g.key}
              data-key={g.key}
              data-live={live?.key === g.key || undefined}
              aria-selected={selection.includes(g.key)}
              onClick={(e) => selectGrid(g.key, e.shiftKey)}
            >
              <td>{gridTag(g, t)}</td>
              <td data-col="households">{m ? n(m.households) : '–'}</td>
              <td data-col="persons">{m ? n(m.persons) : '–'}</td>
              <td>{m ? n(m.buildings) : '–'}</td>
              <td>{m ? (m.areaM2 / 10_000).toFixed(2) : '–'}</td>
              <td>{m ? m.compactness.toFixed(2) : '–'}</td>
              <td className={`status status-${status ?? 'none'}`}>{status ? t(`grid.status.${status}`) : '–'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
