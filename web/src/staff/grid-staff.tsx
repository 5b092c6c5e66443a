/**
 * The grid card's staff (issue 18): who serves the grid (name, role, work phone; via its zone
 * or community when so) and which required roles are vacant. Read from the roster checks of
 * the grid's community, for users with `staff.read` only.
 */
import { useEffect, useState } from 'react';
import type { GridStaffing, StaffModel, User } from '@gridatlas/api/contract';
import { useI18n } from '../i18n/locale.store';
import { fetchStaffChecks } from './staff-api';

export function GridStaff({ user, code }: { user: User; code: string }) {
  const { locale, t } = useI18n();
  const [state, setState] = useState<{ grid: GridStaffing | null; model: StaffModel } | null>(null);
  const entitled = user.permissions.includes('staff.read') && user.jurisdictions.some((j) => code.startsWith(j));
  useEffect(() => {
    if (!entitled) return;
    const abort = new AbortController();
    setState(null);
    fetchStaffChecks(code.slice(0, 12), abort.signal)
      .then((checks) => setState({ grid: checks.grids.find((g) => g.code === code) ?? null, model: checks.model }))
      .catch(() => undefined);
    return () => abort.abort();
  }, [code, entitled]);
  if (!entitled || !state?.grid) return null;
  const roleName = (key: string) => {
    const r = state.model.roles.find((x) => x.key === key);
    return r ? (locale === 'zh' ? r.zh : r.en) : key;
  };
  const { grid } = state;
  return (
    <section className="grid-staff" data-testid="grid-staff">
      <h3>{t('staff.card.title')}</h3>
      {grid.staff.length === 0 ? (
        <p className="dialog-hint">{t('staff.card.none')}</p>
      ) : (
        <ul>
          {grid.staff.map((s) => (
            <li key={`${s.role}-${s.id}`}>
              <span className="staff-role">{roleName(s.role)}</span> {s.name}
              {s.via !== 'grid' && <span className="dialog-hint">{t(`staff.via.${s.via}`)}</span>}
              {s.phone && <span className="staff-phone"> {s.phone}</span>}
            </li>
          ))}
        </ul>
      )}
      <p className={grid.missing.length ? 'staff-missing' : 'staff-complete'} data-testid="grid-staff-missing">
        {grid.missing.length
          ? t('staff.card.missing', { roles: grid.missing.map(roleName).join(locale === 'zh' ? '、' : ', ') })
          : t('staff.card.complete')}
      </p>
    </section>
  );
}
