import { describe, expect, it } from 'vitest';
import { haversineM } from '../geometry/geodesic.js';
import { at } from '../plan/plan.fixture.js';
import { snapPosition, snapTargetsOf } from './snap-position.js';

describe('snapPosition', () => {
  const targets = snapTargetsOf([[at(0, 0), at(100, 0), at(100, 100)]]);

  it('snaps to a vertex within tolerance before any segment', () => {
    const snapped = snapPosition(at(2, 1), targets, 5);
    expect(snapped?.kind).toBe('vertex');
    expect(snapped?.position).toEqual(at(0, 0));
  });

  it('snaps onto a segment when no vertex is near', () => {
    const snapped = snapPosition(at(50, 3), targets, 5);
    expect(snapped?.kind).toBe('segment');
    expect(haversineM(snapped!.position, at(50, 0))).toBeLessThan(0.05);
    expect(snapped!.distanceM).toBeCloseTo(3, 1);
  });

  it('returns null beyond tolerance', () => {
    expect(snapPosition(at(50, 30), targets, 5)).toBeNull();
  });
});
