import { describe, expect, it } from 'vitest';
import type { XY } from './local-frame.js';
import { quadPoint, quadSize, uvRing, type Quad } from './quad.js';

const q: Quad = { nw: [0, 500], ne: [620, 520], se: [600, 10], sw: [-15, 0] };

const signedArea = (ring: XY[]): number => {
  let a = 0;
  for (let i = 0; i + 1 < ring.length; i++) a += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return a / 2;
};

describe('quad', () => {
  it('maps the uv corners onto the quad corners', () => {
    expect(quadPoint(q, 0, 0)).toEqual(q.nw);
    expect(quadPoint(q, 1, 0)).toEqual(q.ne);
    expect(quadPoint(q, 1, 1)).toEqual(q.se);
    expect(quadPoint(q, 0, 1)).toEqual(q.sw);
  });

  it('measures width and height in metres', () => {
    const { width, height } = quadSize(q);
    expect(width).toBeGreaterThan(600);
    expect(width).toBeLessThan(625);
    expect(height).toBeGreaterThan(495);
    expect(height).toBeLessThan(515);
  });

  it('gives closed counter-clockwise rings whose neighbours share the cut vertices exactly', () => {
    const west = uvRing(q, { u0: 0, u1: 0.4, v0: 0, v1: 1 }, [], [0.3]);
    const east = uvRing(q, { u0: 0.4, u1: 1, v0: 0, v1: 0.6 }, [], [0.3]);
    for (const ring of [west, east]) {
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      expect(signedArea(ring)).toBeGreaterThan(0);
    }
    const shared = quadPoint(q, 0.4, 0.3);
    expect(west).toContainEqual(shared);
    expect(east).toContainEqual(shared);
    // The east rectangle's corner at v = 0.6 is a T-junction on the west rectangle's edge.
    expect(west).not.toContainEqual(quadPoint(q, 0.4, 0.6));
  });
});
