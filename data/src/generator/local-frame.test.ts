import { describe, expect, it } from 'vitest';
import { ORIGIN_LAT, ORIGIN_LNG, toLngLat, toXY } from './local-frame.js';

describe('local frame', () => {
  it('puts the origin in Xi’an', () => {
    expect(toLngLat([0, 0])).toEqual([ORIGIN_LNG, ORIGIN_LAT]);
  });

  it('converts metres to degrees at the origin latitude and back', () => {
    const [lng, lat] = toLngLat([1000, 1000]) as [number, number];
    // 1 km east ≈ 0.0109° of longitude at 34.25°N, 1 km north ≈ 0.0090° of latitude.
    expect(lng - ORIGIN_LNG).toBeCloseTo(0.01087, 4);
    expect(lat - ORIGIN_LAT).toBeCloseTo(0.00904, 4);
    const [x, y] = toXY([lng, lat]);
    expect(x).toBeCloseTo(1000, 6);
    expect(y).toBeCloseTo(1000, 6);
  });
});
