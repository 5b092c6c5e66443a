/**
 * The one owner of an automatic divide or rebalance: idle, running in the engine worker
 * (with its progress), a preview of the proposal waiting for accept or discard, or failed.
 * Accepting applies the proposal to the draft store as one undoable edit.
 */
import { runEngine, type EngineRun } from '../engine/engine-client';
import { WorkerCancelled } from '../worker/worker-client';
import type { EngineOutcome, EngineProgress } from '../engine/engine.protocol';
import { createStore } from '../state/create-store';
import { applyEdit, draftStore, type DraftGrids } from './draft.store';
import {
  autoPlanJob,
  DEFAULT_AUTO_PLAN_OPTIONS,
  proposalDiff,
  proposedDraft,
  type AutoPlanKind,
  type AutoPlanOptions,
  type ProposalDiff,
} from './auto-plan-proposal';
import type { PlannerContext } from './plan-analysis';
import type { PlannerData } from './planner-data';
import { focusLocationStore, focusStore, selectionStore } from './planner.store';

export type AutoPlanState =
  | { status: 'idle' }
  | { status: 'running'; kind: AutoPlanKind; progress: EngineProgress | null; started: number }
  | {
      status: 'preview';
      kind: AutoPlanKind;
      basis: DraftGrids;
      proposal: DraftGrids;
      outcome: EngineOutcome;
      diff: ProposalDiff;
      ms: { total: number; diff: number };
    }
  | { status: 'error'; kind: AutoPlanKind; reason: 'failed' | 'stale'; message: string };

export const autoPlanStore = createStore<AutoPlanState>({ status: 'idle' });

/** The Divide options the planner chose (target fill, balance); kept for the session. */
export const autoPlanOptionsStore = createStore<AutoPlanOptions>({ ...DEFAULT_AUTO_PLAN_OPTIONS });

let current: EngineRun | null = null;

export function startAutoPlan(kind: AutoPlanKind, ctx: PlannerContext, data: PlannerData): void {
  current?.cancel();
  const basis = draftStore.get().grids;
  const started = performance.now();
  const run = runEngine(autoPlanJob(kind, basis, ctx, data, autoPlanOptionsStore.get()), (progress) => {
    if (current === run) autoPlanStore.set((s) => (s.status === 'running' ? { ...s, progress } : s));
  });
  current = run;
  // The whole community is about to be proposed anew: a selected or focused grid would only distract.
  selectionStore.set([]);
  focusStore.set([]);
  focusLocationStore.set(null);
  autoPlanStore.set({ status: 'running', kind, progress: null, started });
  run.outcome.then(
    (outcome) => {
      if (current !== run) return;
      current = null;
      if (draftStore.get().grids !== basis) return autoPlanStore.set({ status: 'error', kind, reason: 'stale', message: '' });
      const received = performance.now();
      const proposal = proposedDraft(basis, outcome, ctx);
      const diff = proposalDiff(basis, proposal, ctx);
      const done = performance.now();
      autoPlanStore.set({ status: 'preview', kind, basis, proposal, outcome, diff, ms: { total: done - started, diff: done - received } });
    },
    (error: unknown) => {
      if (current !== run) return;
      current = null;
      if (error instanceof WorkerCancelled) return autoPlanStore.set({ status: 'idle' });
      autoPlanStore.set({ status: 'error', kind, reason: 'failed', message: error instanceof Error ? error.message : String(error) });
    },
  );
}

export function cancelAutoPlan(): void {
  const run = current;
  current = null;
  run?.cancel();
  autoPlanStore.set({ status: 'idle' });
}

/** The proposal becomes the draft (one undo step), if the draft is still what it was computed from. */
export function acceptAutoPlan(): boolean {
  const s = autoPlanStore.get();
  if (s.status !== 'preview' || draftStore.get().grids !== s.basis) return false;
  applyEdit(s.proposal);
  selectionStore.set([]);
  autoPlanStore.set({ status: 'idle' });
  return true;
}

export function discardAutoPlan(): void {
  autoPlanStore.set({ status: 'idle' });
}
