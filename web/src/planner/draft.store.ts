/**
 * The one owner of a draft plan's grids while it is edited: the current grids as an
 * immutable array plus undo and redo stacks of earlier arrays. Every edit replaces the
 * array (never mutates it), so readers can memoise by reference and undo is a pointer swap.
 */
import type { MultiPolygon, Polygon } from '@gridatlas/core';
import { createStore } from '../state/create-store';

export interface DraftGrid {
  /** Stable key while editing: the grid's code, or `new-N` for a grid the server has not coded yet. */
  key: string;
  /** Code the server knows (15-digit or provisional), null for a grid drawn since the last save. */
  code: string | null;
  name: string;
  type: 'comprehensive' | 'dedicated';
  communityCode: string;
  zoneCode: string | null;
  geometry: Polygon | MultiPolygon;
}

export type DraftGrids = readonly DraftGrid[];

export interface DraftState {
  grids: DraftGrids;
  past: readonly DraftGrids[];
  future: readonly DraftGrids[];
  /** The grids as last loaded or saved: differs from `grids` when there is unsaved work. */
  saved: DraftGrids;
}

/** Undo depth; older snapshots are dropped (each is only an array of references). */
const MAX_UNDO = 200;

export const draftStore = createStore<DraftState>({ grids: [], past: [], future: [], saved: [] });

export function loadDraft(grids: DraftGrids): void {
  draftStore.set({ grids, past: [], future: [], saved: grids });
}

export function applyEdit(next: DraftGrids): void {
  draftStore.set((s) => ({ ...s, grids: next, past: [...s.past, s.grids].slice(-MAX_UNDO), future: [] }));
}

export function undo(): boolean {
  const s = draftStore.get();
  const prev = s.past[s.past.length - 1];
  if (!prev) return false;
  draftStore.set({ ...s, grids: prev, past: s.past.slice(0, -1), future: [s.grids, ...s.future] });
  return true;
}

export function redo(): boolean {
  const s = draftStore.get();
  const next = s.future[0];
  if (!next) return false;
  draftStore.set({ ...s, grids: next, past: [...s.past, s.grids], future: s.future.slice(1) });
  return true;
}

/** After a save: the grids now carry server codes; history stays usable. */
export function markSaved(grids: DraftGrids): void {
  draftStore.set((s) => ({ ...s, grids, saved: grids }));
}

let counter = 0;
export function newGridKey(): string {
  return `new-${++counter}`;
}
