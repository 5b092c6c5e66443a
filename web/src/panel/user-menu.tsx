import { useState } from 'react';
import type { User } from '@gridatlas/api/contract';
import { useI18n, type Translate } from '../i18n/locale.store';
import type { MessageKey } from '../i18n/messages';
import { logOut } from '../state/session.store';

const KNOWN_ROLES = ['admin', 'planner', 'analyst', 'leader', 'worker'] as const;

/** A role's name in the UI language; roles an admin added later show their key. */
function roleName(t: Translate, key: string): string {
  return (KNOWN_ROLES as readonly string[]).includes(key) ? t(`role.${key}` as MessageKey) : key;
}

/** Display name and role in the top bar; opens to the username and the logout button. */
export function UserMenu({ user }: { user: User }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const roles = user.roles.map((r) => roleName(t, r)).join('、');
  return (
    <details className="user-menu" data-testid="user-menu">
      <summary title={t('user.menu')}>
        <span className="user-name" data-testid="user-name">
          {user.displayName}
        </span>
        {roles && <span className="user-role">{roles}</span>}
      </summary>
      <div className="user-menu-popover">
        <div className="user-menu-row">
          {t('user.username')}: <code>{user.username}</code>
        </div>
        <button
          type="button"
          data-testid="logout"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void logOut().catch(() => setBusy(false));
          }}
        >
          {t('user.logout')}
        </button>
      </div>
    </details>
  );
}
