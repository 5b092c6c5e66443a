/** The ten heaviest grids by the current measure: horizontal SVG bars, click to select. */
import { useI18n } from '../i18n/locale.store';
import type { ChoroplethMetric } from './analyst-layers';
import { analystGridStore } from './analyst.store';
import { metricValue, type GridStats } from './grid-stats';

const W = 320;
const ROW = 17;
const LABEL_W = 118;

export function TopGridsChart({ stats, metric, unit }: { stats: ReadonlyMap<string, GridStats>; metric: ChoroplethMetric; unit: string }) {
  const { t } = useI18n();
  const top = [...stats.values()]
    .map((s) => ({ s, v: metricValue(s, metric) }))
    .filter((r): r is { s: GridStats; v: number } => r.v !== null)
    .sort((a, b) => b.v - a.v)
    .slice(0, 10);
  const title = t('analyst.chart.top', { metric: t(`analyst.metric.${metric}`) });
  if (!top.length) return <p className="analyst-empty">{t('analyst.chart.empty')}</p>;
  const max = top[0]!.v || 1;
  const barW = W - LABEL_W - 52;
  return (
    <figure className="analyst-chart" data-testid="top-grids-chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${top.length * ROW + 4}`} role="img" aria-label={title}>
        {top.map(({ s, v }, i) => (
          <g key={s.code} transform={`translate(0 ${i * ROW + 2})`} className="chart-row" onClick={() => analystGridStore.set(s.code)}>
            <text x={LABEL_W - 4} y={12} textAnchor="end" className="chart-label">
              {s.name.length > 10 ? `${s.name.slice(0, 9)}…` : s.name}
              <title>{`${s.name} (${s.code})`}</title>
            </text>
            <rect x={LABEL_W} y={2} height={ROW - 5} width={Math.max(1, (v / max) * barW)} className="chart-bar" />
            <text x={LABEL_W + (v / max) * barW + 4} y={12} className="chart-value">
              {v >= 100 ? Math.round(v).toLocaleString() : v.toFixed(1)}
            </text>
          </g>
        ))}
      </svg>
      <p className="chart-unit">{unit}</p>
    </figure>
  );
}
