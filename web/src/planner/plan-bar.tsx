import { useI18n } from '../i18n/locale.store';
import { useStore } from '../state/create-store';
import { draftStore } from './draft.store';
import type { PlanRecord } from '@gridatlas/api/contract';
import { movePlan, openPlan, saveDraft } from './plan-session';
import { compareStore, messageStore, openPlanStore, plannerCommunityStore } from './planner.store';

/** The plan workflow: which plan is open, save, submit, approve, archive, compare, leave. */
export function PlanBar({
  plans,
  permissions,
  onNewDraft,
}: {
  plans: readonly PlanRecord[];
  permissions: readonly string[];
  onNewDraft(): void;
}) {
  const { t } = useI18n();
  const plan = useStore(openPlanStore);
  const draft = useStore(draftStore);
  const message = useStore(messageStore);
  const dirty = draft.grids !== draft.saved;
  const can = (p: string) => permissions.includes(p);
  const isDraft = plan?.status === 'draft';
  return (
    <div className="plan-bar" data-testid="plan-bar">
      <div className="plan-row">
        <select data-testid="pick-plan" value={plan?.id ?? ''} onChange={(e) => void openPlan(Number(e.target.value))}>
          {plans.map((listed) => {
            // The open plan moves on (saves, submit…) while the list is as it was loaded.
            const p = plan && plan.id === listed.id ? plan : listed;
            return (
              <option key={p.id} value={p.id}>
                {p.name} · {t(`plan.status.${p.status}`)} · v{p.version}
              </option>
            );
          })}
        </select>
        <button type="button" onClick={onNewDraft} disabled={!can('plans.edit')}>
          {t('planner.newDraft')}
        </button>
        <button type="button" onClick={() => plannerCommunityStore.set(null)}>
          {t('planner.close')}
        </button>
      </div>
      {plan && (
        <div className="plan-row">
          <span className={`plan-status status-${plan.status}`} data-testid="plan-status">
            {t(`plan.status.${plan.status}`)} · v{plan.version}
            {dirty ? ` · ${t('planner.unsaved')}` : ''}
          </span>
          <button type="button" data-testid="save" disabled={!isDraft || !dirty || !can('plans.edit')} onClick={() => void saveDraft(t)}>
            {t('planner.save')}
          </button>
          <button type="button" disabled={!isDraft || dirty || !can('plans.submit')} onClick={() => void movePlan('submit', t)}>
            {t('planner.submit')}
          </button>
          {can('plans.approve') && (
            <button type="button" disabled={plan.status !== 'submitted'} onClick={() => void movePlan('approve', t)}>
              {t('planner.approve')}
            </button>
          )}
          <button
            type="button"
            disabled={plan.status === 'archived' || plan.status === 'approved' || !can('plans.edit')}
            onClick={() => void movePlan('archive', t)}
          >
            {t('planner.archive')}
          </button>
          <button type="button" data-testid="compare" onClick={() => compareStore.set({ planId: plan.id, against: null })}>
            {t('planner.compare')}
          </button>
        </div>
      )}
      {message && (
        <div className={`planner-message message-${message.kind}`} role="status" data-testid="planner-message">
          <span>{message.text}</span>
          {message.kind === 'conflict' && (
            <>
              <ul>
                {message.since.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
              <button type="button" onClick={() => plan && void openPlan(plan.id).then(() => messageStore.set(null))}>
                {t('planner.reload')}
              </button>
            </>
          )}
          {message.kind === 'rejected' && (
            <ul>
              {message.problems.map((p, i) => (
                <li key={i}>{p.message}</li>
              ))}
            </ul>
          )}
          <button type="button" className="icon-button" aria-label={t('grid.card.close')} onClick={() => messageStore.set(null)}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
