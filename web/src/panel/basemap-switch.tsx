import { lazy, Suspense, useState } from 'react';
import type { Region, User } from '@gridatlas/api/contract';
import { useI18n } from '../i18n/locale.store';
import { availableBasemaps } from '../map/basemap/basemap-choices';
import { basemapStatusStore, basemapStore, chooseBasemap } from '../state/basemap.store';
import { useStore } from '../state/create-store';
import { basemapLabel } from './basemap-label';
import './basemap-panel.css';

const BasemapSettingsDialog = lazy(() => import('./basemap-settings-dialog').then((m) => ({ default: m.BasemapSettingsDialog })));

/** The basemap radio list of the layer panel; admins also open the district's basemap settings from here. */
export function BasemapSwitch({ user, district }: { user: User; district: Region }) {
  const { t } = useI18n();
  const { settings, choice } = useStore(basemapStore);
  const status = useStore(basemapStatusStore);
  const [editing, setEditing] = useState(false);
  const kinds = availableBasemaps(settings);
  const canEdit = user.permissions.includes('basemaps.edit') && user.jurisdictions.some((j) => district.code.startsWith(j));
  if (kinds.length === 1 && !canEdit) return null;
  return (
    <section className="panel-section" aria-labelledby="basemap-title">
      <h2 id="basemap-title">{t('basemap.title')}</h2>
      <ul className="layer-list" data-testid="basemap-switch">
        {kinds.map((kind) => (
          <li key={kind}>
            <label>
              <input
                type="radio"
                name="basemap"
                checked={choice === kind}
                onChange={() => chooseBasemap(kind)}
                data-testid={`basemap-${kind}`}
              />
              {basemapLabel(t, kind, settings?.pmtiles?.file)}
            </label>
          </li>
        ))}
      </ul>
      {status.state === 'loading' && status.kind === choice && <p className="legend-note">{t('basemap.loading')}</p>}
      {status.state === 'degraded' && status.kind === choice && (
        <p className="basemap-panel-notice" role="status" data-testid="basemap-degraded">
          {t('basemap.degraded', { reason: status.reason })}
        </p>
      )}
      {canEdit && (
        <button type="button" className="link-button" onClick={() => setEditing(true)} data-testid="basemap-configure">
          {t('basemap.configure')}
        </button>
      )}
      {editing && (
        <Suspense fallback={null}>
          <BasemapSettingsDialog district={district} onClose={() => setEditing(false)} />
        </Suspense>
      )}
    </section>
  );
}
