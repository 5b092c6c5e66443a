import type { LineString, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { PlanUnit } from '../plan/plan.types.js';
import { buildUnits } from './build-units.js';
import { localFrame, type XY } from './local-frame.js';

const frame = localFrame([108.95, 34.25, 108.95, 34.25]);
const ll = ([x, y]: XY): Position => frame.toLngLat(x, y);

describe('buildUnits', () => {
  it('cuts every block over the limit on a slanted community, wherever the grid moved the streets', () => {
    // A community shaped as the demo district's are: a slanted quad, lanes across it.
    const corners: XY[] = [
      [-319.78, 195.27],
      [-308.17, -205.66],
      [306.44, -217.61],
      [319.78, 217.61],
    ];
    const boundary: Polygon = { type: 'Polygon', coordinates: [[...corners, corners[0]!].map(ll)] };
    const on = (i: number, t: number): XY => {
      const [a, b] = [corners[i]!, corners[(i + 1) % 4]!];
      return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
    };
    const streets: LineString[] = [0.25, 0.5, 0.75].flatMap((t) => [
      { type: 'LineString', coordinates: [on(0, t), on(2, 1 - t)].map(ll) },
      { type: 'LineString', coordinates: [on(1, t), on(3, 1 - t)].map(ll) },
    ]);
    // Buildings every 25 m, 12 households each: blocks of ~25–35 buildings, far over 40 households.
    const buildings: PlanUnit[] = [];
    for (let x = -300; x <= 300; x += 25) {
      for (let y = -200; y <= 200; y += 25)
        buildings.push({ id: `b${buildings.length}`, point: ll([x + 3.7, y + 2.9]) as [number, number], households: 12, persons: 30 });
    }
    const built = buildUnits({ boundary, streets, buildings, maxUnitHouseholds: 40 });
    expect(built.blocks).toBe(16);
    const placed = buildings.filter((_, i) => built.unitOfBuilding[i]! >= 0);
    expect(built.units.reduce((s, u) => s + u.households, 0)).toBe(placed.reduce((s, b) => s + b.households, 0));
    const over = built.units.filter((u) => u.households > 40 && (u.buildings?.length ?? 0) > 1);
    expect(over.map((u) => `${u.id}: ${u.households}`)).toEqual([]);
    expect(built.planar.dangles).toBe(0);
  });
});
