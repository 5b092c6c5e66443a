import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/locale.store';
import { useStore } from '../state/create-store';
import { CompareMap } from './compare-map';
import { gridTag } from './grid-label';
import type { PlanDiffResult, PlanRecord } from '@gridatlas/api/contract';
import { fetchDiff } from './plan-api';
import { compareStore } from './planner.store';

/** Two plans side by side: a map of the changed grids and a table of what moved. */
export function CompareView({ plans, bbox }: { plans: readonly PlanRecord[]; bbox: [number, number, number, number] }) {
  const { t } = useI18n();
  const compare = useStore(compareStore);
  const [result, setResult] = useState<PlanDiffResult | { error: string } | null>(null);
  useEffect(() => {
    if (!compare) return;
    const abort = new AbortController();
    setResult(null);
    fetchDiff(compare.planId, compare.against ?? undefined, abort.signal)
      .then(setResult)
      .catch((e: unknown) => !abort.signal.aborted && setResult({ error: e instanceof Error ? e.message : String(e) }));
    return () => abort.abort();
  }, [compare]);
  if (!compare) return null;
  const pick = (v: string) => (v ? Number(v) : null);
  return (
    <section className="compare-view" data-testid="compare-view" aria-label={t('planner.compare')}>
      <header>
        <h2>{t('planner.compare')}</h2>
        <select value={compare.planId} onChange={(e) => compareStore.set({ ...compare, planId: Number(e.target.value) })}>
          {plans.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} · {t(`plan.status.${p.status}`)}
            </option>
          ))}
        </select>
        <span>{t('planner.against')}</span>
        <select value={compare.against ?? ''} onChange={(e) => compareStore.set({ ...compare, against: pick(e.target.value) })}>
          <option value="">{t('planner.inForce')}</option>
          {plans
            .filter((p) => p.id !== compare.planId)
            .map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} · {t(`plan.status.${p.status}`)}
              </option>
            ))}
        </select>
        <button type="button" className="icon-button" aria-label={t('grid.card.close')} onClick={() => compareStore.set(null)}>
          ×
        </button>
      </header>
      {!result && <p>{t('app.loading')}</p>}
      {result && 'error' in result && <p role="alert">{result.error}</p>}
      {result && 'diff' in result && (
        <div className="compare-body">
          {result.diff.added.length + result.diff.removed.length + result.diff.changed.length > 0 ? (
            <CompareMap before={result.before} after={result.after} bbox={bbox} />
          ) : (
            <p className="compare-empty">{t('planner.noChanges')}</p>
          )}
          <table data-testid="compare-table">
            <tbody>
              <tr>
                <th>{t('planner.added')}</th>
                <td>{result.diff.added.length}</td>
                <td className="codes">{result.diff.added.map((c) => gridTag({ code: c, key: c }, t)).join(' ')}</td>
              </tr>
              <tr>
                <th>{t('planner.removed')}</th>
                <td>{result.diff.removed.length}</td>
                <td className="codes">{result.diff.removed.map((c) => gridTag({ code: c, key: c }, t)).join(' ')}</td>
              </tr>
              <tr>
                <th>{t('planner.changed')}</th>
                <td>{result.diff.changed.length}</td>
                <td className="codes">{result.diff.changed.map((c) => gridTag({ code: c, key: c }, t)).join(' ')}</td>
              </tr>
              <tr>
                <th>{t('planner.movedBuildings')}</th>
                <td>{result.diff.buildings}</td>
                <td />
              </tr>
              <tr>
                <th>{t('planner.movedHouseholds')}</th>
                <td>{result.diff.households}</td>
                <td />
              </tr>
              <tr>
                <th>{t('planner.movedPersons')}</th>
                <td>{result.diff.persons}</td>
                <td />
              </tr>
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
