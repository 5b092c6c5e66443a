import { describe, expect, it } from 'vitest';
import { haversineM, metresPerDegree } from '../geometry/geodesic.js';
import { localFrame, localFrameAt } from './local-frame.js';

describe('local frame', () => {
  it('puts the origin at 0, 0 and measures metres east and north', () => {
    const frame = localFrameAt([108.9, 34.25]);
    expect(frame.toXY([108.9, 34.25])).toEqual([0, 0]);
    const [x, y] = frame.toXY([108.91, 34.26]);
    const k = metresPerDegree(34.25);
    expect(x).toBeCloseTo(0.01 * k.x, 6);
    expect(y).toBeCloseTo(0.01 * k.y, 6);
    // Within a kilometre or two it agrees with the great-circle distance to 0.1%.
    expect(Math.hypot(x, y) / haversineM([108.9, 34.25], [108.91, 34.26])).toBeCloseTo(1, 3);
  });

  it('round-trips degrees, with the default or a given scale', () => {
    for (const frame of [localFrameAt([114.3, 30.5]), localFrameAt([108.9, 34.25], { x: 92_046, y: 110_574 })]) {
      const [x, y] = frame.toXY([114.312, 30.49]);
      const [lng, lat] = frame.toLngLat(x, y);
      expect(lng).toBeCloseTo(114.312, 12);
      expect(lat).toBeCloseTo(30.49, 12);
    }
    expect(localFrameAt([0, 0], { x: 2, y: 4 }).toXY([1, 1])).toEqual([2, 4]);
  });

  it('centres a bbox frame on the bbox', () => {
    const bbox = [108.9, 34.2, 109.0, 34.3] as const;
    const a = localFrame(bbox);
    const b = localFrameAt([108.95, 34.25]);
    expect(a.toXY([108.93, 34.27])).toEqual(b.toXY([108.93, 34.27]));
    expect(a.toXY([108.95, 34.25])[0]).toBeCloseTo(0, 9);
  });
});
