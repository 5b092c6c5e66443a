/** The top bar's switch between the map and the analyst view, for roles with analytics.read (hidden while planning). */
import type { User } from '@gridatlas/api/contract';
import { useI18n } from '../i18n/locale.store';
import { plannerCommunityStore } from '../planner/planner.store';
import { useStore } from '../state/create-store';
import { analystOpenStore } from './analyst.store';

export function AnalystToggle({ user }: { user: User }) {
  const { t } = useI18n();
  const open = useStore(analystOpenStore);
  const planning = useStore(plannerCommunityStore);
  if (!user.permissions.includes('analytics.read') || planning) return null;
  return (
    <button
      type="button"
      className={'mode-button' + (open ? ' active' : '')}
      aria-pressed={open}
      data-testid="open-analyst"
      title={open ? t('analyst.close') : t('analyst.openTitle')}
      onClick={() => analystOpenStore.set(!open)}
    >
      {open ? t('analyst.close') : t('analyst.open')}
    </button>
  );
}
