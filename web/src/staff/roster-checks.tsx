/**
 * The roster view's checks: grids with a vacant role, overloaded workers, workers needing a
 * grid, and the assignments proposed after a plan's approval (confirm or reject, with
 * `staff.edit` or `plans.edit`). A grid opens on the map, its card showing its staff.
 */
import type { StaffChecks, StaffProposal, User } from '@gridatlas/api/contract';
import { useI18n } from '../i18n/locale.store';
import { roleName } from './roster-model';

export interface RosterChecksProps {
  user: User;
  checks: StaffChecks;
  proposals: readonly StaffProposal[];
  onShowGrid(code: string): void;
  onDecide(id: number, decision: 'confirm' | 'reject'): void;
}

export function RosterChecks({ user, checks, proposals, onShowGrid, onDecide }: RosterChecksProps) {
  const { locale, t } = useI18n();
  const name = (key: string) => roleName(checks.model, key, locale);
  const sep = locale === 'zh' ? '、' : ', ';
  const vacant = checks.grids.filter((g) => g.missing.length > 0);
  const mayDecide = user.permissions.includes('staff.edit') || user.permissions.includes('plans.edit');
  const limit = (n: number | null) => (n === null ? t('staff.noLimit') : n.toLocaleString());
  return (
    <section className="roster-checks" data-testid="roster-checks">
      <h3>{t('staff.checks')}</h3>
      {proposals.length > 0 && (
        <details open data-testid="roster-proposals">
          <summary>{t('staff.proposals', { n: proposals.length })}</summary>
          <ul>
            {proposals.map((p) => (
              <li key={p.id}>
                {p.kind === 'grid' &&
                  t('staff.proposal', {
                    name: p.staffName,
                    role: name(p.role),
                    from: p.fromGridCode ?? '',
                    to: p.gridName ?? p.gridCode ?? '',
                  })}
                {p.kind === 'zone' &&
                  t('staff.proposalZone', { name: p.staffName, role: name(p.role), from: p.fromZoneCode ?? '', to: p.zoneCode ?? '' })}
                {p.kind === 'needs_zone' &&
                  t('staff.proposalNeedsZone', {
                    name: p.staffName,
                    role: name(p.role),
                    from: p.fromZoneCode ?? '',
                    grids: p.successorGrids.join(sep),
                  })}
                <span className="dialog-hint"> · {t('staff.shared', { m2: Math.round(p.sharedM2).toLocaleString() })}</span>
                {mayDecide && p.kind === 'needs_zone' && (
                  <span className="roster-actions">
                    <button type="button" onClick={() => onDecide(p.id, 'reject')} data-testid={`dismiss-${p.id}`}>
                      {t('staff.dismiss')}
                    </button>
                  </span>
                )}
                {mayDecide && p.kind !== 'needs_zone' && (
                  <span className="roster-actions">
                    <button type="button" className="primary" onClick={() => onDecide(p.id, 'confirm')} data-testid={`confirm-${p.id}`}>
                      {t('staff.confirm')}
                    </button>
                    <button type="button" onClick={() => onDecide(p.id, 'reject')}>
                      {t('staff.reject')}
                    </button>
                  </span>
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
      <details open data-testid="roster-vacancies">
        <summary>{t('staff.vacancies', { n: vacant.length })}</summary>
        {vacant.length === 0 ? (
          <p className="dialog-hint">{t('staff.noVacancies')}</p>
        ) : (
          <ul>
            {vacant.map((g) => (
              <li key={g.code}>
                <button type="button" className="link-button" onClick={() => onShowGrid(g.code)} title={t('staff.showOnMap')}>
                  {g.name} <code>{g.code}</code>
                </button>{' '}
                <span className="staff-missing">{t('staff.missing', { roles: g.missing.map(name).join(sep) })}</span>
              </li>
            ))}
          </ul>
        )}
      </details>
      <details open data-testid="roster-overloaded">
        <summary>{t('staff.overloaded', { n: checks.overloaded.length })}</summary>
        {checks.overloaded.length === 0 ? (
          <p className="dialog-hint">{t('staff.noOverload')}</p>
        ) : (
          <ul>
            {checks.overloaded.map((w) => {
              const first = checks.grids.find((g) => g.staff.some((s) => s.id === w.id && s.role === w.role));
              return (
                <li key={`${w.id}-${w.role}`}>
                  <strong>{w.name}</strong> · {name(w.role)} ·{' '}
                  {t('staff.load', {
                    grids: w.grids,
                    maxGrids: limit(w.maxGrids),
                    households: w.households.toLocaleString(),
                    maxHouseholds: limit(w.maxHouseholds),
                  })}
                  {w.workload !== null && ` · ${t('staff.workload', { n: w.workload.toFixed(2) })}`}
                  {first && (
                    <button type="button" className="link-button" onClick={() => onShowGrid(first.code)}>
                      {t('staff.showOnMap')}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </details>
      <details open data-testid="roster-needs-grid">
        <summary>{t('staff.needsGrid', { n: checks.needsGrid.length })}</summary>
        {checks.needsGrid.length === 0 ? (
          <p className="dialog-hint">{t('staff.noNeedsGrid')}</p>
        ) : (
          <ul>
            {checks.needsGrid.map((w) => (
              <li key={w.id}>
                <strong>{w.name}</strong> ·{' '}
                {w.lostGrids.length ? t('staff.lostGrids', { codes: w.lostGrids.join(sep) }) : t('staff.noAssignment')}
                {w.pendingProposals > 0 && <span className="staff-missing"> · {t('staff.pending', { n: w.pendingProposals })}</span>}
              </li>
            ))}
          </ul>
        )}
      </details>
    </section>
  );
}
