/**
 * The dashboard (驾驶舱): for the selected region and month, every section's figures with
 * their changes, sparklines, incidents by category and the heaviest grids; each figure
 * opens the map that explains it. In wall mode (大屏) it is dark and full screen, shows one
 * section at a time, rotating, and reloads itself; Esc leaves.
 */
import { useEffect, useMemo, useRef } from 'react';
import type { Meta, Region } from '@gridatlas/api/contract';
import { useI18n } from '../i18n/locale.store';
import { errorText } from '../panel/error-text';
import { RegionPicker } from '../panel/region-picker';
import { useStore } from '../state/create-store';
import type { RegionIndex } from '../state/region-index';
import { CategoryMultiples } from './category-multiples';
import { fetchDashboard } from './dashboard-api';
import type { DashboardModel, DashboardSection } from './dashboard-model';
import { DashboardController } from './dashboard.controller';
import { dashboardPeriodStore, wallStore } from './dashboard.store';
import { FigureTile } from './figure-tile';
import { HeaviestGrids } from './heaviest-grids';
import { PeriodPicker } from './period-picker';
import { periodLabel, periodOf, previousPeriod } from './period';
import './dashboard.css';

export function DashboardView({
  meta,
  region,
  index,
  synthetic,
}: {
  meta: Meta;
  region: Region;
  index: RegionIndex;
  synthetic: ReadonlySet<string>;
}) {
  const { t, locale } = useI18n();
  const controller = useMemo(() => new DashboardController(fetchDashboard), []);
  const state = useStore(controller.state);
  const panel = useStore(controller.panel);
  const period = useStore(dashboardPeriodStore);
  const wall = useStore(wallStore);
  const root = useRef<HTMLDivElement | null>(null);
  const model = state.model;

  useEffect(() => () => controller.destroy(), [controller]);
  useEffect(() => {
    controller.show({ region: region.code, ...(period ? { period } : {}) });
  }, [controller, region.code, period]);

  const sectionCount = model?.sections.length ?? 0;
  useEffect(() => {
    if (!wall || !sectionCount) return;
    controller.startWall({ panels: sectionCount, rotateMs: wall.rotateSeconds * 1000, refreshMs: wall.refreshMinutes * 60_000 });
    return () => controller.stopWall();
  }, [controller, wall, sectionCount]);

  // Esc leaves wall mode; so does leaving full screen (the browser takes that Esc itself).
  useEffect(() => {
    if (!wall) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && wallStore.set(null);
    const onFullscreen = () => !document.fullscreenElement && wallStore.set(null);
    window.addEventListener('keydown', onKey);
    document.addEventListener('fullscreenchange', onFullscreen);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('fullscreenchange', onFullscreen);
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
    };
  }, [wall]);

  const enterWall = () => {
    wallStore.set({ rotateSeconds: 20, refreshMinutes: 5 });
    // Only a click may ask for full screen; a wall opened by URL offers the button instead.
    void root.current?.requestFullscreen?.().catch(() => {});
  };

  // Before the first answer, the picker shows the month the API defaults to.
  const shownPeriod = model?.period ?? period ?? previousPeriod(periodOf(meta.referenceDate ?? new Date().toISOString().slice(0, 10)));
  const referenceDate = meta.referenceDate ?? new Date().toISOString().slice(0, 10);
  const time = state.loadedAt ? new Date(state.loadedAt).toLocaleTimeString(locale === 'zh' ? 'zh-CN' : 'en-GB') : '';
  const status = state.loading && !model ? 'loading' : model ? 'ready' : state.error ? 'error' : 'loading';
  const sections = model?.sections ?? [];
  const shown = wall ? sections.slice(panel, panel + 1) : sections;

  return (
    <div
      ref={root}
      className={'dashboard' + (wall ? ' wall' : '')}
      data-testid="dashboard"
      data-state={status}
      data-period={model?.period ?? ''}
      data-panel={wall ? panel : ''}
    >
      <header className="dash-header">
        <h2 className="dash-title" title={`${t('dashboard.title')} · ${model?.region.name ?? region.name}`}>
          {t('dashboard.title')} · <span data-testid="dashboard-region">{model?.region.name ?? region.name}</span>
          {wall && model && <span className="dash-wall-period"> · {periodLabel(model.period, locale)}</span>}
        </h2>
        {!wall && <RegionPicker index={index} region={region} synthetic={synthetic} />}
        {!wall && <PeriodPicker period={shownPeriod} referenceDate={referenceDate} />}
        <span className="dash-status" aria-live="polite">
          {model && t('dashboard.asOf', { date: model.asOf })}
          {state.loading && model ? ` · ${t('dashboard.loading')}` : ''}
          {state.error && model ? ` · ${t('dashboard.stale', { time })}` : ''}
        </span>
        <span className="spacer" />
        {wall ? (
          <>
            <span className="dash-wall-info" data-testid="wall-info">
              {t('dashboard.wallPanel', {
                n: panel + 1,
                of: sectionCount,
                seconds: wall.rotateSeconds,
                minutes: wall.refreshMinutes,
              })}
            </span>
            {!document.fullscreenElement && (
              <button type="button" className="dash-button" onClick={() => void root.current?.requestFullscreen?.().catch(() => {})}>
                {t('dashboard.fullscreen')}
              </button>
            )}
            <button type="button" className="dash-button" data-testid="wall-exit" onClick={() => wallStore.set(null)}>
              {t('dashboard.wallExit')}
            </button>
          </>
        ) : (
          <>
            <button type="button" className="dash-button" data-testid="dashboard-refresh" onClick={() => controller.refresh()}>
              {t('dashboard.refresh')}
            </button>
            <button type="button" className="dash-button" data-testid="wall-enter" title={t('dashboard.wallTitle')} onClick={enterWall}>
              {t('dashboard.wall')}
            </button>
          </>
        )}
      </header>
      {state.error && !model && (
        <p className="dash-error" role="alert">
          {t('dashboard.failed', { message: errorText(t, state.error) })}
        </p>
      )}
      {!model && !state.error && <p className="dash-loading">{t('dashboard.loading')}</p>}
      {model && (
        <div className="dash-sections">
          {shown.map((section) => (
            <Section key={section.key} section={section} model={model} wall={!!wall} />
          ))}
        </div>
      )}
    </div>
  );
}

function Section({ section, model, wall }: { section: DashboardSection; model: DashboardModel; wall: boolean }) {
  const { t } = useI18n();
  const incidents = section.key === 'incidents';
  return (
    <section
      className={`dash-section dash-section-${section.key}`}
      data-testid={`section-${section.key}`}
      aria-labelledby={`dash-${section.key}`}
    >
      <h2 id={`dash-${section.key}`}>{t(`dashboard.section.${section.key}`)}</h2>
      <div className="dash-figures">
        {section.figures.map((f) => (
          <FigureTile key={f.key} section={section.key} figure={f} months={model.months} />
        ))}
      </div>
      {incidents && (
        <div className="dash-incident-extras">
          {model.categories.length > 0 && <CategoryMultiples categories={model.categories} limit={wall ? 12 : 8} />}
          {model.heaviest.length > 0 && <HeaviestGrids grids={model.heaviest} />}
        </div>
      )}
    </section>
  );
}
