/**
 * "Divide this community" and "Rebalance": starts the engine, shows its progress with a
 * cancel button, then the proposal's summary and its diff against the draft with accept and
 * discard. The proposal itself is drawn by the planner map.
 */
import { useEffect, useState } from 'react';
import type { EngineOutcome, EngineProgress } from '../engine/engine.protocol';
import { useI18n, type Translate } from '../i18n/locale.store';
import type { MessageKey } from '../i18n/messages';
import { useStore } from '../state/create-store';
import { draftStore } from './draft.store';
import { gridTag } from './grid-label';
import {
  acceptAutoPlan,
  autoPlanOptionsStore,
  autoPlanStore,
  cancelAutoPlan,
  discardAutoPlan,
  startAutoPlan,
  type AutoPlanState,
} from './auto-plan.store';
import type { PlannerContext } from './plan-analysis';
import type { PlannerData } from './planner-data';

export function AutoPlanPanel({ editable, ctx, data }: { editable: boolean; ctx: PlannerContext; data: PlannerData }) {
  const { t } = useI18n();
  const state = useStore(autoPlanStore);
  const draft = useStore(draftStore);

  // A preview is of the draft it was computed from: any other edit or undo drops it.
  useEffect(() => {
    if (state.status === 'preview' && state.basis !== draft.grids) discardAutoPlan();
  }, [state, draft.grids]);
  useEffect(() => () => cancelAutoPlan(), []);

  const busy = state.status === 'running' || state.status === 'preview';
  return (
    <section className="auto-plan" data-testid="auto-plan" data-status={state.status} aria-label={t('auto.title')}>
      <Options disabled={!editable || busy} t={t} />
      <div className="auto-plan-buttons">
        <button
          type="button"
          data-testid="auto-divide"
          disabled={!editable || busy}
          title={t('auto.divideHint')}
          onClick={() => startAutoPlan('divide', ctx, data)}
        >
          {t('auto.divide')}
        </button>
        <button
          type="button"
          data-testid="auto-rebalance"
          disabled={!editable || busy || draft.grids.length === 0}
          title={t('auto.rebalanceHint')}
          onClick={() => startAutoPlan('rebalance', ctx, data)}
        >
          {t('auto.rebalance')}
        </button>
      </div>
      {state.status === 'running' && <Running state={state} t={t} />}
      {state.status === 'error' && (
        <div className="planner-message message-error" role="alert" data-testid="auto-error">
          <span>{state.reason === 'stale' ? t('auto.stale') : t('auto.failed', { message: state.message })}</span>
          <button type="button" className="icon-button" aria-label={t('grid.card.close')} onClick={discardAutoPlan}>
            ×
          </button>
        </div>
      )}
      {state.status === 'preview' && <Preview state={state} t={t} />}
    </section>
  );
}

/** Share of the caps a divide plans to: 100% packs grids to the standard. */
const TARGET_FILLS = [1, 0.95, 0.9, 0.85, 0.8, 0.75] as const;
const BALANCES = ['none', 'households', 'persons'] as const;

