import type { LineString, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { areaM2 } from '../geometry/geodesic.js';
import { at, rect } from '../plan/plan.fixture.js';
import { splitPolygonByLine } from './split-polygon.js';

const line = (...pts: [number, number][]): LineString => ({ type: 'LineString', coordinates: pts.map(([x, y]) => at(x, y)) });
const L = (x: number, y: number) => [x, y] as [number, number];

function expectParts(result: ReturnType<typeof splitPolygonByLine>): [Polygon, Polygon] {
  if ('error' in result) throw new Error(result.error);
  return result;
}

describe('splitPolygonByLine', () => {
  const square = rect(0, 0, 100, 100);

  it('cuts a square in two halves whose areas sum to the whole', () => {
    const [a, b] = expectParts(splitPolygonByLine(square, line(L(50, -10), L(50, 110))));
    expect(areaM2(a) + areaM2(b)).toBeCloseTo(areaM2(square), 0);
    expect(areaM2(a)).toBeCloseTo(areaM2(square) / 2, -1);
  });

  it('follows a bent line and the parts share the cut vertex for vertex', () => {
    const [a, b] = expectParts(splitPolygonByLine(square, line(L(-5, 30), L(40, 60), L(105, 50))));
    const keys = (p: Polygon) => new Set(p.coordinates[0]!.map((c) => c.join(',')));
    const shared = [...keys(a)].filter((k) => keys(b).has(k));
    expect(shared.length).toBe(3);
    expect(areaM2(a) + areaM2(b)).toBeCloseTo(areaM2(square), 0);
  });

  it('cuts when the stroke ends exactly on the boundary (ends are extended)', () => {
    const parts = splitPolygonByLine(square, line(L(0, 50), L(100, 50)));
    expect('error' in parts).toBe(false);
  });

  it('cuts through a corner vertex', () => {
    const [a, b] = expectParts(splitPolygonByLine(square, line(L(-10, -10), L(110, 110))));
    expect(areaM2(a)).toBeCloseTo(areaM2(b), -1);
  });

  it('refuses a line that does not cross the grid fully', () => {
    const result = splitPolygonByLine(square, line(L(50, -10), L(50, 60)));
    expect(result).toEqual({ error: expect.stringMatching(/from one side to the other/) });
  });

  it('refuses a line that would cut three pieces', () => {
    const result = splitPolygonByLine(square, line(L(30, -10), L(30, 110), L(70, 110), L(70, -10)));
    expect(result).toEqual({ error: expect.stringMatching(/exactly two parts/) });
  });

  it('refuses a line through a hole and keeps a hole with its side', () => {
    const holed: Polygon = {
      type: 'Polygon',
      coordinates: [square.coordinates[0]!, rect(60, 40, 80, 60).coordinates[0]!.slice().reverse()],
    };
    expect(splitPolygonByLine(holed, line(L(70, -10), L(70, 110)))).toEqual({ error: expect.stringMatching(/hole/) });
    const [a, b] = expectParts(splitPolygonByLine(holed, line(L(30, -10), L(30, 110))));
    expect(a.coordinates.length + b.coordinates.length).toBe(3);
    expect(areaM2(a) + areaM2(b)).toBeCloseTo(areaM2(holed), 0);
  });
});
