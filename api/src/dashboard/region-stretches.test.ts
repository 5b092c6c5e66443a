import { describe, expect, it } from 'vitest';
import { packStretches, unpackStretches, type RegionStretches } from './region-stretches.js';

describe('region stretches packed for dashboard_stretch_sets', () => {
  it('unpack gives back every stretch, length, part and the totals exactly', () => {
    const s: RegionStretches = {
      index: new Map([
        [9_007_199_254_740_991, 0],
        [17, 1],
        [4, 2],
      ]),
      lengthM: new Float64Array([5.000000000000001, 4.2, 0.1 + 0.2]),
      part: new Uint32Array([0, 1, 4_000_000_000]),
      parts: 2,
      totalM: 5.000000000000001 + 4.2 + (0.1 + 0.2),
    };
    const back = unpackStretches(packStretches(s));
    expect([...back.index]).toEqual([...s.index]);
    expect([...back.lengthM]).toEqual([...s.lengthM]);
    expect([...back.part]).toEqual([...s.part]);
    expect(back.parts).toBe(2);
    expect(back.totalM).toBe(s.totalM);
  });

  it('refuses a packed row of the wrong length', () => {
    const packed = packStretches({
      index: new Map([[1, 0]]),
      lengthM: new Float64Array([5]),
      part: new Uint32Array([0]),
      parts: 1,
      totalM: 5,
    });
    expect(() => unpackStretches(packed.subarray(0, packed.length - 4))).toThrow(/bytes for 1 stretches/);
  });
});
