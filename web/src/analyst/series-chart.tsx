/** Incidents by category over time: stacked bars per bucket, drawn as SVG. */
import { useI18n } from '../i18n/locale.store';
import type { IncidentSeries } from '@gridatlas/api/contract';
import { categoryColour, categoryName } from './category-colours';
import { rgbCss } from './colour-scale';

/** Rounds up to 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × a power of ten: a tight but readable axis top. */
function axisCeil(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  return ([1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((s) => s * p >= v) ?? 10) * p;
}

const W = 320;
const H = 150;
const PAD = { left: 34, right: 6, top: 8, bottom: 20 };

export function SeriesChart({ series, selected }: { series: IncidentSeries | null; selected: readonly string[] }) {
  const { t, locale } = useI18n();
  if (!series || !series.buckets.length) return <p className="analyst-empty">{t('analyst.chart.empty')}</p>;
  const shown = series.categories.map((c, i) => ({ c, i })).filter(({ c }) => !selected.length || selected.includes(c));
  const totals = series.buckets.map((_, b) => shown.reduce((sum, { i }) => sum + (series.counts[i]?.[b] ?? 0), 0));
  const max = axisCeil(Math.max(1, ...totals));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const bw = plotW / series.buckets.length;
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  return (
    <figure className="analyst-chart" data-testid="series-chart">
      <figcaption>{t('analyst.chart.series')}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('analyst.chart.series')}>
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(max * f)} y2={y(max * f)} className="chart-grid" />
            <text x={PAD.left - 4} y={y(max * f) + 3} className="chart-axis" textAnchor="end">
              {Math.round(max * f).toLocaleString()}
            </text>
          </g>
        ))}
        {series.buckets.map((bucket, b) => {
          let base = 0;
          return (
            <g key={bucket}>
              {shown.map(({ c, i }) => {
                const v = series.counts[i]?.[b] ?? 0;
                const y0 = y(base);
                base += v;
                return v ? (
                  <rect
                    key={c}
                    x={PAD.left + b * bw + 1}
                    width={Math.max(1, bw - 2)}
                    y={y(base)}
                    height={y0 - y(base)}
                    fill={rgbCss(categoryColour(c, i))}
                  >
                    <title>{`${bucket.slice(0, 7)} ${categoryName(c, locale)}: ${v}`}</title>
                  </rect>
                ) : null;
              })}
              {(series.buckets.length <= 13 || b % 2 === 0) && (
                <text x={PAD.left + (b + 0.5) * bw} y={H - 6} className="chart-axis" textAnchor="middle">
                  {bucket.slice(5, 7)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <ul className="chart-keys">
        {shown.map(({ c, i }) => (
          <li key={c}>
            <span className="swatch" style={{ background: rgbCss(categoryColour(c, i)) }} />
            {categoryName(c, locale)}
          </li>
        ))}
      </ul>
    </figure>
  );
}
