/**
 * One figure: its label, the big number, the changes against last month and a year ago, the
 * sparkline; a button that opens the map explaining it (when there is one).
 */
import { useI18n } from '../i18n/locale.store';
import type { MessageKey } from '../i18n/messages';
import type { Figure, SectionKey } from './dashboard-model';
import { openLink } from './dashboard.store';
import { DeltaLine } from './delta-line';
import { figureText } from './figure-format';
import { periodLabel } from './period';
import { Sparkline } from './sparkline';

export function useFigureLabel(): (section: SectionKey, figure: Figure) => string {
  const { t, locale } = useI18n();
  return (section, figure) => {
    const key = `dashboard.figure.${section}.${figure.key.split('.')[0]!}` as MessageKey;
    return t(key, { ...figure.params, ...(figure.label ? { name: figure.label[locale] } : {}) });
  };
}

export function FigureTile({ section, figure, months }: { section: SectionKey; figure: Figure; months: readonly string[] }) {
  const { t, locale } = useI18n();
  const label = useFigureLabel()(section, figure);
  const cadence = figure.cadence ? t(`dashboard.cadence.${figure.cadence}`) : null;
  const fullLabel = cadence ? `${label} · ${cadence}` : label;
  const units = { hours: t('dashboard.unit.hours'), perThousand: t('dashboard.unit.perThousand') };
  const shown = figure.value === null ? null : figureText(figure.value, figure.unit, locale, units);
  const { link } = figure;
  const series = figure.series.length > 1 && months.length === figure.series.length ? figure.series : null;
  const body = (
    <>
      {/* A tile that opens the map names its figure in full in its own title. */}
      <span className="figure-label" title={link ? undefined : fullLabel}>
        {label}
        {cadence && <small className="figure-cadence"> · {cadence}</small>}
      </span>
      <span className="figure-value" data-testid="figure-value">
        {shown ? (
          <>
            <span className="figure-number">{shown.number}</span>
            {shown.unit && <span className="figure-unit">{shown.unit}</span>}
          </>
        ) : (
          <span className="figure-missing">{t(`dashboard.missing.${figure.missing ?? 'none'}`)}</span>
        )}
        {figure.detail && <small className="figure-detail">{figure.detail}</small>}
      </span>
      {figure.value !== null && (
        <span className="figure-deltas">
          {(
            [
              ['vsPrevious', figure.previous, figure.partialSince?.previous],
              ['vsLastYear', figure.lastYear, figure.partialSince?.lastYear],
            ] as const
          ).map(([against, other, since]) => (
            <DeltaLine
              key={against}
              value={figure.value}
              other={other}
              unit={figure.unit}
              better={figure.better}
              against={against}
              since={since}
            />
          ))}
        </span>
      )}
      {series && (
        <Sparkline
          values={series}
          label={t('dashboard.sparkline', {
            n: series.length,
            from: periodLabel(months[0]!, locale),
            to: periodLabel(months[months.length - 1]!, locale),
          })}
        />
      )}
    </>
  );
  const common = {
    className: 'figure-tile',
    'data-testid': `figure-${section}-${figure.key}`,
    'data-value': figure.value ?? '',
  };
  return link ? (
    <button type="button" {...common} title={t('dashboard.openMap', { what: fullLabel })} onClick={() => openLink(link)}>
      {body}
    </button>
  ) : (
    <div {...common}>{body}</div>
  );
}
