/**
 * What the planner view shows and does, apart from the grids themselves (draft.store.ts):
 * the community being planned, the open plan, the active tool, the selected grids, the
 * focused problem, live metrics of a grid being dragged and the last message.
 */
import type { GridMetrics } from '@gridatlas/core';
import { createStore } from '../state/create-store';
import type { GridProblem, PlanRecord } from '@gridatlas/api/contract';

/** The community being planned, or null for the ordinary map. */
export const plannerCommunityStore = createStore<string | null>(null);

export const openPlanStore = createStore<PlanRecord | null>(null);

export type PlannerTool = 'select' | 'draw' | 'split' | 'move';
export const toolStore = createStore<PlannerTool>('select');

export const selectionStore = createStore<readonly string[]>([]);

export function selectGrid(key: string | null, additive = false): void {
  selectionStore.set((prev) => {
    if (!key) return prev.length ? [] : prev;
    if (!additive) return prev.length === 1 && prev[0] === key ? prev : [key];
    return prev.includes(key) ? prev.filter((k) => k !== key) : [...prev, key];
  });
}

/** Grid keys highlighted by a clicked problem. */
export const focusStore = createStore<readonly string[]>([]);
/** Where the clicked problem is, `[lng, lat]`, ringed on the map. */
export const focusLocationStore = createStore<readonly [number, number] | null>(null);

/**
 * A request to move the planner map's camera (a clicked problem): `center` `[lng, lat]`
 * degrees, zoomed in to at least `minZoom`. Each request is a new object, so asking for the
 * same place twice flies there twice.
 */
export interface CameraRequest {
  center: readonly [number, number];
  minZoom: number;
}
export const cameraRequestStore = createStore<CameraRequest | null>(null);

export interface LiveMetrics {
  key: string;
  metrics: GridMetrics;
  /** Milliseconds the metrics took. */
  ms: number;
}
/** Metrics of the grid being reshaped, recomputed every animation frame while dragging. */
export const liveMetricsStore = createStore<LiveMetrics | null>(null);

export type PlannerMessage =
  | { kind: 'info' | 'error'; text: string }
  | { kind: 'conflict'; text: string; since: string[] }
  | { kind: 'rejected'; text: string; problems: GridProblem[] };

export const messageStore = createStore<PlannerMessage | null>(null);

/** The compare view: two plan ids (null = the grids in force). */
export const compareStore = createStore<{ planId: number; against: number | null } | null>(null);
