/**
 * Messages between the planner and the engine worker. A job carries one community's data
 * (WGS84 `[lng, lat]` degrees; households and persons are counts); the worker answers with
 * progress messages, then one result or one error (the envelope is ../worker/worker-protocol.ts).
 * Cancelling terminates the worker.
 */
import type {
  BalanceBy,
  DelineateReport,
  MultiPolygon,
  EngineException,
  LineString,
  PlanGrid,
  PlanUnit,
  Polygon,
  RebalanceReport,
  RuleProfile,
} from '@gridatlas/core';

export interface EngineCommunity {
  boundary: Polygon;
  /** Street centrelines near the community. */
  streets: LineString[];
  /** Buildings with households, persons and footprints. */
  buildings: PlanUnit[];
  profile: RuleProfile;
  seed: number;
}

export interface DivideJob {
  kind: 'divide';
  community: EngineCommunity;
  /** Dedicated grids (专属网格) kept as they are and carved out first. */
  dedicated: PlanGrid[];
  /** Plan grids to this share of the caps (0 < f ≤ 1; default 1, packed). */
  targetFill?: number;
  /** Even out households or persons between the grids (default none). */
  balance?: BalanceBy | 'none';
}

export interface RebalanceJob {
  kind: 'rebalance';
  community: EngineCommunity;
  /** The draft's grids of the community, `code` = the draft key. */
  plan: { code: string; geometry: Polygon | MultiPolygon }[];
  /** Keys of grids that must not change (dedicated grids). */
  locked: string[];
  /** Target fill of the from-scratch comparison (the division the planner would make now). */
  targetFill?: number;
}

export type EngineJob = DivideJob | RebalanceJob;

/** Steps of a run: the engine's own checkpoints plus `assign` and `compare` (rebalance). */
export const ENGINE_PHASES = ['units', 'assign', 'partition', 'repair', 'search', 'outline', 'rebalance', 'compare'] as const;
export type EnginePhase = (typeof ENGINE_PHASES)[number];

export interface EngineProgress {
  phase: EnginePhase;
  /** Pieces of this phase done, of `total`. */
  done: number;
  total: number;
}

/** A proposed grid; `code` is the draft key it keeps (rebalance), absent for a new grid. */
export interface ProposedGrid {
  code?: string;
  /** A MultiPolygon only when a unit has islands. */
  geometry: Polygon | MultiPolygon;
  households: number;
  persons: number;
  /** False: an untouched grid of the draft (rebalance). */
  changed: boolean;
  exception?: boolean;
}

export interface DivideOutcome {
  kind: 'divide';
  grids: ProposedGrid[];
  exceptions: EngineException[];
  lowerBound: number;
  report: DelineateReport;
  ms: number;
}

export interface RebalanceOutcome {
  kind: 'rebalance';
  grids: ProposedGrid[];
  exceptions: EngineException[];
  lowerBound: number;
  report: RebalanceReport;
  /** A from-scratch divide of the same units: its grid count and the households it would move. */
  rerun: { grids: number; householdsMoved: number } | null;
  ms: number;
}

export type EngineOutcome = DivideOutcome | RebalanceOutcome;
