import { AnalystToggle } from '../analyst/analyst-toggle';
import { ViewTabs } from '../dashboard/view-tabs';
import { IncidentsToggle } from '../incidents/incidents-toggle';
import type { Meta, User } from '@gridatlas/api/contract';
import { useI18n } from '../i18n/locale.store';
import { useStore } from '../state/create-store';
import { panelOpenStore } from '../state/view.store';
import { LocaleSwitch } from './locale-switch';
import { UserMenu } from './user-menu';
import { MyVisitsToggle } from '../visits/my-visits-toggle';

export function TopBar({ meta, user }: { meta: Meta | null; user: User }) {
  const { t } = useI18n();
  const panelOpen = useStore(panelOpenStore);
  return (
    <header className="top-bar">
      <button
        type="button"
        className="icon-button"
        aria-expanded={panelOpen}
        aria-controls="side-panel"
        title={panelOpen ? t('panel.collapse') : t('panel.expand')}
        onClick={() => panelOpenStore.set(!panelOpen)}
      >
        {panelOpen ? '«' : '☰'}
      </button>
      <h1 className="brand">
        <span className="brand-zh">网格图谱</span> <span className="brand-en">GridAtlas</span>
      </h1>
      {meta && <span className="district-name">{meta.district.name}</span>}
      {meta?.synthetic && (
        <span className="badge badge-synthetic" data-testid="synthetic-badge" title={t('app.badge.syntheticTitle')}>
          {t('app.badge.synthetic')}
        </span>
      )}
      <div className="spacer" />
      {user.permissions.includes('dashboard.read') ? <ViewTabs user={user} /> : <AnalystToggle user={user} />}
      <IncidentsToggle user={user} />
      <MyVisitsToggle user={user} />
      <LocaleSwitch />
      <UserMenu user={user} />
    </header>
  );
}
