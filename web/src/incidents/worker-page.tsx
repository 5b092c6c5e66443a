/**
 * The grid worker's phone page (issue 18, 360 px wide and up): their assigned incidents with
 * timers and the steps they may take (start, handled with a note), and reporting an incident at
 * the current position — geolocation, a pin to drag or a tap to move it, a category, a few words
 * and a photo shrunk on the phone before it is sent.
 */
import * as maplibregl from 'maplibre-gl';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { IncidentOptions, IncidentSummary, Region, User } from '@gridatlas/api/contract';
import { ApiError } from '../api/api-client';
import { useI18n } from '../i18n/locale.store';
import { createBaseMap, type BaseMap } from '../map/base-map';
import { fetchIncidentGrids, showIncidentGrids, styleIncidentGrids } from './incident-grids.layer';
import { formatTime, StateChip } from './incident-detail';
import { timerOf, timerText } from './incident-timer';
import { fetchIncidentOptions, fetchMine, reportIncident, transition, type MyIncidents } from './incidents-api';
import { shrinkPhoto } from './photo-shrink';
import { MyVisitsView } from '../visits/my-visits-view';
import './incidents.css';

type Tab = 'mine' | 'report' | 'visits';

function AssignedCard({ incident, now, onDone }: { incident: IncidentSummary; now: number; onDone: () => void }) {
  const { t, locale } = useI18n();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const timer = timerText(t, timerOf(incident.state, incident.deadlineAt, now));
  async function step(to: 'in_progress' | 'feedback') {
    setBusy(true);
    setMessage(null);
    try {
      const position = await currentPosition().catch(() => null);
      await transition(incident, {
        to,
        version: incident.version,
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(position ? { position: position.lngLat } : {}),
      });
      onDone();
    } catch (error) {
      setMessage(
        error instanceof ApiError && error.status === 409 ? t('incidents.conflict', { message: error.message }) : (error as Error).message,
      );
      if (error instanceof ApiError && error.status === 409) onDone();
    } finally {
      setBusy(false);
    }
  }
  return (
    <li className="field-card" data-testid="assigned-incident">
      <div className="row-top">
        <StateChip state={incident.state} /> <strong>{incident.category}</strong>
      </div>
      <div className="muted">
        {incident.code} · {formatTime(incident.reportedAt, locale)}
      </div>
      {incident.description && <p>{incident.description}</p>}
      {timer && <p className={incident.overdue ? 'timer overdue' : 'timer'}>{timer}</p>}
      {(incident.state === 'dispatched' || incident.state === 'in_progress') && (
        <>
          <textarea
            rows={2}
            maxLength={500}
            value={note}
            placeholder={t('field.handledNote')}
            aria-label={t('field.handledNote')}
            onChange={(e) => setNote(e.target.value)}
          />
          <div className="action-buttons">
            {incident.state === 'dispatched' && (
              <button type="button" disabled={busy} onClick={() => void step('in_progress')}>
                {t('field.start')}
              </button>
            )}
            <button type="button" className="primary" disabled={busy} data-testid="mark-handled" onClick={() => void step('feedback')}>
              {t('field.handled')}
            </button>
          </div>
        </>
      )}
      {message && (
        <p className="error" role="alert">
          {message}
        </p>
      )}
    </li>
  );
}

interface Fix {
  lngLat: [number, number];
  accuracy: number;
}

function currentPosition(): Promise<Fix> {
  return new Promise((resolve, reject) => {
    if (!navigator.geolocation) return reject(new Error('geolocation unavailable'));
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lngLat: [p.coords.longitude, p.coords.latitude], accuracy: p.coords.accuracy }),
      (e) => reject(new Error(e.message || 'denied')),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 30_000 },
    );
  });
}

