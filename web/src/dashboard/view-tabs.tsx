/**
 * The top bar's switch between the dashboard, the district map and the analyst map, for roles
 * with `dashboard.read` (others keep the analyst toggle). Hidden while planning.
 */
import type { User } from '@gridatlas/api/contract';
import { analystOpenStore } from '../analyst/analyst.store';
import { useI18n } from '../i18n/locale.store';
import { plannerCommunityStore } from '../planner/planner.store';
import { useStore } from '../state/create-store';
import { dashboardOpenStore, showView, type AppView } from './dashboard.store';

export function ViewTabs({ user }: { user: User }) {
  const { t } = useI18n();
  const dashboard = useStore(dashboardOpenStore);
  const analyst = useStore(analystOpenStore);
  const planning = useStore(plannerCommunityStore);
  if (planning) return null;
  const current: AppView = dashboard ? 'dashboard' : analyst ? 'analyst' : 'map';
  const views: AppView[] = ['dashboard', 'map', ...(user.permissions.includes('analytics.read') ? (['analyst'] as const) : [])];
  return (
    <div className="view-tabs" role="tablist" aria-label={t('dashboard.tabs')}>
      {views.map((view) => (
        <button
          key={view}
          type="button"
          role="tab"
          aria-selected={current === view}
          className={'mode-button' + (current === view ? ' active' : '')}
          data-testid={`open-${view}`}
          onClick={() => showView(view)}
        >
          {t(`dashboard.tab.${view}`)}
        </button>
      ))}
    </div>
  );
}
