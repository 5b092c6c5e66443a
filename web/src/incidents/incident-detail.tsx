/**
 * One incident beside the dispatcher's list and map: its facts, timer, photos and timeline, and
 * a button per step the caller's roles may take now (the API's `next`). Voiding and returning
 * for rework need a note; dispatching opens the dispatch dialog. A 409 (someone else moved it)
 * reloads the incident and says so.
 */
import { useState } from 'react';
import type { IncidentDetail } from '@gridatlas/api/contract';
import { ApiError } from '../api/api-client';
import { useI18n } from '../i18n/locale.store';
import type { MessageKey } from '../i18n/messages';
import { DispatchDialog, type DispatchChoice } from './dispatch-dialog';
import { STATE_COLOURS } from './incident-colours';
import { timerOf, timerText } from './incident-timer';
import { transition } from './incidents-api';

const NEEDS_NOTE = new Set(['voided', 'rework']);

export function StateChip({ state }: { state: string }) {
  const { t } = useI18n();
  return (
    <span className="state-chip" style={{ background: STATE_COLOURS[state] ?? '#6b7280' }}>
      {t(`incidents.state.${state}` as MessageKey)}
    </span>
  );
}

export function formatTime(iso: string, locale: string): string {
  return new Date(iso).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: 'Asia/Shanghai',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
}

export function IncidentDetailPanel({
  incident,
  now,
  onChanged,
  onReload,
  onClose,
}: {
  incident: IncidentDetail;
  now: number;
  onChanged: (next: IncidentDetail) => void;
  onReload: () => void;
  onClose: () => void;
}) {
  const { t, locale } = useI18n();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [dispatching, setDispatching] = useState(false);
  // feedback → dispatched is the return for rework; its own label and a note.
  const actions = incident.next.map((to) => (incident.state === 'feedback' && to === 'dispatched' ? 'rework' : to));

  async function run(action: string, extra: DispatchChoice = {}) {
    if (NEEDS_NOTE.has(action) && !note.trim()) {
      setMessage(t('incidents.noteRequired'));
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const to = action === 'rework' ? 'dispatched' : action;
      const next = await transition(incident, {
        to: to as IncidentDetail['state'],
        version: incident.version,
        ...(note.trim() ? { note: note.trim() } : {}),
        ...extra,
      });
      setNote('');
      onChanged(next);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        setMessage(t('incidents.conflict', { message: error.message }));
        onReload();
      } else setMessage((error as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const timer = timerText(t, timerOf(incident.state, incident.deadlineAt, now));
  return (
    <section className="incident-detail" data-testid="incident-detail" aria-label={incident.code}>
      <header>
        <h2>{incident.code}</h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t('incidents.cancel')}>
          ×
        </button>
      </header>
      <p>
        <StateChip state={incident.state} /> <strong>{incident.category}</strong>
        {incident.reworkCount > 0 && <span className="rework-badge">{t('incidents.rework', { n: incident.reworkCount })}</span>}
      </p>
      {timer && <p className={incident.overdue ? 'timer overdue' : 'timer'}>{timer}</p>}
      <dl className="incident-facts">
        <dt>{t('incidents.reportedAt')}</dt>
        <dd>{formatTime(incident.reportedAt, locale)}</dd>
        <dt>{t('incidents.channel')}</dt>
        <dd>{incident.channel}</dd>
        {incident.deadlineAt && (
          <>
            <dt>{t('incidents.deadline')}</dt>
            <dd>{formatTime(incident.deadlineAt, locale)}</dd>
          </>
        )}
        <dt>{t('incidents.assignee')}</dt>
        <dd>{incident.assignee?.name ?? t('incidents.unassigned')}</dd>
        <dt>{t('incidents.grid')}</dt>
        <dd>{incident.gridCode ?? '—'}</dd>
        {incident.description && (
          <>
            <dt>{t('incidents.description')}</dt>
            <dd>{incident.description}</dd>
          </>
        )}
      </dl>
      {incident.photos.length > 0 && (
        <div className="incident-photos" aria-label={t('incidents.photos')}>
          {incident.photos.map((p) => (
            <a key={p} href={`/api/incidents/${incident.districtCode}/${incident.id}/photos/${p}`} target="_blank" rel="noreferrer">
              <img src={`/api/incidents/${incident.districtCode}/${incident.id}/photos/${p}`} alt={t('incidents.photos')} />
            </a>
          ))}
        </div>
      )}
      {actions.length > 0 && (
        <div className="incident-actions">
          <textarea
            value={note}
            maxLength={500}
            rows={2}
            placeholder={t('incidents.notePlaceholder')}
            aria-label={t('incidents.note')}
            data-testid="incident-note"
            onChange={(e) => setNote(e.target.value)}
          />
          <div className="action-buttons">
            {actions.map((a) => (
              <button
                key={a}
                type="button"
                className={a === 'voided' || a === 'rework' ? 'danger' : 'primary'}
                disabled={busy}
                data-testid={`action-${a}`}
                onClick={() => (a === 'dispatched' ? setDispatching(true) : void run(a))}
              >
                {t(`incidents.action.${a}` as MessageKey)}
              </button>
            ))}
          </div>
          {busy && <p className="muted">{t('incidents.saving')}</p>}
        </div>
      )}
      {message && (
        <p className="error" role="alert">
          {message}
        </p>
      )}
      <h3>{t('incidents.timeline')}</h3>
      <ol className="incident-timeline" data-testid="incident-timeline">
        {incident.timeline.map((s) => (
          <li key={s.seq}>
            <StateChip state={s.state} /> <time>{formatTime(s.at, locale)}</time> {s.actor ?? s.role}
            {s.assignee && <> → {s.assignee.name}</>}
            {s.note && <div className="timeline-note">{s.note}</div>}
          </li>
        ))}
      </ol>
      {dispatching && (
        <DispatchDialog
          incident={incident}
          onCancel={() => setDispatching(false)}
          onConfirm={(choice) => {
            setDispatching(false);
            void run('dispatched', choice);
          }}
        />
      )}
    </section>
  );
}