function Options({ disabled, t }: { disabled: boolean; t: Translate }) {
  const options = useStore(autoPlanOptionsStore);
  return (
    <fieldset className="auto-options" data-testid="auto-options" disabled={disabled}>
      <legend>{t('auto.options')}</legend>
      <label title={t('auto.targetFillHint')}>
        <span>{t('auto.targetFill')}</span>
        <select
          data-testid="auto-target-fill"
          value={String(options.targetFill)}
          onChange={(e) => autoPlanOptionsStore.set((o) => ({ ...o, targetFill: Number(e.target.value) }))}
        >
          {TARGET_FILLS.map((f) => (
            <option key={f} value={String(f)}>
              {t('auto.targetFillValue', { pct: Math.round(f * 100) })}
            </option>
          ))}
        </select>
      </label>
      <label title={t('auto.balanceHint')}>
        <span>{t('auto.balance')}</span>
        <select
          data-testid="auto-balance"
          value={options.balance}
          onChange={(e) => autoPlanOptionsStore.set((o) => ({ ...o, balance: e.target.value as (typeof BALANCES)[number] }))}
        >
          {BALANCES.map((b) => (
            <option key={b} value={b}>
              {t(`auto.balance.${b}`)}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}

function Running({ state, t }: { state: Extract<AutoPlanState, { status: 'running' }>; t: Translate }) {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(performance.now()), 250);
    return () => clearInterval(timer);
  }, []);
  const p: EngineProgress | null = state.progress;
  const determinate = p !== null && p.total > 1;
  return (
    <div className="auto-progress" data-testid="auto-progress" role="status">
      <div className="auto-progress-row">
        <span>{t(`auto.running.${state.kind}`)}</span>
        <span className="auto-phase" data-testid="auto-phase">
          {t(p ? (`auto.phase.${p.phase}` as MessageKey) : 'auto.phase.start')} ·{' '}
          {t('auto.elapsed', { s: ((now - state.started) / 1000).toFixed(1) })}
        </span>
      </div>
      <div className="auto-progress-row">
        {determinate ? <progress max={p.total} value={p.done} /> : <progress />}
        <button type="button" data-testid="auto-cancel" onClick={cancelAutoPlan}>
          {t('auto.cancel')}
        </button>
      </div>
    </div>
  );
}

function Preview({ state, t }: { state: Extract<AutoPlanState, { status: 'preview' }>; t: Translate }) {
  const { outcome, diff } = state;
  const tags = (keys: readonly string[]) => {
    const byKey = new Map([...state.basis, ...state.proposal].map((g) => [g.key, g]));
    return keys.map((k) => (byKey.get(k) ? gridTag(byKey.get(k)!, t) : k)).join(' ');
  };
  const ratio = outcome.lowerBound > 0 ? outcome.grids.length / outcome.lowerBound : 1;
  return (
    <div className="auto-preview" data-testid="auto-preview" data-kind={state.kind}>
      <h4>{t(`auto.preview.${state.kind}`)}</h4>
      <p className="auto-legend">{t('auto.legend')}</p>
      <table>
        <tbody>
          <tr>
            <th>{t('auto.grids')}</th>
            <td data-testid="auto-grids" data-grids={outcome.grids.length} data-lower-bound={outcome.lowerBound}>
              {ratio < 1
                ? t('auto.gridsBelow', { grids: outcome.grids.length, lowerBound: outcome.lowerBound })
                : t('auto.gridsValue', { grids: outcome.grids.length, lowerBound: outcome.lowerBound, pct: Math.round((ratio - 1) * 100) })}
            </td>
          </tr>
          {outcome.kind === 'divide' && <DivideRows outcome={outcome} t={t} />}
          {outcome.kind === 'rebalance' && <RebalanceRows outcome={outcome} t={t} />}
          <tr>
            <th>{t('planner.added')}</th>
            <td data-testid="auto-added">{diff.added.length}</td>
          </tr>
          <tr>
            <th>{t('planner.removed')}</th>
            <td data-testid="auto-removed">
              {diff.removed.length} <span className="codes">{state.kind === 'rebalance' ? tags(diff.removed) : ''}</span>
            </td>
          </tr>
          <tr>
            <th>{t('planner.changed')}</th>
            <td data-testid="auto-changed">
              {diff.changed.length} <span className="codes">{tags(diff.changed)}</span>
            </td>
          </tr>
          <tr>
            <th>{t('auto.householdsMoved')}</th>
            <td data-testid="auto-moved" title={t('auto.householdsMovedHint')}>
              {t('auto.movedValue', { households: diff.matchedHouseholds, buildings: diff.matchedBuildings })}
            </td>
          </tr>
          <tr>
            <th>{t('auto.runTime')}</th>
            <td
              data-testid="auto-ms"
              data-worker-ms={outcome.ms.toFixed(0)}
              data-total-ms={state.ms.total.toFixed(0)}
              data-diff-ms={state.ms.diff.toFixed(0)}
            >
              {t('auto.ms', { ms: outcome.ms.toFixed(0), total: state.ms.total.toFixed(0) })}
            </td>
          </tr>
        </tbody>
      </table>
      <h4>{t('auto.exceptions')}</h4>
      {outcome.exceptions.length === 0 ? (
        <p className="planner-ok" data-testid="auto-no-exceptions">
          {t('auto.noExceptions')}
        </p>
      ) : (
        <ul className="auto-exceptions" data-testid="auto-exceptions">
          {outcome.exceptions.map((e) => (
            <li key={e.unitId} title={e.message}>
              {t('auto.exception', { buildings: (e.buildings ?? [e.unitId]).join('、'), households: e.households, persons: e.persons })}
            </li>
          ))}
        </ul>
      )}
      <div className="auto-plan-buttons">
        <button type="button" className="primary" data-testid="auto-accept" onClick={() => acceptAutoPlan()}>
          {t('auto.accept')}
        </button>
        <button type="button" data-testid="auto-discard" onClick={discardAutoPlan}>
          {t('auto.discard')}
        </button>
      </div>
    </div>
  );
}

function DivideRows({ outcome, t }: { outcome: Extract<EngineOutcome, { kind: 'divide' }>; t: Translate }) {
  const r = outcome.report;
  return (
    <>
      {r.targetFill < 1 && (
        <tr>
          <th>{t('auto.targetFill')}</th>
          <td data-testid="auto-planned-fill" data-target-fill={r.targetFill}>
            {t('auto.targetFillValue', { pct: Math.round(r.targetFill * 100) })}
          </td>
        </tr>
      )}
      <tr>
        <th>{t('auto.spread', { by: t(`auto.spread.${r.balance.by}`) })}</th>
        <td data-testid="auto-spread" data-by={r.balance.by} data-min={r.balance.min} data-max={r.balance.max}>
          {t('auto.spreadValue', { min: r.balance.min, max: r.balance.max, mean: Math.round(r.balance.mean), cv: r.balance.cv.toFixed(2) })}
        </td>
      </tr>
    </>
  );
}

function RebalanceRows({ outcome, t }: { outcome: Extract<EngineOutcome, { kind: 'rebalance' }>; t: Translate }) {
  const r = outcome.report;
  return (
    <>
      <tr>
        <th>{t('auto.violating')}</th>
        <td data-testid="auto-violating">
          {r.violating.length}
          {r.remaining.length ? ` · ${t('auto.remaining', { n: r.remaining.length })}` : ''}
        </td>
      </tr>
      <tr>
        <th>{t('auto.engineMoved')}</th>
        <td data-testid="auto-engine-moved">{t('auto.movedValue', { households: r.householdsMoved, buildings: r.buildingsMoved })}</td>
      </tr>
      <tr>
        <th>{t('auto.touched')}</th>
        <td>{t('auto.touchedValue', { changed: r.changedGrids.length, added: r.addedGrids.length })}</td>
      </tr>
      {outcome.rerun && (
        <tr>
          <th>{t('auto.rerun')}</th>
          <td data-testid="auto-rerun">
            {t('auto.rerunValue', { grids: outcome.rerun.grids, households: outcome.rerun.householdsMoved })}
          </td>
        </tr>
      )}
    </>
  );
}
