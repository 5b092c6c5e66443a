/**
 * The roster view (issue 18): the workers of the selected region within the user's jurisdiction
 * in a table with filters (name or phone, role, active), editing and adding for roster editors
 * (`staff.edit`), the import of a roster file, and the checks — vacancies, overloads, workers
 * needing a grid, proposals after a plan's approval — whose grids open on the map.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Region, StaffChecks, StaffModel, StaffProposal, User, Worker } from '@gridatlas/api/contract';
import { useI18n } from '../i18n/locale.store';
import { pendingGridLinkStore } from '../state/grid-link';
import { selectRegion } from '../state/view.store';
import { decideProposal, fetchProposals, fetchStaffChecks, fetchStaffModel, fetchWorkers } from './staff-api';
import { RosterChecks } from './roster-checks';
import { ModelEditor } from './model-editor';
import { RosterImport } from './roster-import';
import { placeOf, roleName } from './roster-model';
import { rosterOpenStore, staffingLayerStore } from './staffing.store';
import { WorkerEditor } from './worker-editor';
import './roster.css';

const PAGE = 200;

export function RosterView({ user, region }: { user: User; region: Region }) {
  const { locale, t } = useI18n();
  const [q, setQ] = useState('');
  const [role, setRole] = useState('');
  const [active, setActive] = useState<'' | 'true' | 'false'>('true');
  const [model, setModel] = useState<StaffModel | null>(null);
  const [list, setList] = useState<{ total: number; workers: Worker[] } | null>(null);
  const [checks, setChecks] = useState<StaffChecks | null>(null);
  const [proposals, setProposals] = useState<StaffProposal[]>([]);
  const [editing, setEditing] = useState<Worker | 'new' | null>(null);
  const [modelsOpen, setModelsOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const canEdit = user.permissions.includes('staff.edit');
  const refresh = useCallback(() => setReload((n) => n + 1), []);

  useEffect(() => {
    const abort = new AbortController();
    fetchStaffModel(region.code, abort.signal)
      .then(setModel)
      .catch((e: unknown) => !abort.signal.aborted && setError(String((e as Error).message ?? e)));
    return () => abort.abort();
  }, [region.code, reload]);
  useEffect(() => {
    const abort = new AbortController();
    const timer = setTimeout(() => {
      fetchWorkers(
        { region: region.code, q: q.trim() || undefined, role: role || undefined, active: active || undefined, limit: PAGE },
        abort.signal,
      )
        .then(setList)
        .catch((e: unknown) => !abort.signal.aborted && setError(String((e as Error).message ?? e)));
    }, 200);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [region.code, q, role, active, reload]);
  useEffect(() => {
    const abort = new AbortController();
    Promise.all([fetchStaffChecks(region.code, abort.signal, true), fetchProposals(region.code, abort.signal)])
      .then(([c, p]) => {
        setChecks(c);
        setProposals(p);
      })
      .catch((e: unknown) => !abort.signal.aborted && setError(String((e as Error).message ?? e)));
    return () => abort.abort();
  }, [region.code, reload]);

  const showGrid = (code: string) => {
    staffingLayerStore.set(true);
    rosterOpenStore.set(false);
    selectRegion(code.slice(0, 12));
    pendingGridLinkStore.set(code);
  };
  const decide = (id: number, decision: 'confirm' | 'reject') =>
    void decideProposal(id, decision)
      .then(refresh)
      .catch((e: unknown) => setError(String((e as Error).message ?? e)));
  const sep = locale === 'zh' ? '、' : ', ';

  return (
    <div className="roster-view" data-testid="roster-view">
      <header className="roster-header">
        <button type="button" onClick={() => rosterOpenStore.set(false)} data-testid="roster-back">
          {t('staff.back')}
        </button>
        <h2>
          {t('staff.title')} · {region.name}
        </h2>
        {model && <span className="dialog-hint">{t('staff.model', { name: locale === 'zh' ? model.zh : model.en })}</span>}
        <button type="button" className="link-button" onClick={() => setModelsOpen(true)} data-testid="roster-models">
          {t('staff.models')}
        </button>
      </header>
      {error && (
        <p className="form-error" role="alert" data-testid="roster-error">
          {error}
          <button type="button" className="link-button" onClick={() => setError(null)}>
            ×
          </button>
        </p>
      )}
      <div className="roster-body">
        <section className="roster-main">
          <div className="roster-filters">
            <input
              type="search"
              placeholder={t('staff.search')}
              value={q}
              onChange={(e) => setQ(e.target.value)}
              data-testid="roster-search"
            />
            <select value={role} onChange={(e) => setRole(e.target.value)} aria-label={t('staff.role')} data-testid="roster-role">
              <option value="">{t('staff.allRoles')}</option>
              {model?.roles.map((r) => (
                <option key={r.key} value={r.key}>
                  {roleName(model, r.key, locale)}
                </option>
              ))}
            </select>
            <select value={active} onChange={(e) => setActive(e.target.value as '' | 'true' | 'false')} aria-label={t('staff.status')}>
              <option value="true">{t('staff.active')}</option>
              <option value="false">{t('staff.inactive')}</option>
              <option value="">{t('staff.all')}</option>
            </select>
            {list && <span className="dialog-hint">{t('staff.count', { n: list.total })}</span>}
            <span className="spacer" />
            {canEdit && model && (
              <button type="button" className="primary" onClick={() => setEditing('new')} data-testid="roster-add">
                {t('staff.add')}
              </button>
            )}
          </div>
          <table className="roster-table" data-testid="roster-table">
            <thead>
              <tr>
                <th>{t('staff.name')}</th>
                <th>{t('staff.role')}</th>
                <th>{t('staff.serves')}</th>
                <th>{t('staff.phone')}</th>
                <th>{t('staff.region')}</th>
                {canEdit && <th />}
              </tr>
            </thead>
            <tbody>
              {list?.workers.map((w) => (
                <tr key={`${w.districtCode}-${w.id}`} className={w.active ? undefined : 'inactive'} data-testid="roster-row">
                  <td>
                    {w.name}
                    {!w.active && <span className="dialog-hint"> · {t('staff.inactive')}</span>}
                  </td>
                  <td>{[...new Set(w.assignments.map((a) => roleName(model, a.role, locale)))].join(sep) || '—'}</td>
                  <td className="codes">{w.assignments.map(placeOf).join(sep) || '—'}</td>
                  <td>{w.phone ?? '—'}</td>
                  <td>
                    <code>{w.regionCode}</code>
                  </td>
                  {canEdit && (
                    <td>
                      <button type="button" className="link-button" onClick={() => setEditing(w)} data-testid={`edit-${w.id}`}>
                        {t('staff.edit')}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          {list && list.workers.length === 0 && <p className="dialog-hint">{t('staff.none')}</p>}
        </section>
        <aside className="roster-side">
          {checks && <RosterChecks user={user} checks={checks} proposals={proposals} onShowGrid={showGrid} onDecide={decide} />}
          {canEdit && <RosterImport districtCode={region.code.slice(0, 6)} onImported={refresh} />}
        </aside>
      </div>
      {modelsOpen && <ModelEditor user={user} region={region.code} onClose={() => setModelsOpen(false)} onChanged={refresh} />}
      {editing && model && (
        <WorkerEditor
          model={model}
          worker={editing === 'new' ? null : editing}
          regionCode={region.code}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            refresh();
          }}
        />
      )}
    </div>
  );
}
