/**
 * The briefings panel over the analyst map: the list of briefings the user may see (shared
 * within the jurisdiction), newest first, and one briefing's editor.
 */
import './briefings.css';
import { useEffect, useState } from 'react';
import type { BriefingSummary } from '@gridatlas/api/contract';
import { useI18n } from '../i18n/locale.store';
import { useStore } from '../state/create-store';
import { BriefingEditor } from './briefing-editor';
import { briefingsPanelStore } from './briefing.store';
import { fetchBriefings } from './briefings-api';

export function BriefingsPanel() {
  const { t } = useI18n();
  const panel = useStore(briefingsPanelStore);
  if (panel.kind === 'closed') return null;
  return (
    <section className="briefings-panel" data-testid="briefings-panel" aria-label={t('briefing.listTitle')}>
      <header>
        <h2>{t('briefing.listTitle')}</h2>
        <button
          type="button"
          className="link-button"
          data-testid="briefings-close"
          onClick={() => briefingsPanelStore.set({ kind: 'closed' })}
        >
          {t('briefing.close')}
        </button>
      </header>
      {panel.kind === 'list' ? <BriefingList /> : <BriefingEditor key={panel.id} id={panel.id} />}
    </section>
  );
}

function BriefingList() {
  const { t, locale } = useI18n();
  const [list, setList] = useState<BriefingSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    fetchBriefings(abort.signal)
      .then(setList)
      .catch((e: Error) => !abort.signal.aborted && setError(e.message));
    return () => abort.abort();
  }, []);
  if (error) return <p className="analyst-error">{error}</p>;
  if (!list) return <p>{t('app.loading')}</p>;
  if (list.length === 0) return <p className="briefing-hint">{t('briefing.empty')}</p>;
  return (
    <ul className="briefing-list" data-testid="briefing-list">
      {list.map((b) => (
        <li key={b.id}>
          <button type="button" data-testid={`briefing-${b.id}`} onClick={() => briefingsPanelStore.set({ kind: 'editor', id: b.id })}>
            <strong>{b.title}</strong>
            <span>
              {t('briefing.slides', { n: b.slideCount })} · {b.regionName} ·{' '}
              {b.pinnedAsOf ? t('briefing.pinned', { date: b.pinnedAsOf }) : t('briefing.live')}
            </span>
            <small>
              {t('briefing.updated', { who: b.updatedBy, when: new Date(b.updatedAt).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-GB') })}
            </small>
          </button>
        </li>
      ))}
    </ul>
  );
}
