/** The top bar's button to a grid worker's "my visits due" page (visits.record; hidden while planning). */
import type { User } from '@gridatlas/api/contract';
import { useI18n } from '../i18n/locale.store';
import { plannerCommunityStore } from '../planner/planner.store';
import { useStore } from '../state/create-store';
import { myVisitsOpenStore } from './my-visits.store';

export function MyVisitsToggle({ user }: { user: User }) {
  const { t } = useI18n();
  const open = useStore(myVisitsOpenStore);
  const planning = useStore(plannerCommunityStore);
  if (!user.permissions.includes('visits.record') || planning) return null;
  return (
    <button
      type="button"
      className={'mode-button' + (open ? ' active' : '')}
      aria-pressed={open}
      data-testid="open-my-visits"
      title={open ? t('visits.mine.close') : t('visits.mine.openTitle')}
      onClick={() => myVisitsOpenStore.set(!open)}
    >
      {open ? t('visits.mine.close') : t('visits.mine.open')}
    </button>
  );
}
