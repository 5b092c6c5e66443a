/**
 * Shared roster state: whether the roster view is open, whether the map's staffing layer is
 * on, and the checks it colours grids by (per grid code: vacant, overloaded, both or ok).
 */
import type { StaffChecks } from '@gridatlas/api/contract';
import { createStore } from '../state/create-store';

export type StaffingStatus = 'ok' | 'vacant' | 'overloaded' | 'both';

export const rosterOpenStore = createStore(false);
export const staffingLayerStore = createStore(false);
/** Grid code → status, for the map layer; null when the layer is off or not loaded. */
export const staffingStatusStore = createStore<Readonly<Record<string, StaffingStatus>> | null>(null);

export function staffingStatus(grid: { missing: readonly string[]; overloaded: boolean }): StaffingStatus {
  const vacant = grid.missing.length > 0;
  return vacant && grid.overloaded ? 'both' : vacant ? 'vacant' : grid.overloaded ? 'overloaded' : 'ok';
}

export function statusByGrid(checks: StaffChecks): Record<string, StaffingStatus> {
  return Object.fromEntries(checks.grids.map((g) => [g.code, staffingStatus(g)]));
}

export const STAFFING_COLOURS: Readonly<Record<StaffingStatus, string>> = {
  ok: '#4caf7a',
  vacant: '#e8a33d',
  overloaded: '#7e57c2',
  both: '#d9534f',
};
