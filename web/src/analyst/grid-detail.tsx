/** The clicked grid's figures from every table the user may read. */
import { useI18n } from '../i18n/locale.store';
import type { MessageKey } from '../i18n/messages';
import { analystGridStore } from './analyst.store';
import type { GridStats } from './grid-stats';

const ROWS: [MessageKey, (s: GridStats) => number | string | null][] = [
  ['analyst.col.incidents', (s) => s.incidents],
  ['analyst.col.households', (s) => s.households],
  ['analyst.col.perThousand', (s) => (s.perThousand === null ? null : s.perThousand.toFixed(1))],
  ['analyst.col.workload', (s) => (s.workload === null ? null : s.workload.toFixed(1))],
  ['analyst.col.persons', (s) => s.persons],
  ['analyst.col.visitsRequired', (s) => s.visitsRequired],
  ['analyst.col.coverage', (s) => (s.coverage === null ? null : (s.coverage * 100).toFixed(0))],
  ['analyst.col.patrolMinutes', (s) => (s.patrolMinutes === null ? null : Math.round(s.patrolMinutes))],
  ['analyst.col.daysSincePatrol', (s) => s.daysSincePatrol],
  ['analyst.col.special', (s) => s.special],
];

export function GridDetail({ stats }: { stats: GridStats }) {
  const { t } = useI18n();
  const rows = ROWS.map(([key, get]) => [key, get(stats)] as const).filter(([, v]) => v !== null);
  return (
    <section className="analyst-detail" data-testid="analyst-grid-detail" aria-label={t('analyst.detail.title')}>
      <header>
        <h3>{stats.name}</h3>
        <button
          type="button"
          className="icon-button"
          title={t('analyst.detail.close')}
          aria-label={t('analyst.detail.close')}
          onClick={() => analystGridStore.set(null)}
        >
          ×
        </button>
      </header>
      <p className="detail-code">{stats.code}</p>
      <dl>
        {rows.map(([key, v]) => (
          <div key={key} data-metric={key}>
            <dt>{t(key)}</dt>
            <dd>{typeof v === 'number' ? v.toLocaleString() : v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
