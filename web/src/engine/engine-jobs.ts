/**
 * The engine jobs the worker runs, as plain functions (testable without a worker):
 * divide a community from scratch, or rebalance the draft's grids with as little change as
 * possible. For a rebalance the draft's grid edges are added to the streets as cut lines,
 * so every unit face lies inside one grid and is assigned to it by its representative point.
 */
import {
  assignmentMoves,
  buildUnits,
  REBALANCE_UNIT_SHARE,
  delineate,
  delineateCommunity,
  geometryBBox,
  gridLowerBound,
  pointInPolygon,
  rebalance,
  representativePoint,
  type EngineUnit,
  type Polygon,
} from '@gridatlas/core';
import { ENGINE_PHASES, type DivideJob, type DivideOutcome, type EngineJob, type EngineOutcome, type EnginePhase, type EngineProgress, type RebalanceJob, type RebalanceOutcome } from './engine.protocol';

export type ProgressSink = (p: EngineProgress) => void;

/** The engine's `onProgress` option, forwarding its checkpoints (as phase `as` when given; unknown phases as `partition`). */
function engineProgress(progress: ProgressSink, as?: EnginePhase) {
  const known = new Set<string>(ENGINE_PHASES);
  return {
    onProgress: (p: { phase: string; done: number; total: number }) =>
      progress({ phase: as ?? (known.has(p.phase) ? (p.phase as EnginePhase) : 'partition'), done: p.done, total: p.total }),
  };
}

export function runJob(job: EngineJob, progress: ProgressSink): EngineOutcome {
  return job.kind === 'divide' ? runDivide(job, progress) : runRebalance(job, progress);
}

export function runDivide(job: DivideJob, progress: ProgressSink): DivideOutcome {
  const started = performance.now();
  const { boundary, streets, buildings, profile, seed } = job.community;
  progress({ phase: 'units', done: 0, total: 1 });
  const result = delineateCommunity({ boundary, streets, buildings, profile, seed, ...(job.dedicated.length ? { dedicated: job.dedicated } : {}), ...engineProgress(progress) });
  return {
    kind: 'divide',
    grids: result.grids.map((g) => ({ geometry: g.geometry, households: g.households, persons: g.persons, changed: true, ...(g.exception ? { exception: true } : {}) })),
    exceptions: result.exceptions,
    lowerBound: result.lowerBound,
    report: result.report,
    ms: performance.now() - started,
  };
}

export function runRebalance(job: RebalanceJob, progress: ProgressSink): RebalanceOutcome {
  const started = performance.now();
  const { boundary, streets, buildings, profile, seed } = job.community;
  const run = engineProgress(progress);
  progress({ phase: 'units', done: 0, total: 1 });
  // The grid outlines cut the units, so no unit straddles two grids and untouched grids keep their edges.
  const built = buildUnits({
    boundary,
    streets,
    outlines: job.plan.map((g) => g.geometry),
    buildings,
    maxUnitHouseholds: Math.max(1, Math.floor(profile.maxHouseholds * REBALANCE_UNIT_SHARE)),
    ...(profile.combine === 'all' ? { maxUnitPersons: Math.max(1, Math.floor(profile.maxPersons * REBALANCE_UNIT_SHARE)) } : {}),
    ...run,
  });
  const { units, adjacency } = built;

  progress({ phase: 'assign', done: 0, total: 1 });
  const gridOfUnit = assignUnits(units, job.plan);
  const unitIds = job.plan.map((): string[] => []);
  gridOfUnit.forEach((gi, u) => gi >= 0 && unitIds[gi]!.push(units[u]!.id));

  progress({ phase: 'rebalance', done: 0, total: 1 });
  const result = rebalance({
    plan: job.plan.map((g, gi) => ({ code: g.code, geometry: g.geometry, unitIds: unitIds[gi]! })),
    units,
    adjacency,
    profile,
    locked: job.locked,
    seed,
    ...run,
  });

  // A from-scratch divide of the same units, charged by matching its grids to the old ones.
  progress({ phase: 'compare', done: 0, total: 1 });
  const locked = job.plan.filter((g) => job.locked.includes(g.code)).map((g) => ({ code: g.code, geometry: g.geometry, communityCode: '' }));
  const fresh = delineate({ boundary, units, adjacency, profile, seed, ...(locked.length ? { locked } : {}), ...engineProgress(progress, 'compare') });
  const before = new Map<string, string>();
  gridOfUnit.forEach((gi, u) => gi >= 0 && before.set(units[u]!.id, job.plan[gi]!.code));
  const after = new Map<string, string>();
  fresh.grids.forEach((g, i) => g.unitIds.forEach((id) => after.set(id, String(i))));
  const households = new Map(units.map((u) => [u.id, u.households]));
  const rerunMoved = assignmentMoves(before, after, households).households;

  const planCodes = new Set(job.plan.map((g) => g.code));
  return {
    kind: 'rebalance',
    grids: result.grids.map((g) => {
      const changed = 'changed' in g && g.changed;
      const t = 'households' in g ? g : totalsOf(g.unitIds, units);
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
    lowerBound: gridLowerBound(units, profile),
    report: result.report,
    rerun: { grids: fresh.grids.length, householdsMoved: rerunMoved },
    ms: performance.now() - started,
  };
}

/** Each unit's grid: the plan grid containing its representative point (-1 for none). */
export function assignUnits(units: readonly EngineUnit[], plan: readonly { geometry: Polygon }[]): Int32Array {
  const boxes = plan.map((g) => geometryBBox(g.geometry));
  return Int32Array.from(units, (u) => {
    const p = representativePoint(u.geometry.coordinates);
    return plan.findIndex((g, i) => {
      const b = boxes[i]!;
      return p[0] >= b[0] && p[0] <= b[2] && p[1] >= b[1] && p[1] <= b[3] && pointInPolygon(p, g.geometry);
    });
  });
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
