/**
 * Recording one visit of a due item: when (default now, at most 31 days back, never ahead), the
 * door label for ordinary households, and a note. The grid, building and category come from the
 * item; the API checks that the grid is the worker's own.
 */
import { useState, type FormEvent } from 'react';
import type { VisitDueItem } from '@gridatlas/api/contract';
import { useI18n } from '../i18n/locale.store';
import { recordVisit } from './visits-api';

/** `YYYY-MM-DDTHH:mm` of an instant in the browser's time zone, for a datetime-local input. */
function localInput(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

export function RecordVisitForm({ item, onCancel, onRecorded }: { item: VisitDueItem; onCancel: () => void; onRecorded: () => void }) {
  const { t } = useI18n();
  const [when, setWhen] = useState(() => localInput(Date.now()));
  const [household, setHousehold] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    recordVisit({
      gridCode: item.gridCode,
      buildingId: item.buildingId,
      category: item.category,
      // The input is local wall-clock time: `new Date` reads it so, toISOString gives the instant.
      visitedAt: new Date(when).toISOString(),
      ...(household.trim() ? { household: household.trim() } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    })
      .then(onRecorded)
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)))
      .finally(() => setBusy(false));
  };

  return (
    <form className="record-form" onSubmit={submit} data-testid="record-form">
      <label>
        {t('visits.form.when')}
        <input type="datetime-local" value={when} max={localInput(Date.now())} required onChange={(e) => setWhen(e.target.value)} />
      </label>
      {item.recordId === null && (
        <label>
          {t('visits.form.household')}
          <input
            type="text"
            value={household}
            maxLength={40}
            placeholder={t('visits.form.householdHint')}
            onChange={(e) => setHousehold(e.target.value)}
          />
        </label>
      )}
      <label>
        {t('visits.form.note')}
        <textarea value={note} maxLength={500} rows={2} placeholder={t('visits.form.noteHint')} onChange={(e) => setNote(e.target.value)} />
      </label>
      {error && (
        <p className="record-form-error" role="alert">
          {error}
        </p>
      )}
      <div className="record-form-actions">
        <button type="button" onClick={onCancel} disabled={busy}>
          {t('visits.form.cancel')}
        </button>
        <button type="submit" className="primary" disabled={busy} data-testid="record-submit">
          {busy ? t('visits.form.saving') : t('visits.form.save')}
        </button>
      </div>
    </form>
  );
}
