/**
 * The planner for one community: side panel (plan workflow, tools, grids, problems) and the
 * editing map. Loads the community's layers and its newest draft, then keeps the rule check
 * of the draft current after every edit.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Meta, User } from '@gridatlas/api/contract';
import { useI18n } from '../i18n/locale.store';
import { errorText } from '../panel/error-text';
import { useStore } from '../state/create-store';
import { AutoPlanPanel } from './auto-plan-panel';
import { CompareView } from './compare-view';
import { draftStore } from './draft.store';
import { EditToolbar } from './edit-toolbar';
import { GridTable } from './grid-table';
import type { PlanRecord } from '@gridatlas/api/contract';
import { createPlan, listPlans } from './plan-api';
import { analyseDraft, type PlannerContext } from './plan-analysis';
import { PlanBar } from './plan-bar';
import { openLatestDraft, openPlan } from './plan-session';
import { loadPlannerData, type PlannerData } from './planner-data';
import { PlannerMap } from './planner-map';
import { liveMetricsStore, openPlanStore, toolStore } from './planner.store';
import { ProblemList } from './problem-list';
import { useEditShortcuts } from './use-edit-shortcuts';

export function PlannerView({ communityCode, meta, user }: { communityCode: string; meta: Meta; user: User }) {
  const { t } = useI18n();
  const [loaded, setLoaded] = useState<{ data: PlannerData; ctx: PlannerContext } | null>(null);
  const [plans, setPlans] = useState<PlanRecord[]>([]);
  const [error, setError] = useState<Error | null>(null);
  const draft = useStore(draftStore);
  const plan = useStore(openPlanStore);
  const live = useStore(liveMetricsStore);
  const tool = useStore(toolStore);
  useEditShortcuts();

  useEffect(() => {
    const abort = new AbortController();
    Promise.all([loadPlannerData(communityCode, meta.ruleProfile, abort.signal), openLatestDraft(communityCode, t)])
      .then(([l, p]) => {
        setLoaded(l);
        setPlans(p);
      })
      .catch((e: unknown) => !abort.signal.aborted && setError(e instanceof Error ? e : new Error(String(e))));
    return () => abort.abort();
    // The translator only names a new draft; a locale switch must not reload the planner.
  }, [communityCode, meta]);

  const newDraft = useCallback(async () => {
    const created = await createPlan(communityCode, t('planner.defaultName', { date: new Date().toISOString().slice(0, 10) }), plan?.id);
    setPlans(await listPlans(communityCode));
    await openPlan(created.id);
  }, [communityCode, plan, t]);

  if (error)
    return (
      <div className="toast" role="alert">
        {errorText(t, error)}
      </div>
    );
  if (!loaded) return <div className="map-placeholder">{t('app.loading')}</div>;
  const analysis = analyseDraft(draft.grids, loaded.ctx);
  const editable = plan?.status === 'draft' && user.permissions.includes('plans.edit');
  return (
    <div className="planner" data-testid="planner">
      <aside className="planner-panel">
        <PlanBar
          plans={plans}
          permissions={user.permissions}
          onNewDraft={() => void newDraft().catch((e: unknown) => setError(e as Error))}
        />
        <EditToolbar editable={editable} />
        <AutoPlanPanel editable={editable} ctx={loaded.ctx} data={loaded.data} />
        <p className="planner-hint">{t(`planner.tool.${tool}.hint`)}</p>
        <p className="planner-figures" data-testid="planner-figures">
          {t('planner.figures', {
            grids: draft.grids.length,
            errors: analysis.errors,
            warnings: analysis.warnings,
            ms: analysis.ms.toFixed(0),
          })}
          {live ? ` · ${t('planner.live', { ms: live.ms.toFixed(1) })}` : ''}
        </p>
        <h3>{t('planner.problems')}</h3>
        <ProblemList
          problems={analysis.problems}
          exempt={draft.grids.filter((g) => analysis.metrics.get(g.key)?.load.status === 'exempt').map((g) => g.key)}
        />
        <h3>{t('planner.grids')}</h3>
        <GridTable analysis={analysis} />
      </aside>
      <main className="map-area">
        <PlannerMap key={loaded.ctx.communityCode} meta={meta} data={loaded.data} ctx={loaded.ctx} />
        <CompareView plans={plans} bbox={loaded.data.bbox} />
      </main>
    </div>
  );
}
