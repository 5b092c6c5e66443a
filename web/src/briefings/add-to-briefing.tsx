/**
 * "Add this view to a briefing": a small form under the analyst panel's button — pick one of
 * the briefings the view fits in (its region holds the view's region, the user may edit it)
 * or create one, give the slide a title and a note, save. The view itself is captured when
 * saving, so what is saved is what the map shows at that moment.
 */
import './briefings.css';
import { useEffect, useRef, useState } from 'react';
import type { BriefingSummary, BriefingView } from '@gridatlas/api/contract';
import { useI18n } from '../i18n/locale.store';
import { addSlide, createBriefing, fetchBriefings } from './briefings-api';
import { briefingsPanelStore } from './briefing.store';

const NEW = 'new';

export function AddToBriefing({
  capture,
  defaultTitle,
  canEdit,
}: {
  capture: () => BriefingView | null;
  defaultTitle: string;
  /** The user has briefings.edit (and the map is ready to capture): else only the list is offered. */
  canEdit: boolean;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [briefings, setBriefings] = useState<BriefingSummary[] | null>(null);
  const [choice, setChoice] = useState<string>(NEW);
  const [newTitle, setNewTitle] = useState('');
  const [title, setTitle] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  // The view's region when the form opened: the briefings offered are those that hold it.
  const [region, setRegion] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  // The user picked a briefing (or "new") before the list arrived: the list must not undo it.
  const picked = useRef(false);

  useEffect(() => {
    if (!open) return;
    const abort = new AbortController();
    fetchBriefings(abort.signal)
      .then((all) => {
        const fits = all.filter((b) => b.editable && region.startsWith(b.regionCode));
        setBriefings(fits);
        if (!picked.current) setChoice(fits[0] ? String(fits[0].id) : NEW);
      })
      .catch((e: Error) => !abort.signal.aborted && setMessage({ ok: false, text: e.message }));
    return () => abort.abort();
  }, [open, region]);

  const start = () => {
    setRegion(capture()?.regionCode ?? '');
    picked.current = false;
    setTitle(defaultTitle);
    setNote('');
    setMessage(null);
    setOpen(true);
  };

  const save = async () => {
    const view = capture();
    if (!view) return;
    setBusy(true);
    setMessage(null);
    try {
      const slide = { title: title.trim() || defaultTitle, note, view };
      const current = choice === NEW ? undefined : briefings?.find((b) => String(b.id) === choice);
      const saved = current
        ? await addSlide(current, slide)
        : await createBriefing({ regionCode: view.regionCode, title: newTitle.trim(), slides: [slide] });
      setMessage({ ok: true, text: t('briefing.added', { title: saved.title, n: saved.slides.length }) });
      setOpen(false);
    } catch (e) {
      setMessage({ ok: false, text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="briefing-add" data-testid="briefing-add">
      <div className="briefing-buttons">
        {canEdit && !open && (
          <button type="button" data-testid="briefing-add-open" title={t('briefing.addTitle')} onClick={start}>
            {t('briefing.add')}
          </button>
        )}
        <button
          type="button"
          className="link-button"
          data-testid="briefings-open"
          onClick={() => briefingsPanelStore.set({ kind: 'list' })}
        >
          {t('briefing.list')}
        </button>
      </div>
      {open && (
        <form
          className="briefing-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label>
            {t('briefing.pick')}
            <select
              data-testid="briefing-pick"
              value={choice}
              onChange={(e) => {
                picked.current = true;
                setChoice(e.target.value);
              }}
            >
              {(briefings ?? []).map((b) => (
                <option key={b.id} value={String(b.id)}>
                  {b.title} · {t('briefing.slides', { n: b.slideCount })}
                </option>
              ))}
              <option value={NEW}>{t('briefing.new')}</option>
            </select>
          </label>
          {choice === NEW && (
            <label>
              {t('briefing.newTitle')}
              <input
                data-testid="briefing-new-title"
                required
                maxLength={200}
                value={newTitle}
                onChange={(e) => setNewTitle(e.target.value)}
              />
            </label>
          )}
          <label>
            {t('briefing.slideTitle')}
            <input data-testid="briefing-slide-title" required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
          </label>
          <label>
            {t('briefing.slideNote')}
            <textarea data-testid="briefing-slide-note" rows={3} maxLength={4000} value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
          <div className="briefing-buttons">
            <button type="submit" data-testid="briefing-save" disabled={busy}>
              {busy ? t('briefing.saving') : t('briefing.save')}
            </button>
            <button type="button" className="link-button" onClick={() => setOpen(false)}>
              {t('briefing.cancel')}
            </button>
          </div>
        </form>
      )}
      {message && (
        <p className={message.ok ? 'briefing-ok' : 'analyst-error'} role={message.ok ? 'status' : 'alert'} data-testid="briefing-message">
          {message.text}
        </p>
      )}
    </div>
  );
}
