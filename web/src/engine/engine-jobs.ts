/**
 * The engine jobs the worker runs, as plain functions (testable without a worker):
 * divide a community from scratch, or rebalance the draft's grids with as little change as
 * possible. Both are core's one entry point per job (`delineateCommunity`,
 * `rebalanceCommunity`), as the API and the command line use them.
 */
import { delineateCommunity, rebalanceCommunity, type EngineUnit } from '@gridatlas/core';
import {
  ENGINE_PHASES,
  type DivideJob,
  type DivideOutcome,
  type EngineJob,
  type EngineOutcome,
  type EnginePhase,
  type EngineProgress,
  type RebalanceJob,
  type RebalanceOutcome,
} from './engine.protocol';

export type ProgressSink = (p: EngineProgress) => void;

/** The engine's `onProgress` option, forwarding its checkpoints (unknown phases as `partition`). */
function engineProgress(progress: ProgressSink) {
  const known = new Set<string>(ENGINE_PHASES);
  return {
    onProgress: (p: { phase: string; done: number; total: number }) =>
      progress({ phase: known.has(p.phase) ? (p.phase as EnginePhase) : 'partition', done: p.done, total: p.total }),
  };
}

export function runJob(job: EngineJob, progress: ProgressSink): EngineOutcome {
  return job.kind === 'divide' ? runDivide(job, progress) : runRebalance(job, progress);
}

export function runDivide(job: DivideJob, progress: ProgressSink): DivideOutcome {
  const started = performance.now();
  const { boundary, streets, buildings, profile, seed } = job.community;
  progress({ phase: 'units', done: 0, total: 1 });
  const result = delineateCommunity({
    boundary,
    streets,
    buildings,
    profile,
    seed,
    ...(job.dedicated.length ? { dedicated: job.dedicated } : {}),
    ...(job.targetFill !== undefined ? { targetFill: job.targetFill } : {}),
    ...(job.balance !== undefined ? { balance: job.balance } : {}),
    ...engineProgress(progress),
  });
  return {
    kind: 'divide',
    grids: result.grids.map((g) => ({
      geometry: g.geometry,
      households: g.households,
      persons: g.persons,
      changed: true,
      ...(g.exception ? { exception: true } : {}),
    })),
    exceptions: result.exceptions,
    lowerBound: result.lowerBound,
    report: result.report,
    ms: performance.now() - started,
  };
}

export function runRebalance(job: RebalanceJob, progress: ProgressSink): RebalanceOutcome {
  const started = performance.now();
  const { boundary, streets, buildings, profile, seed } = job.community;
  progress({ phase: 'units', done: 0, total: 1 });
  // One entry point for every caller: units cut along the streets and the grids' own edges,
  // assigned, rebalanced, and compared with a division from scratch (per building).
  const result = rebalanceCommunity({
    boundary,
    streets,
    buildings,
    plan: job.plan.map((g) => ({
      code: g.code,
      geometry: g.geometry,
      ...(job.locked.includes(g.code) ? { type: 'dedicated' as const } : {}),
    })),
    profile,
    locked: job.locked,
    seed,
    compare: true,
    ...(job.targetFill !== undefined ? { targetFill: job.targetFill } : {}),
    ...engineProgress(progress),
  });
  const planCodes = new Set(job.plan.map((g) => g.code));
  return {
    kind: 'rebalance',
    grids: result.grids.map((g) => {
      const changed = 'changed' in g && g.changed;
      const t = 'households' in g ? g : totalsOf(g.unitIds, result.units);
      return {
        ...(planCodes.has(g.code) ? { code: g.code } : {}),
        geometry: g.geometry,
        households: t.households,
        persons: t.persons,
        changed,
        ...('exception' in g && g.exception ? { exception: true } : {}),
      };
    }),
    exceptions: result.exceptions,
    lowerBound: result.lowerBound,
    report: result.report,
    rerun: result.rerun ? { grids: result.rerun.grids, householdsMoved: result.rerun.householdsMoved } : null,
    ms: performance.now() - started,
  };
}

function totalsOf(ids: readonly string[], units: readonly EngineUnit[]): { households: number; persons: number } {
  const wanted = new Set(ids);
  let households = 0;
  let persons = 0;
  for (const u of units) {
    if (!wanted.has(u.id)) continue;
    households += u.households;
    persons += u.persons;
  }
  return { households, persons };
}
