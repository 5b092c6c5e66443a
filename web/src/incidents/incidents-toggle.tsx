/** The top bar's buttons to the dispatcher's view (incidents.dispatch) and the phone page (incidents.write). */
import type { User } from '@gridatlas/api/contract';
import { analystOpenStore } from '../analyst/analyst.store';
import { dashboardOpenStore } from '../dashboard/dashboard.store';
import { useI18n } from '../i18n/locale.store';
import { plannerCommunityStore } from '../planner/planner.store';
import { useStore } from '../state/create-store';
import { dispatchOpenStore, fieldOpenStore } from './incidents.store';

export function IncidentsToggle({ user }: { user: User }) {
  const { t } = useI18n();
  const open = useStore(dispatchOpenStore);
  const planning = useStore(plannerCommunityStore);
  if (planning) return null;
  const canDispatch = user.permissions.includes('incidents.dispatch');
  const canReport = user.permissions.includes('incidents.write');
  return (
    <>
      {canDispatch && (
        <button
          type="button"
          className={'mode-button' + (open ? ' active' : '')}
          aria-pressed={open}
          data-testid="open-dispatch"
          title={open ? t('incidents.close') : t('incidents.openTitle')}
          onClick={() => {
            dashboardOpenStore.set(false);
            analystOpenStore.set(false);
            dispatchOpenStore.set(!open);
          }}
        >
          {open ? t('incidents.close') : t('incidents.open')}
        </button>
      )}
      {canReport && !canDispatch && (
        <button
          type="button"
          className="mode-button"
          data-testid="open-field"
          title={t('incidents.fieldTitle')}
          onClick={() => fieldOpenStore.set(true)}
        >
          {t('incidents.field')}
        </button>
      )}
    </>
  );
}
