/**
 * One briefing's editor: title, pin to a date, the slides in order (reorder by dragging or
 * ↑/↓, edit a slide's title and note, delete), delete the briefing, and present it. Every
 * write sends the version this editor holds; a 409 (someone else changed it meanwhile) shows
 * the server's message with a reload, and nothing of theirs is overwritten.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Briefing, BriefingSlide } from '@gridatlas/api/contract';
import { ApiError } from '../api/api-client';
import { useI18n } from '../i18n/locale.store';
import type { MessageKey } from '../i18n/messages';
import { BriefingExports } from './briefing-exports';
import { briefingsPanelStore, presentingStore } from './briefing.store';
import { deleteBriefing, deleteSlide, fetchBriefing, moveSlide, updateBriefing, updateSlide } from './briefings-api';
import { lastDay } from './slide-period';

export function BriefingEditor({ id }: { id: number }) {
  const { t } = useI18n();
  const [briefing, setBriefing] = useState<Briefing | null>(null);
  const [error, setError] = useState<{ text: string; conflict: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [dragged, setDragged] = useState<number | null>(null);

  const load = useCallback(
    (signal?: AbortSignal) =>
      fetchBriefing(id, signal)
        .then((b) => {
          setBriefing(b);
          setError(null);
        })
        .catch((e: Error) => !signal?.aborted && setError({ text: e.message, conflict: false })),
    [id],
  );
  useEffect(() => {
    const abort = new AbortController();
    void load(abort.signal);
    return () => abort.abort();
  }, [load]);

  const run = async (write: (b: Briefing) => Promise<Briefing>) => {
    if (!briefing) return;
    setBusy(true);
    try {
      setBriefing(await write(briefing));
      setError(null);
    } catch (e) {
      setError({ text: (e as Error).message, conflict: e instanceof ApiError && e.status === 409 });
    } finally {
      setBusy(false);
    }
  };

  if (!briefing) return error ? <p className="analyst-error">{error.text}</p> : <p>{t('app.loading')}</p>;
  const editable = briefing.editable;
  const n = briefing.slides.length;
  const move = (slide: BriefingSlide, position: number) => void run((b) => moveSlide(b, slide.id, position));

  return (
    <div className="briefing-editor" data-testid="briefing-editor" data-version={briefing.version}>
      <button type="button" className="link-button" onClick={() => briefingsPanelStore.set({ kind: 'list' })}>
        {t('briefing.back')}
      </button>
      {error && (
        <p className="analyst-error" role="alert" data-testid="briefing-error">
          {error.text}{' '}
          {error.conflict && (
            <button type="button" className="link-button" data-testid="briefing-reload" onClick={() => void load()}>
              {t('briefing.reload')}
            </button>
          )}
        </p>
      )}
      {!editable && <p className="briefing-hint">{t('briefing.readOnly')}</p>}
      <TitleField briefing={briefing} disabled={!editable || busy} onSave={(title) => void run((b) => updateBriefing(b, { title }))} />
      <p className="briefing-hint">
        {t('briefing.region', { name: briefing.regionName })} ·{' '}
        {t('briefing.updated', { who: briefing.updatedBy, when: briefing.updatedAt.slice(0, 16).replace('T', ' ') })}
      </p>
      <div className="briefing-pin">
        <label title={t('briefing.pinHint')}>
          {t('briefing.pin')}
          <input
            type="date"
            data-testid="briefing-pin"
            disabled={!editable || busy}
            value={briefing.pinnedAsOf ?? ''}
            onChange={(e) => e.target.value && void run((b) => updateBriefing(b, { pinnedAsOf: e.target.value }))}
          />
        </label>
        {briefing.pinnedAsOf ? (
          editable && (
            <button
              type="button"
              className="link-button"
              disabled={busy}
              onClick={() => void run((b) => updateBriefing(b, { pinnedAsOf: null }))}
            >
              {t('briefing.unpin')}
            </button>
          )
        ) : (
          <span className="briefing-hint">{t('briefing.live')}</span>
        )}
      </div>
      <div className="briefing-buttons">
        <button
          type="button"
          className="primary"
          data-testid="briefing-present"
          disabled={n === 0}
          onClick={() => {
            briefingsPanelStore.set({ kind: 'closed' });
            presentingStore.set({ briefing, index: 0 });
          }}
        >
          {t('briefing.present')}
        </button>
        {editable && (
          <button
            type="button"
            className="danger link-button"
            disabled={busy}
            onClick={() => {
              if (!window.confirm(t('briefing.deleteConfirm', { title: briefing.title, n }))) return;
              void deleteBriefing(briefing)
                .then(() => briefingsPanelStore.set({ kind: 'list' }))
                .catch((e: Error) => setError({ text: e.message, conflict: e instanceof ApiError && e.status === 409 }));
            }}
          >
            {t('briefing.delete')}
          </button>
        )}
      </div>
      <BriefingExports briefing={briefing} />
      {n === 0 ? (
        <p className="briefing-hint">{t('briefing.noSlides')}</p>
      ) : (
        <>
          {editable && <p className="briefing-hint">{t('briefing.dragHint')}</p>}
          <ol className="briefing-slides" data-testid="briefing-slides">
            {briefing.slides.map((slide) => (
              <li
                key={slide.id}
                data-testid="briefing-slide"
                data-slide-id={slide.id}
                draggable={editable && !busy}
                className={dragged === slide.id ? 'dragging' : ''}
                onDragStart={(e) => {
                  setDragged(slide.id);
                  e.dataTransfer.effectAllowed = 'move';
                }}
                onDragEnd={() => setDragged(null)}
                onDragOver={(e) => dragged !== null && e.preventDefault()}
                onDrop={(e) => {
                  e.preventDefault();
                  const from = briefing.slides.find((s) => s.id === dragged);
                  setDragged(null);
                  if (from && from.id !== slide.id) move(from, slide.position);
                }}
              >
                <SlideRow
                  slide={slide}
                  count={n}
                  editable={editable}
                  busy={busy}
                  onMove={(position) => move(slide, position)}
                  onSave={(change) => void run((b) => updateSlide(b, slide.id, change))}
                  onDelete={() => {
                    if (window.confirm(t('briefing.slideDeleteConfirm', { n: slide.position + 1, title: slide.title })))
                      void run((b) => deleteSlide(b, slide.id));
                  }}
                />
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}

function TitleField({ briefing, disabled, onSave }: { briefing: Briefing; disabled: boolean; onSave: (title: string) => void }) {
  const { t } = useI18n();
  const [title, setTitle] = useState(briefing.title);
  useEffect(() => setTitle(briefing.title), [briefing.title]);
  return (
    <form
      className="briefing-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (title.trim() && title !== briefing.title) onSave(title.trim());
      }}
    >
      <label>
        {t('briefing.title')}
        <input
          data-testid="briefing-title"
          disabled={disabled}
          required
          maxLength={200}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
      </label>
      {title !== briefing.title && (
        <button type="submit" disabled={disabled}>
          {t('briefing.save')}
        </button>
      )}
    </form>
  );
}

interface SlideRowProps {
  slide: BriefingSlide;
  count: number;
  editable: boolean;
  busy: boolean;
  onMove: (position: number) => void;
  onSave: (change: { title: string; note: string }) => void;
  onDelete: () => void;
}

function SlideRow({ slide, count, editable, busy, onMove, onSave, onDelete }: SlideRowProps) {
  const { t } = useI18n();
  const [title, setTitle] = useState(slide.title);
  const [note, setNote] = useState(slide.note);
  useEffect(() => {
    setTitle(slide.title);
    setNote(slide.note);
  }, [slide.title, slide.note]);
  const view = slide.view;
  const changed = title !== slide.title || note !== slide.note;
  return (
    <div className="briefing-slide">
      <div className="briefing-slide-head">
        <span className="briefing-slide-number">{slide.position + 1}</span>
        <input
          aria-label={t('briefing.slideTitle')}
          data-testid="slide-title"
          disabled={!editable}
          value={title}
          maxLength={200}
          onChange={(e) => setTitle(e.target.value)}
        />
        {editable && (
          <span className="briefing-slide-tools">
            <button
              type="button"
              aria-label={t('briefing.slideUp')}
              title={t('briefing.slideUp')}
              data-testid="slide-up"
              disabled={busy || slide.position === 0}
              onClick={() => onMove(slide.position - 1)}
            >
              ↑
            </button>
            <button
              type="button"
              aria-label={t('briefing.slideDown')}
              title={t('briefing.slideDown')}
              data-testid="slide-down"
              disabled={busy || slide.position === count - 1}
              onClick={() => onMove(slide.position + 1)}
            >
              ↓
            </button>
            <button
              type="button"
              aria-label={t('briefing.slideDelete')}
              title={t('briefing.slideDelete')}
              data-testid="slide-delete"
              disabled={busy}
              onClick={onDelete}
            >
              ✕
            </button>
          </span>
        )}
      </div>
      <p className="briefing-hint">
        {view.map === 'analyst'
          ? `${t('briefing.layer', { layer: t(`analyst.layer.${view.layer}` as MessageKey) })} · ${t('briefing.period', { from: view.period.from, to: lastDay(view.period) })}`
          : t('briefing.districtSlide')}
      </p>
      <textarea
        aria-label={t('briefing.slideNote')}
        data-testid="slide-note"
        disabled={!editable}
        rows={2}
        maxLength={4000}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      {editable && changed && (
        <button
          type="button"
          data-testid="slide-save"
          disabled={busy || !title.trim()}
          onClick={() => onSave({ title: title.trim(), note })}
        >
          {t('briefing.save')}
        </button>
      )}
    </div>
  );
}