function ReportForm({ district, onReported }: { district: Region; onReported: (code: string) => void }) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const base = useRef<BaseMap | null>(null);
  const marker = useRef<maplibregl.Marker | null>(null);
  const [position, setPosition] = useState<[number, number] | null>(null);
  const [locating, setLocating] = useState<string>(t('field.locating'));
  const [options, setOptions] = useState<IncidentOptions | null>(null);
  const [category, setCategory] = useState('');
  const [description, setDescription] = useState('');
  const [photo, setPhoto] = useState<Blob | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const place = useCallback((lngLat: [number, number]) => {
    setPosition(lngLat);
    const map = base.current?.map;
    if (!map) return;
    if (!marker.current) {
      marker.current = new maplibregl.Marker({ draggable: true, color: '#dc2626' }).setLngLat(lngLat).addTo(map);
      marker.current.on('dragend', () => {
        const p = marker.current!.getLngLat();
        setPosition([p.lng, p.lat]);
      });
    } else marker.current.setLngLat(lngLat);
  }, []);

  useEffect(() => {
    if (!box.current) return;
    const b = createBaseMap({
      container: box.current,
      bounds: district.bbox as [number, number, number, number],
      padding: 10,
      underFillRatio: 0.5,
      householdUnit: t('label.households'),
      personUnit: t('label.persons'),
      testHook: true,
      mapOptions: { cooperativeGestures: false },
    });
    base.current = b;
    b.map.on('click', (e) => place([e.lngLat.lng, e.lngLat.lat]));
    const abort = new AbortController();
    void b.loaded.then(() => {
      // The grids of their jurisdiction under the pin: which grid the report falls in.
      styleIncidentGrids(b.map);
      fetchIncidentGrids(district.code, abort.signal)
        .then((grids) => (base.current === b ? showIncidentGrids(b.map, grids) : undefined))
        .catch(() => undefined);
      b.markReady();
      currentPosition()
        .then((fix) => {
          setLocating(t('field.located', { m: Math.round(fix.accuracy) }));
          place(fix.lngLat);
          b.map.jumpTo({ center: fix.lngLat, zoom: 17 });
        })
        .catch((e: unknown) => setLocating(t('field.locateFailed', { message: (e as Error).message })));
    });
    return () => {
      abort.abort();
      marker.current = null;
      base.current = null;
      b.destroy();
    };
    // One map per page; the labels' language does not remake it.
  }, [district.code, place]);

  useEffect(() => {
    const abort = new AbortController();
    fetchIncidentOptions(district.code, null, abort.signal)
      .then(setOptions)
      .catch(() => undefined);
    return () => abort.abort();
  }, [district.code]);

  async function submit() {
    if (!position || !category) return;
    setMessage(null);
    setProgress(0);
    try {
      const created = await reportIncident({ position, category, description, photo }, setProgress);
      setDescription('');
      setPhoto(null);
      setCategory('');
      onReported(created.code);
    } catch (error) {
      setMessage((error as Error).message);
    } finally {
      setProgress(null);
    }
  }

  return (
    <form
      className="field-report"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div ref={box} className="field-map" data-testid="field-map" />
      <p className="muted" data-testid="field-location">
        {locating}
        {position && ` · ${position[0].toFixed(5)}, ${position[1].toFixed(5)}`}
      </p>
      <label>
        {t('field.category')}
        <select required value={category} data-testid="field-category" onChange={(e) => setCategory(e.target.value)}>
          <option value="">{t('field.pickCategory')}</option>
          {options?.categories.map((c) => (
            <option key={c.category} value={c.category}>
              {c.category}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('field.description')}
        <textarea
          rows={3}
          maxLength={500}
          value={description}
          data-testid="field-description"
          onChange={(e) => setDescription(e.target.value)}
        />
      </label>
      <label className="photo-input">
        {t('field.photo')}
        <input
          type="file"
          accept="image/jpeg,image/png,image/webp"
          capture="environment"
          data-testid="field-photo"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void shrinkPhoto(file).then(setPhoto);
          }}
        />
        {photo && <span className="muted">{t('field.photoChosen', { kb: Math.ceil(photo.size / 1024) })}</span>}
      </label>
      <button type="submit" className="primary big" disabled={!position || !category || progress !== null} data-testid="field-submit">
        {progress !== null ? t('field.submitting') : t('field.submit')}
      </button>
      {message && (
        <p className="error" role="alert">
          {message}
        </p>
      )}
    </form>
  );
}

/**
 * The tabs a user's permissions open: their incidents and reporting (`incidents.write`), their
 * visits due (`visits.record`). One phone page for both, so a worker never meets the desktop
 * top bar at 360 px.
 */
export function workerTabs(permissions: readonly string[]): Tab[] {
  return [
    ...(permissions.includes('incidents.write') ? (['mine', 'report'] as const) : []),
    ...(permissions.includes('visits.record') ? (['visits'] as const) : []),
  ];
}

export function WorkerPage({
  user,
  district,
  initialTab,
  onClose,
}: {
  user: User;
  district: Region;
  initialTab?: Tab;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const tabs = workerTabs(user.permissions);
  const [tab, setTab] = useState<Tab>(initialTab && tabs.includes(initialTab) ? initialTab : (tabs[0] ?? 'mine'));
  const incidents = tabs.includes('mine');
  const [mine, setMine] = useState<MyIncidents | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const load = useCallback(() => {
    setNow(Date.now());
    fetchMine()
      .then(setMine)
      .catch((e: unknown) => setError((e as Error).message));
  }, []);
  useEffect(() => {
    if (incidents) load();
  }, [incidents, load]);
  return (
    <div className="worker-page" data-testid="worker-page">
      <header className="worker-header">
        <button type="button" className="icon-button" onClick={onClose} aria-label={t('field.back')}>
          ‹
        </button>
        <h1>{t('field.title')}</h1>
        <span className="muted">{mine?.staff?.name}</span>
      </header>
      <nav className="worker-tabs" role="tablist">
        {tabs.map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            aria-selected={tab === k}
            className={tab === k ? 'active' : ''}
            data-testid={`field-tab-${k}`}
            onClick={() => setTab(k)}
          >
            {k === 'mine'
              ? `${t('field.mine')}${mine ? ` (${mine.assigned.length})` : ''}`
              : k === 'report'
                ? t('field.report')
                : t('field.visits')}
          </button>
        ))}
      </nav>
      {notice && (
        <p className="notice" role="status" data-testid="field-notice">
          {notice}
        </p>
      )}
      {error && <p className="error">{error}</p>}
      {tab === 'visits' ? (
        <MyVisitsView districtCode={district.code} />
      ) : tab === 'mine' ? (
        <div className="worker-list">
          {mine && !mine.staff && <p className="muted">{t('field.noStaff')}</p>}
          {mine?.staff && mine.assigned.length === 0 && <p className="muted">{t('field.noneAssigned')}</p>}
          <ul>
            {mine?.assigned.map((i) => (
              <AssignedCard key={`${i.id}-${i.version}`} incident={i} now={now} onDone={load} />
            ))}
          </ul>
          {mine && mine.reported.length > 0 && (
            <>
              <h2>{t('field.recent')}</h2>
              <ul className="recent">
                {mine.reported.map((i) => (
                  <li key={i.id}>
                    <StateChip state={i.state} /> {i.category} <span className="muted">{i.code}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      ) : (
        <ReportForm
          district={district}
          onReported={(code) => {
            setNotice(t('field.submitted', { code }));
            setTab('mine');
            load();
          }}
        />
      )}
    </div>
  );
}
