/**
 * Presenting a briefing over the analyst's live map: full screen (Fullscreen API), one slide at
 * a time restored into the analyst stores and the map's camera (`restoreCamera`), with its
 * title, note, slide number, key figure and "as of" date; the analyst's legend stays on the
 * map. Keys: → / Space / PageDown next, ← / PageUp previous, Home / End, Esc leaves.
 */
import './briefings.css';
import { useEffect, useRef, useState } from 'react';
import type { Briefing } from '@gridatlas/api/contract';
import type { AnalystMapController } from '../analyst/analyst-map.controller';
import { useI18n } from '../i18n/locale.store';
import { useStore } from '../state/create-store';
import { restoreAnalystView } from './analyst-slide-view';
import { goToSlide, presentingStore } from './briefing.store';
import { fetchKeyFigure, type KeyFigure } from './key-figure';
import { asOfDate, lastDay, pinnedPeriod } from './slide-period';

const NEXT = new Set(['ArrowRight', ' ', 'PageDown', 'ArrowDown']);
const PREVIOUS = new Set(['ArrowLeft', 'PageUp', 'ArrowUp']);

export function BriefingPresenter({ controller, referenceDate }: { controller: AnalystMapController | null; referenceDate: string }) {
  const presenting = useStore(presentingStore);
  if (!presenting) return null;
  return <Presenter briefing={presenting.briefing} index={presenting.index} controller={controller} referenceDate={referenceDate} />;
}

function stop(): void {
  presentingStore.set(null);
  if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
}

function Presenter({
  briefing,
  index,
  controller,
  referenceDate,
}: {
  briefing: Briefing;
  index: number;
  controller: AnalystMapController | null;
  referenceDate: string;
}) {
  const { t, locale } = useI18n();
  const slide = briefing.slides[index]!;
  const view = slide.view;
  const [figure, setFigure] = useState<{ slideId: number; value: KeyFigure | null; error: string | null } | null>(null);
  const entered = useRef(false);

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

  // The slide's state into the analyst stores, its camera onto the one map.
  useEffect(() => {
    if (view.map === 'analyst') restoreAnalystView(view, briefing.pinnedAsOf);
    if (controller) void controller.loaded.then(() => controller.restoreCamera(view.camera));
  }, [view, briefing.pinnedAsOf, controller]);

  useEffect(() => {
    if (view.map !== 'analyst') return;
    const abort = new AbortController();
    fetchKeyFigure(view, briefing.pinnedAsOf, abort.signal)
      .then((value) => setFigure({ slideId: slide.id, value, error: null }))
      .catch((e: Error) => !abort.signal.aborted && setFigure({ slideId: slide.id, value: null, error: e.message }));
    return () => abort.abort();
  }, [view, briefing.pinnedAsOf, slide.id]);

  const period = view.map === 'analyst' ? pinnedPeriod(view.period, briefing.pinnedAsOf) : null;
  const shown = figure?.slideId === slide.id ? figure : null;
  const number = (v: number | string, digits: number) =>
    typeof v === 'number'
      ? v.toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits })
      : v;

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
      {view.map === 'analyst' && (
        <aside className="presenter-figure" data-testid="presenter-figure" aria-live="polite">
          {shown?.value ? (
            <>
              <strong>{number(shown.value.value, shown.value.digits)}</strong>
              <span>{t(shown.value.label)}</span>
            </>
          ) : shown?.error ? (
            <span>{t('briefing.figureFailed', { message: shown.error })}</span>
          ) : (
            <span>{t('app.loading')}</span>
          )}
          {period && <small>{t('briefing.period', { from: period.from, to: lastDay(period) })}</small>}
        </aside>
      )}
      {(slide.note || view.map === 'district') && (
        <footer className="presenter-note" data-testid="presenter-note">
          {slide.note || t('briefing.districtSlide')}
        </footer>
      )}
      <p className="presenter-keys">{t('briefing.keys')}</p>
    </div>
  );
}
