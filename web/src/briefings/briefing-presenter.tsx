/**
 * Presenting a briefing over the live map of each slide: full screen (Fullscreen API), one slide
 * at a time restored into the analyst's or the district map's stores and camera, with its
 * title, note, slide number, key figure and "as of" date, and the map's legend (the analyst's
 * stays on its map; the district map's is drawn by the presenter, see `legend`). One
 * presenter is mounted in each of the two map views: a slide of the other map switches the view
 * (`showView`) and that view's presenter takes over the same `presentingStore`. Keys: → / Space
 * / PageDown next, ← / PageUp previous, Home / End, Esc leaves.
 */
import './briefings.css';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Briefing, BriefingCamera } from '@gridatlas/api/contract';
import { compare, ARROW } from '../dashboard/delta';
import { changeText, figureText } from '../dashboard/figure-format';
import { showView } from '../dashboard/dashboard.store';
import { useI18n } from '../i18n/locale.store';
import type { MessageKey } from '../i18n/messages';
import { useStore } from '../state/create-store';
import { restoreAnalystView } from './analyst-slide-view';
import { restoreDistrictView } from './district-slide-view';
import { goToSlide, presentingStore } from './briefing.store';
import { BETTER, fetchSlideFigure, figureUnit, type ShownSlideFigure } from './key-figure';
import { asOfDate, lastDay, pinnedPeriod } from './slide-period';

const NEXT = new Set(['ArrowRight', ' ', 'PageDown', 'ArrowDown']);
const PREVIOUS = new Set(['ArrowLeft', 'PageUp', 'ArrowUp']);

export interface BriefingPresenterProps {
  /** The map this presenter is mounted over. */
  map: 'analyst' | 'district';
  /** Jumps the analyst map to a slide's camera (null until the map is ready); the district map takes it from `pendingCameraStore`. */
  restoreCamera: ((camera: BriefingCamera) => void) | null;
  referenceDate: string;
  /**
   * The legend the map shows for a slide's view (the same component the map uses), or null. The
   * district map's legend lives in its side panel, which presenting covers, so it is drawn here in
   * the bottom-right corner; the analyst map's own legend already stays on its map.
   */
  legend?: (view: Briefing['slides'][number]['view']) => ReactNode;
}

export function BriefingPresenter(props: BriefingPresenterProps) {
  const presenting = useStore(presentingStore);
  if (!presenting) return null;
  return <Presenter briefing={presenting.briefing} index={presenting.index} {...props} />;
}

function stop(): void {
  presentingStore.set(null);
  if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
}

