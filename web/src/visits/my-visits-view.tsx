/**
 * A grid worker's "my visits due" (我的走访) at phone width: the units of their own grids still to
 * visit this period, most overdue first, each with "record visit". Recording refreshes the list
 * (a visited person leaves it; a building's households count down).
 */
import { useCallback, useEffect, useState } from 'react';
import type { VisitDueItem, VisitDueList } from '@gridatlas/api/contract';
import { ApiError } from '../api/api-client';
import { useI18n } from '../i18n/locale.store';
import { fetchMyDue } from './visits-api';
import { filterDue, visitCategoryName, type DueFilter } from './visit-labels';
import { RecordVisitForm } from './record-visit-form';
import './visits.css';

type Load = { status: 'loading' } | { status: 'ready'; data: VisitDueList } | { status: 'error'; message: string };

const itemKey = (i: VisitDueItem) => `${i.gridCode}:${i.buildingId}:${i.category}:${i.recordId ?? 'h'}`;

export function MyVisitsView({ districtCode }: { districtCode: string }) {
  const { locale, t } = useI18n();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [filter, setFilter] = useState<DueFilter>('all');
  const [open, setOpen] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(() => {
    const abort = new AbortController();
    fetchMyDue(districtCode, abort.signal)
      .then((data) => setLoad({ status: 'ready', data }))
      .catch((e: unknown) => {
        if (abort.signal.aborted) return;
        const message = e instanceof ApiError && e.status === 403 ? t('visits.mine.notLinked') : e instanceof Error ? e.message : String(e);
        setLoad({ status: 'error', message });
      });
    return () => abort.abort();
  }, [districtCode, generation, t]);

  if (load.status === 'loading') return <section className="my-visits">{t('app.loading')}</section>;
  if (load.status === 'error')
    return (
      <section className="my-visits">
        <p className="my-visits-error" role="alert">
          {load.message}
        </p>
      </section>
    );
  const { data } = load;
  const overdue = data.items.filter((i) => i.overdue > 0).length;
  const items = filterDue(data.items, filter);
  const gridName = new Map(data.grids.map((g) => [g.code, g.name]));
  return (
    <section className="my-visits" data-testid="my-visits">
      <header className="my-visits-head">
        <h2>{t('visits.mine.title')}</h2>
        <p className="my-visits-sub">
          {t('visits.mine.asOf', { day: data.day })} · {data.grids.map((g) => g.name).join('、') || t('visits.mine.noGrids')}
        </p>
        <div className="my-visits-filter" role="tablist">
          {(['all', 'overdue', 'pending'] as const).map((f) => (
            <button
              key={f}
              type="button"
              role="tab"
              aria-selected={filter === f}
              className={filter === f ? 'active' : ''}
              onClick={() => setFilter(f)}
            >
              {t(`visits.filter.${f}`, { n: f === 'all' ? data.items.length : f === 'overdue' ? overdue : data.items.length - overdue })}
            </button>
          ))}
        </div>
      </header>
      {done && (
        <p className="my-visits-done" role="status">
          {done}
        </p>
      )}
      {items.length === 0 && <p className="my-visits-empty">{t('visits.mine.empty')}</p>}
      <ul className="my-visits-list">
        {items.map((item) => {
          const key = itemKey(item);
          const household = item.recordId === null;
          return (
            <li key={key} className={'due-item' + (item.overdue > 0 ? ' overdue' : '')} data-testid="due-item">
              <div className="due-item-main">
                <strong>{item.buildingName}</strong>
                <span className="due-item-category">{visitCategoryName(item.category, locale)}</span>
                <span className="due-item-units">
                  {t(household ? 'visits.units.households' : 'visits.units.person', { n: item.units })}
                </span>
              </div>
              <div className="due-item-when">
                {item.overdue > 0 ? (
                  <span className="chip chip-overdue">
                    {item.overdueDays === null ? t('visits.overdue') : t('visits.overdueDays', { n: item.overdueDays })}
                    {household && item.overdue < item.units ? ` · ${t('visits.units.households', { n: item.overdue })}` : ''}
                  </span>
                ) : (
                  <span className="chip chip-pending">{t('visits.dueBy', { day: item.dueBy })}</span>
                )}
                <span className="due-item-last">
                  {item.lastVisit ? t('visits.lastVisit', { day: item.lastVisit }) : t('visits.neverVisited')} ·{' '}
                  {gridName.get(item.gridCode)}
                </span>
              </div>
              {open === key ? (
                <RecordVisitForm
                  item={item}
                  onCancel={() => setOpen(null)}
                  onRecorded={() => {
                    setOpen(null);
                    setDone(t('visits.recorded', { building: item.buildingName }));
                    reload();
                  }}
                />
              ) : (
                <button type="button" className="record-button" data-testid="record-visit" onClick={() => setOpen(key)}>
                  {t('visits.record')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
