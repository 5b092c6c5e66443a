/**
 * The side panel's roster section for users with `staff.read`: the button into the roster view
 * and the staffing layer's switch and legend. While the layer is on, the checks of the selected
 * region are fetched (again when the region changes) and handed to the map through
 * `staffingStatusStore`.
 */
import { useEffect, useState } from 'react';
import type { Region, User } from '@gridatlas/api/contract';
import { useI18n } from '../i18n/locale.store';
import { errorText } from '../panel/error-text';
import { useStore } from '../state/create-store';
import { fetchStaffChecks } from './staff-api';
import {
  rosterOpenStore,
  STAFFING_COLOURS,
  staffingLayerStore,
  staffingStatusStore,
  statusByGrid,
  type StaffingStatus,
} from './staffing.store';

const LEGEND: readonly StaffingStatus[] = ['ok', 'vacant', 'overloaded', 'both'];

export function StaffPanel({ user, region }: { user: User; region: Region }) {
  const { t } = useI18n();
  const layerOn = useStore(staffingLayerStore);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    if (!layerOn) {
      staffingStatusStore.set(null);
      return;
    }
    const abort = new AbortController();
    setError(null);
    fetchStaffChecks(region.code, abort.signal)
      .then((checks) => staffingStatusStore.set(statusByGrid(checks)))
      .catch((e: unknown) => !abort.signal.aborted && setError(e instanceof Error ? e : new Error(String(e))));
    return () => abort.abort();
  }, [layerOn, region.code]);
  if (!user.permissions.includes('staff.read')) return null;
  return (
    <section className="staff-panel" aria-label={t('staff.open')}>
      <button
        type="button"
        className="plan-button"
        data-testid="open-roster"
        title={t('staff.openTitle')}
        onClick={() => rosterOpenStore.set(true)}
      >
        {t('staff.open')}
      </button>
      <label className="staff-layer-toggle" title={t('staff.layerTitle')}>
        <input type="checkbox" checked={layerOn} data-testid="staffing-layer" onChange={(e) => staffingLayerStore.set(e.target.checked)} />{' '}
        {t('staff.layer')}
      </label>
      {layerOn && (
        <ul className="staff-legend" data-testid="staffing-legend">
          {LEGEND.map((s) => (
            <li key={s}>
              <span className="swatch" style={{ background: STAFFING_COLOURS[s] }} /> {t(`staff.legend.${s}`)}
            </li>
          ))}
        </ul>
      )}
      {error && <p className="form-error">{errorText(t, error)}</p>}
    </section>
  );
}
