/**
 * The dispatcher's view (事件调度, issue 18): filters and state chips on top, the list and the
 * map side by side, the picked incident beside them. Lists and map read the same filters; a
 * step taken reloads both. Timers tick once a minute.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { IncidentDetail, IncidentList, IncidentOptions, Meta, User } from '@gridatlas/api/contract';
import type { Region } from '@gridatlas/api/contract';
import { useI18n } from '../i18n/locale.store';
import { errorText } from '../panel/error-text';
import { ALL_STATES, OPEN_STATES } from './incident-colours';
import { formatTime, IncidentDetailPanel, StateChip } from './incident-detail';
import { fetchIncidentGrids, type GridCollection } from './incident-grids.layer';
import { IncidentMapController } from './incident-map.controller';
import { timerOf, timerText } from './incident-timer';
import { fetchIncident, fetchIncidentList, fetchIncidentMap, fetchIncidentOptions, type IncidentFilters } from './incidents-api';
import './incidents.css';

function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function DispatcherView({ region }: { meta: Meta; user: User; region: Region }) {
  const { t, locale } = useI18n();
  const now = useNow();
  const [filters, setFilters] = useState<IncidentFilters>({
    region: region.code,
    states: OPEN_STATES,
    category: '',
    overdue: false,
    rework: false,
    q: '',
    from: '',
    to: '',
    grid: '',
  });
  useEffect(() => setFilters((f) => ({ ...f, region: region.code, grid: '' })), [region.code]);
  const [grids, setGrids] = useState<GridCollection | null>(null);
  const [page, setPage] = useState(1);
  const [list, setList] = useState<IncidentList | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [options, setOptions] = useState<IncidentOptions | null>(null);
  const [selected, setSelected] = useState<IncidentDetail | null>(null);
  const [generation, setGeneration] = useState(0);
  const [truncated, setTruncated] = useState<number | null>(null);
  const mapBox = useRef<HTMLDivElement>(null);
  const controller = useRef<IncidentMapController | null>(null);

  const select = useCallback(
    (districtCode: string, id: number) => {
      fetchIncident(districtCode, id)
        .then((d) => {
          setSelected(d);
          controller.current?.select(d.id, d.position);
        })
        .catch((e: unknown) => setError(e as Error));
    },
    [setSelected],
  );

  useEffect(() => {
    const abort = new AbortController();
    fetchIncidentOptions(region.code, null, abort.signal)
      .then(setOptions)
      .catch(() => undefined);
    return () => abort.abort();
  }, [region.code]);

  useEffect(() => {
    const abort = new AbortController();
    setError(null);
    fetchIncidentList(filters, page, abort.signal)
      .then(setList)
      .catch((e: unknown) => abort.signal.aborted || setError(e as Error));
    return () => abort.abort();
  }, [filters, page, generation]);

  useEffect(() => {
    const abort = new AbortController();
    fetchIncidentMap(filters, abort.signal)
      .then((m) => {
        controller.current?.setData(m);
        setTruncated(m.truncated ? m.count : null);
      })
      .catch((e: unknown) => abort.signal.aborted || setError(e as Error));
    return () => abort.abort();
  }, [filters, generation]);

  // The jurisdiction's grids under the points (failing quietly: the points matter most).
  useEffect(() => {
    const abort = new AbortController();
    fetchIncidentGrids(region.code, abort.signal)
      .then((g) => {
        setGrids(g);
        controller.current?.setGrids(g);
      })
      .catch(() => undefined);
    return () => abort.abort();
  }, [region.code]);
  useEffect(() => controller.current?.setGrid(filters.grid || null), [filters.grid]);
  const gridName = useMemo(
    () => (filters.grid ? (grids?.features.find((f) => f.properties.code === filters.grid)?.properties.name ?? '') : ''),
    [filters.grid, grids],
  );

  const districtCode = region.code.slice(0, 6);
  useEffect(() => {
    if (!mapBox.current) return;
    const c = new IncidentMapController({
      container: mapBox.current,
      bounds: region.bbox as [number, number, number, number],
      householdUnit: t('label.households'),
      personUnit: t('label.persons'),
      onSelect: (id) => select(districtCode, id),
      onGrid: (code) => {
        setPage(1);
        setFilters((f) => ({ ...f, grid: f.grid === code ? '' : code }));
      },
    });
    controller.current = c;
    if (grids) c.setGrids(grids);
    return () => {
      c.destroy();
      controller.current = null;
    };
    // The map is made once per region; the labels' language does not remake it.
  }, [region.code]);
  // A new map (region) gets the current points.
  useEffect(() => setGeneration((g) => g + 1), [region.code]);

  const update = (patch: Partial<IncidentFilters>) => {
    setPage(1);
    setFilters((f) => ({ ...f, ...patch }));
  };
  const pages = list ? Math.max(1, Math.ceil(list.total / list.pageSize)) : 1;
  const openTotal = useMemo(() => (list ? OPEN_STATES.reduce((s, st) => s + (list.counts[st] ?? 0), 0) : 0), [list]);
  const allTotal = useMemo(() => (list ? Object.values(list.counts).reduce((s, n) => s + n, 0) : 0), [list]);
  const isOpenFilter = filters.states.length === OPEN_STATES.length && OPEN_STATES.every((s) => filters.states.includes(s));

  return (
    <div className="dispatcher-view" data-testid="dispatcher-view">
      <div className="incident-filters">
        <input
          type="search"
          value={filters.q}
          maxLength={80}
          placeholder={t('incidents.filter.search')}
          aria-label={t('incidents.filter.search')}
          onChange={(e) => update({ q: e.target.value })}
        />
        <select aria-label={t('incidents.filter.category')} value={filters.category} onChange={(e) => update({ category: e.target.value })}>
          <option value="">{t('incidents.filter.category')}</option>
          {options?.categories.map((c) => (
            <option key={c.category} value={c.category}>
              {c.category}
            </option>
          ))}
        </select>
        <label>
          {t('incidents.filter.from')} <input type="date" value={filters.from} onChange={(e) => update({ from: e.target.value })} />
        </label>
        <label>
          {t('incidents.filter.to')} <input type="date" value={filters.to} onChange={(e) => update({ to: e.target.value })} />
        </label>
        <label>
          <input
            type="checkbox"
            checked={filters.overdue}
            data-testid="filter-overdue"
            onChange={(e) => update({ overdue: e.target.checked })}
          />
          {t('incidents.filter.overdue')}
        </label>
        <label>
          <input type="checkbox" checked={filters.rework} onChange={(e) => update({ rework: e.target.checked })} />
          {t('incidents.filter.rework')}
        </label>
      </div>
      <div className="state-chips" role="toolbar" aria-label={t('incidents.title')}>
        <button type="button" className={isOpenFilter ? 'chip active' : 'chip'} onClick={() => update({ states: OPEN_STATES })}>
          {t('incidents.active')} <b>{openTotal}</b>
        </button>
        <button type="button" className={filters.states.length === 0 ? 'chip active' : 'chip'} onClick={() => update({ states: [] })}>
          {t('incidents.all')} <b>{allTotal}</b>
        </button>
        {ALL_STATES.map((s) => (
          <button
            key={s}
            type="button"
            data-testid={`chip-${s}`}
            className={filters.states.length === 1 && filters.states[0] === s ? 'chip active' : 'chip'}
            onClick={() => update({ states: [s] })}
          >
            <StateChip state={s} /> <b>{list?.counts[s] ?? 0}</b>
          </button>
        ))}
        {filters.grid && (
          <span className="grid-filter" data-testid="grid-filter">
            {t('incidents.gridFilter', { code: filters.grid, name: gridName })}
            <button
              type="button"
              aria-label={t('incidents.gridFilterClear')}
              title={t('incidents.gridFilterClear')}
              onClick={() => update({ grid: '' })}
            >
              ×
            </button>
          </span>
        )}
        {list && list.overdue > 0 && <span className="overdue-count">{t('incidents.overdueCount', { n: list.overdue })}</span>}
      </div>
      <div className={selected ? 'incident-body with-detail' : 'incident-body'}>
        <section className="incident-list" aria-label={t('incidents.title')}>
          {error && <p className="error">{errorText(t, error)}</p>}
          <p className="muted">{list ? t('incidents.total', { n: list.total }) : t('app.loading')}</p>
          {list && list.incidents.length === 0 && <p className="muted">{t('incidents.empty')}</p>}
          <ul data-testid="incident-list">
            {list?.incidents.map((i) => {
              const timer = timerText(t, timerOf(i.state, i.deadlineAt, now));
              return (
                <li key={`${i.districtCode}-${i.id}`} className={selected?.id === i.id ? 'selected' : ''}>
                  <button type="button" onClick={() => select(i.districtCode, i.id)} data-testid="incident-row">
                    <span className="row-top">
                      <StateChip state={i.state} /> <strong>{i.category}</strong> <span className="code">{i.code}</span>
                    </span>
                    <span className="row-bottom">
                      <span>{formatTime(i.reportedAt, locale)}</span>
                      <span>{i.assignee?.name ?? ''}</span>
                      {timer && <span className={i.overdue ? 'timer overdue' : 'timer'}>{timer}</span>}
                      {i.reworkCount > 0 && <span className="rework-badge">{t('incidents.rework', { n: i.reworkCount })}</span>}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
          {list && pages > 1 && (
            <div className="pager">
              <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                {t('incidents.prev')}
              </button>
              <span>{t('incidents.page', { page, pages })}</span>
              <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
                {t('incidents.next')}
              </button>
            </div>
          )}
        </section>
        <div className="incident-map-wrap">
          <div ref={mapBox} className="incident-map" data-testid="incident-map" aria-label={t('incidents.map')} />
          <div className="incident-legend" data-testid="incident-legend">
            {ALL_STATES.filter((s) => s !== 'voided').map((s) => (
              <StateChip key={s} state={s} />
            ))}
            <span className="legend-overdue">{t('incidents.legendOverdue')}</span>
            <span className="legend-grid">{t('incidents.legendGrid')}</span>
            {truncated !== null && <span>{t('incidents.truncated', { n: truncated })}</span>}
          </div>
        </div>
        {selected && (
          <IncidentDetailPanel
            key={`${selected.districtCode}-${selected.id}`}
            incident={selected}
            now={now}
            onChanged={(next) => {
              setSelected(next);
              setGeneration((g) => g + 1);
            }}
            onReload={() => {
              select(selected.districtCode, selected.id);
              setGeneration((g) => g + 1);
            }}
            onClose={() => {
              setSelected(null);
              controller.current?.select(null);
            }}
          />
        )}
      </div>
    </div>
  );
}
