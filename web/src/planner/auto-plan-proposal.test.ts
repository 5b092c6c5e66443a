import { createUnitIndex, DEFAULT_RULE_PROFILE, type PlanUnit, type Polygon } from '@gridatlas/core';
import { describe, expect, it } from 'vitest';
import type { RebalanceOutcome } from '../engine/engine.protocol';
import { autoPlanJob, proposalDiff, proposedDraft } from './auto-plan-proposal';
import type { DraftGrid } from './draft.store';
import type { PlannerContext } from './plan-analysis';
import type { PlannerData } from './planner-data';

const square = (x: number, w = 0.001): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, 0],
      [x + w, 0],
      [x + w, 0.001],
      [x, 0.001],
      [x, 0],
    ],
  ],
});
const grid = (key: string, x: number, extra: Partial<DraftGrid> = {}): DraftGrid => ({
  key,
  code: key,
  name: '',
  type: 'comprehensive',
  communityCode: 'C',
  zoneCode: null,
  geometry: square(x),
  ...extra,
});
const units: PlanUnit[] = [0.0005, 0.0015, 0.0025].map((x, i) => ({ id: `b${i}`, point: [x, 0.0005], households: 100, persons: 250 }));
const ctx: PlannerContext = {
  communityCode: 'C',
  boundary: square(0, 0.003),
  units,
  index: createUnitIndex(units),
  profile: DEFAULT_RULE_PROFILE,
};
const data = {
  streetLines: [
    [
      [0, 0.0005],
      [0.003, 0.0005],
    ],
  ],
} as unknown as PlannerData;

describe('auto-plan proposal', () => {
  const a = grid('A', 0);
  const b = grid('B', 0.001);
  const d = grid('D', 0.002, { type: 'dedicated' });
  const other = grid('X', 0.01, { communityCode: 'OTHER' });
  const basis = [a, b, d, other];

  it('builds a rebalance job of this community with dedicated grids locked', () => {
    const job = autoPlanJob('rebalance', basis, ctx, data);
    expect(job.kind === 'rebalance' && job.plan.map((g) => g.code)).toEqual(['A', 'B', 'D']);
    expect(job.kind === 'rebalance' && job.locked).toEqual(['D']);
    expect(job.community.streets[0]!.type).toBe('LineString');
  });

  it('carries the Divide options into the job: target fill and balance for a divide, the target fill for a rebalance’s comparison', () => {
    const divide = autoPlanJob('divide', basis, ctx, data, { targetFill: 0.85, balance: 'persons' });
    expect(divide.kind === 'divide' && [divide.targetFill, divide.balance]).toEqual([0.85, 'persons']);
    const rebalance = autoPlanJob('rebalance', basis, ctx, data, { targetFill: 0.9, balance: 'none' });
    expect(rebalance.kind === 'rebalance' && rebalance.targetFill).toBe(0.9);
    // Without options: packed to the caps, no balancing.
    const plain = autoPlanJob('divide', basis, ctx, data);
    expect(plain.kind === 'divide' && [plain.targetFill, plain.balance]).toEqual([1, 'none']);
  });

  it('keeps untouched grids as the same objects, reshaped ones keep key and code, new ones get none', () => {
    const outcome = {
      kind: 'rebalance',
      grids: [
        { code: 'A', geometry: square(0, 0.0012), households: 100, persons: 250, changed: true },
        { code: 'B', geometry: square(0.0012, 0.0004), households: 100, persons: 250, changed: true },
        { geometry: square(0.0016, 0.0004), households: 0, persons: 0, changed: true },
        { code: 'D', geometry: d.geometry as Polygon, households: 100, persons: 250, changed: false },
      ],
    } as unknown as RebalanceOutcome;
    const next = proposedDraft(basis, outcome, ctx);
    expect(next[0]).toBe(other);
    expect(next[1]).toMatchObject({ key: 'A', code: 'A' });
    expect(next[2]).toMatchObject({ key: 'B', code: 'B' });
    expect(next[3]).toMatchObject({ code: null, communityCode: 'C' });
    expect(next[4]).toBe(d);
    const diff = proposalDiff(basis, next, ctx);
    expect(diff.changed).toEqual(['A', 'B']);
    expect(diff.added).toHaveLength(1);
    expect(diff.matchedHouseholds).toBe(0);
  });

  it('replaces every comprehensive grid of the community on a divide, keeping dedicated grids and other communities', () => {
    const next = proposedDraft(
      basis,
      { kind: 'divide', grids: [{ geometry: square(0, 0.002), households: 200, persons: 500, changed: true }] } as never,
      ctx,
    );
    expect(next.slice(0, 2)).toEqual([other, d]);
    expect(next[2]).toMatchObject({ code: null, type: 'comprehensive' });
    expect(next).toHaveLength(3);
  });
});
