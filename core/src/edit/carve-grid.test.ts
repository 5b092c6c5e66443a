import { describe, expect, it } from 'vitest';
import { areaM2 } from '../geometry/geodesic.js';
import { rect } from '../plan/plan.fixture.js';
import { carveGrid } from './carve-grid.js';

describe('carveGrid', () => {
  const boundary = rect(0, 0, 200, 100);
  const left = rect(0, 0, 100, 100);
  const right = rect(100, 0, 200, 100);

  it('clips the drawn grid to the community and cuts it out of its neighbours', () => {
    const carved = carveGrid(rect(80, -20, 120, 50), boundary, [left, right]);
    if ('error' in carved) throw new Error(carved.error);
    const total = areaM2(carved.grid) + carved.neighbours.reduce((s, n) => s + (n ? areaM2(n) : 0), 0);
    expect(total).toBeCloseTo(areaM2(boundary), -1);
    expect(areaM2(carved.grid)).toBeCloseTo(areaM2(rect(80, 0, 120, 50)), -1);
  });

  it('refuses a grid drawn outside the community', () => {
    expect(carveGrid(rect(300, 0, 400, 100), boundary, [left])).toEqual({ error: expect.stringMatching(/outside/) });
  });
});
