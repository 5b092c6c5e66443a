import { useEffect } from 'react';
import type { GridLayerProperties, User } from '@gridatlas/api/contract';
import { useI18n } from '../i18n/locale.store';
import { useStore } from '../state/create-store';
import { selectedGridStore } from '../state/view.store';
import { GridStaff } from '../staff/grid-staff';
import { GridVisitsSection } from '../visits/grid-visits-section';
import { NoticeBoardsButton } from './notice-boards-button';

/** The clicked grid's figures, floating over the map's lower right corner. */
export function GridCard({ user }: { user: User }) {
  const { locale, t } = useI18n();
  const grid: GridLayerProperties | null = useStore(selectedGridStore);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && selectedGridStore.set(null);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  if (!grid) return null;
  const format = (n: number) => n.toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-US');
  const rows = [
    ['grid.code', <code key="c">{grid.code}</code>],
    ['grid.type', t(`grid.type.${grid.type}`)],
    ['grid.households', format(grid.households)],
    ['grid.persons', format(grid.persons)],
    ['grid.buildings', format(grid.buildings)],
    ['grid.load', `${Math.round(grid.load * 100)}%`],
    [
      'grid.status',
      <span key="s" className={`status status-${grid.status}`}>
        {t(`grid.status.${grid.status}`)}
      </span>,
    ],
  ] as const;
  return (
    <aside className="grid-card" data-testid="grid-card" aria-label={grid.name}>
      <header>
        <h2>{grid.name}</h2>
        <button type="button" className="icon-button" title={t('grid.card.close')} onClick={() => selectedGridStore.set(null)}>
          ×
        </button>
      </header>
      <dl>
        {rows.map(([key, value]) => (
          <div key={key}>
            <dt>{t(key)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <GridStaff user={user} code={grid.code} />
      <GridVisitsSection user={user} code={grid.code} />
      <NoticeBoardsButton user={user} code={grid.code} />
    </aside>
  );
}
