/**
 * The worker's jobs are core's entry points: a rebalance in the worker reports exactly what
 * `rebalanceCommunity` reports on the same community (the API and the command line call the
 * same function), and a divide passes the target fill and balance through.
 */
import {
  DEFAULT_RULE_PROFILE,
  delineateCommunity,
  rebalanceCommunity,
  type LineString,
  type PlanUnit,
  type Polygon,
  type RuleProfile,
} from '@gridatlas/core';
import { describe, expect, it } from 'vitest';
import { runDivide, runRebalance } from './engine-jobs';

const LNG0 = 108.9;
const LAT0 = 34.25;
const ll = (x: number, y: number): [number, number] => [LNG0 + x / (111_320 * Math.cos((LAT0 * Math.PI) / 180)), LAT0 + y / 110_950];
const profile: RuleProfile = { ...DEFAULT_RULE_PROFILE, combine: 'all' };

/** 4×4 blocks of 100 m, three buildings of 30 households in each. */
function community() {
  const boundary: Polygon = { type: 'Polygon', coordinates: [[ll(0, 0), ll(400, 0), ll(400, 400), ll(0, 400), ll(0, 0)]] };
  const streets: LineString[] = [];
  for (let k = 1; k < 4; k++) {
    streets.push({ type: 'LineString', coordinates: [ll(k * 100, -20), ll(k * 100, 420)] });
    streets.push({ type: 'LineString', coordinates: [ll(-20, k * 100), ll(420, k * 100)] });
  }
  const buildings: PlanUnit[] = [];
  for (let i = 0; i < 4; i++)
    for (let j = 0; j < 4; j++)
      for (let b = 0; b < 3; b++)
        buildings.push({ id: `b${i}-${j}-${b}`, point: ll(i * 100 + 20 + 25 * b, j * 100 + 50), households: 30, persons: 90 });
  return { boundary, streets, buildings };
}

describe('engine jobs', () => {
  const c = community();

  it('divides with the target fill and balance it is given', () => {
    const out = runDivide(
      { kind: 'divide', community: { ...c, profile, seed: 1 }, dedicated: [], targetFill: 0.8, balance: 'households' },
      () => {},
    );
    expect(out.report.targetFill).toBe(0.8);
    expect(out.report.balance.by).toBe('households');
    for (const g of out.grids) expect(g.households).toBeLessThanOrEqual(240);
  });

  it('rebalances exactly as core’s rebalanceCommunity does', () => {
    const plan = delineateCommunity({ ...c, profile, seed: 1 }).grids.map((g, i) => ({ code: `k${i}`, geometry: g.geometry }));
    const grown = c.buildings.map((b) => (b.id.startsWith('b0-') ? { ...b, households: 70, persons: 210 } : b));
    const job = { kind: 'rebalance' as const, community: { ...c, buildings: grown, profile, seed: 1 }, plan, locked: [plan.at(-1)!.code] };
    const worker = runRebalance(job, () => {});
    const core = rebalanceCommunity({ ...c, buildings: grown, plan, profile, seed: 1, locked: job.locked, compare: true });
    const { ms: _w, ...workerReport } = worker.report;
    const { ms: _c, ...coreReport } = core.report;
    expect(workerReport).toEqual(coreReport);
    expect(worker.report.violating.length).toBeGreaterThan(0);
    expect(worker.rerun).toEqual({ grids: core.rerun!.grids, householdsMoved: core.rerun!.householdsMoved });
    expect(worker.grids.map((g) => g.geometry)).toEqual(core.grids.map((g) => g.geometry));
  });
});