function Presenter({
  briefing,
  index,
  map,
  restoreCamera,
  referenceDate,
  legend,
}: BriefingPresenterProps & { briefing: Briefing; index: number }) {
  const { t } = useI18n();
  const slide = briefing.slides[index]!;
  const view = slide.view;
  const [figure, setFigure] = useState<{ slideId: number; value: ShownSlideFigure | null; error: string | null } | null>(null);
  // Already full screen when the other view's presenter handed over.
  const entered = useRef(document.fullscreenElement !== null);

  // Full screen once, on entering; leaving full screen (the browser's own Esc) ends presenting.
  useEffect(() => {
    const onChange = () => {
      if (document.fullscreenElement) entered.current = true;
      else if (entered.current) presentingStore.set(null);
    };
    document.addEventListener('fullscreenchange', onChange);
    document.documentElement.requestFullscreen?.().catch(() => {
      // Refused (no user gesture, an iframe, a headless browser): present in the window.
    });
    const onKey = (e: KeyboardEvent) => {
      if ((e.target as HTMLElement | null)?.closest?.('input, textarea, select')) return;
      if (NEXT.has(e.key)) goToSlide({ delta: 1 });
      else if (PREVIOUS.has(e.key)) goToSlide({ delta: -1 });
      else if (e.key === 'Home') goToSlide({ index: 0 });
      else if (e.key === 'End') goToSlide({ index: Number.MAX_SAFE_INTEGER });
      else if (e.key === 'Escape') stop();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('fullscreenchange', onChange);
      window.removeEventListener('keydown', onKey);
    };
  }, []);

  // The slide's state into its map's stores and its camera onto the one map; a slide of the other map switches the view.
  useEffect(() => {
    if (view.map !== map) {
      showView(view.map === 'analyst' ? 'analyst' : 'map');
      return;
    }
    if (view.map === 'analyst') {
      restoreAnalystView(view, briefing.pinnedAsOf);
      restoreCamera?.(view.camera);
    } else restoreDistrictView(view);
  }, [view, map, briefing.pinnedAsOf, restoreCamera]);

  useEffect(() => {
    if (view.map !== map) return;
    const abort = new AbortController();
    fetchSlideFigure(briefing.id, slide.id, abort.signal)
      .then((value) => setFigure({ slideId: slide.id, value, error: null }))
      .catch((e: Error) => !abort.signal.aborted && setFigure({ slideId: slide.id, value: null, error: e.message }));
    return () => abort.abort();
  }, [view.map, map, briefing.id, slide.id]);

  // The other view's presenter shows this slide.
  if (view.map !== map) return null;
  const period = view.map === 'analyst' ? pinnedPeriod(view.period, briefing.pinnedAsOf) : null;
  const shown = figure?.slideId === slide.id ? figure : null;
  const slideLegend = legend?.(view) ?? null;

  return (
    <div className="presenter" data-testid="presenter" data-slide-index={index} data-slide-id={slide.id}>
      <header className="presenter-head">
        <div>
          <p className="presenter-briefing">{briefing.title}</p>
          <h2 data-testid="presenter-title">{slide.title}</h2>
        </div>
        <div className="presenter-meta">
          <span data-testid="presenter-number">{t('briefing.slideNumber', { n: index + 1, total: briefing.slides.length })}</span>
          <span data-testid="presenter-as-of">{t('briefing.asOf', { date: asOfDate(period, briefing.pinnedAsOf, referenceDate) })}</span>
          <button type="button" className="link-button" data-testid="presenter-exit" onClick={stop}>
            {t('briefing.exit')}
          </button>
        </div>
      </header>
      <aside className="presenter-figure" data-testid="presenter-figure" aria-live="polite">
        {shown?.value ? (
          <SlideFigureView figure={shown.value} />
        ) : shown?.error ? (
          <span>{t('briefing.figureFailed', { message: shown.error })}</span>
        ) : (
          <span>{t('app.loading')}</span>
        )}
      </aside>
      {slideLegend && (
        <aside className="presenter-legend" data-testid="presenter-legend">
          {slideLegend}
        </aside>
      )}
      {slide.note && (
        <footer className="presenter-note" data-testid="presenter-note">
          {slide.note}
        </footer>
      )}
      <p className="presenter-keys">{t('briefing.keys')}</p>
    </div>
  );
}

/** The key figure: the big number, what it counts, its change on the period before, the days it counts, and "as of now" when it has no history. */
function SlideFigureView({ figure }: { figure: ShownSlideFigure }) {
  const { t, locale } = useI18n();
  if (figure.status === 'unavailable') return <span>{t('briefing.figureUnavailable')}</span>;
  const unit = figureUnit(figure);
  const units = { hours: t('dashboard.unit.hours'), perThousand: t('dashboard.unit.perThousand') };
  const big = figure.value === null ? null : figureText(figure.value, unit, locale, units);
  const delta = compare(figure.value, figure.previous, BETTER[figure.kind]);
  // The period before began before the first record: a note, not a change (an older API sends no `records`).
  const partialSince = figure.records?.previousPartial ? (figure.records.since ?? undefined) : undefined;
  return (
    <>
      <strong data-testid="presenter-figure-value" data-value={figure.value ?? ''}>
        {figure.display ?? (big ? big.number : '—')}
        {big?.unit && <small className="presenter-figure-unit">{big.unit}</small>}
      </strong>
      <span>
        {t(`briefing.figure.${figure.kind}` as MessageKey)}
        {figure.categories.length > 0 && ` · ${figure.categories.join(locale === 'zh' ? '、' : ', ')}`}
      </span>
      {partialSince !== undefined && figure.value !== null ? (
        <span className="presenter-delta presenter-delta-partial" data-testid="presenter-delta-partial">
          {t('dashboard.partial.vsPrevious', { since: partialSince })}
        </span>
      ) : (
        delta && (
          <span className={`presenter-delta tone-${delta.tone}`} data-testid="presenter-delta">
            {ARROW[delta.direction]} {t('briefing.vsPrevious')}{' '}
            {changeText(delta, unit, locale, t('dashboard.unit.points'), t('dashboard.zeroBase.vsPrevious'))}
          </span>
        )
      )}
      <small data-testid="presenter-figure-window">
        {t(figure.exact ? 'briefing.period' : 'briefing.figureWindow', { from: figure.window.from, to: lastDay(figure.window) })}
      </small>
      {figure.asOfNow && (
        <small className="presenter-as-of-now" data-testid="presenter-as-of-now" title={t('briefing.asOfNowHint')}>
          {t('briefing.asOfNow')}
        </small>
      )}
    </>
  );
}
