/**
 * Street blocks from networks as real data draws them: crossings without shared nodes,
 * streets stopping short or running past the boundary, duplicates at tile edges, boundaries
 * wound either way and with holes. Built in metres about a point in Shanghai.
 */
import type { LineString, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { areaM2 } from '../geometry/geodesic.js';
import { pointInPolygon } from '../geometry/point-in-polygon.js';
import { createRandom } from '../random.js';
import { localFrame, ringArea2, type XY } from './local-frame.js';
import { faceLocator } from './face-locator.js';
import { planarFaces } from './planar-faces.js';
import { streetBlocks, type StreetBlocks } from './street-blocks.js';

const frame = localFrame([121.47, 31.23, 121.47, 31.23]);
const ll = ([x, y]: XY): Position => frame.toLngLat(x, y);
const line = (...xy: XY[]): LineString => ({ type: 'LineString', coordinates: xy.map(ll) });
const ring = (...xy: XY[]): Position[] => [...xy, xy[0]!].map(ll);
const square = (x0: number, y0: number, x1: number, y1: number): XY[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
];
const reversed = (xy: XY[]): XY[] => [...xy].reverse();
const box: Polygon = { type: 'Polygon', coordinates: [ring(...square(0, 0, 400, 400))] };
const planarArea = (p: Polygon): number =>
  p.coordinates.reduce((s, r, i) => s + ((i === 0 ? 1 : -1) * Math.abs(ringArea2(r.map((q) => frame.toXY(q))))) / 2, 0);

/** The faces tile the boundary: areas sum to it (within the grid's rounding), in the frame and in degrees. */
function expectTiles(blocks: StreetBlocks, boundary: Polygon): void {
  const sum = blocks.areas.reduce((s, a) => s + a, 0);
  const perimeter = boundary.coordinates.reduce(
    (s, r) => s + r.slice(1).reduce((t, q, i) => t + Math.hypot(...(frame.toXY(q).map((v, k) => v - frame.toXY(r[i]!)[k]!) as XY)), 0),
    0,
  );
  // Nodes lie on a 1 cm grid: the boundary moves by at most 0.71 cm.
  expect(Math.abs(sum - planarArea(boundary))).toBeLessThan(perimeter * 0.0071);
  const degrees = blocks.faces.reduce((s, f) => s + areaM2(f), 0);
  expect(Math.abs(degrees - areaM2(boundary)) / areaM2(boundary)).toBeLessThan(1e-6);
  for (const a of blocks.areas) expect(a).toBeGreaterThan(0);
}

const sortedAreas = (b: StreetBlocks): number[] => b.areas.map((a) => Math.round(a)).sort((p, q) => p - q);

describe('streetBlocks on messy networks', () => {
  it('splits streets that cross without a shared node and clips them where they run past the boundary', () => {
    const blocks = streetBlocks(box, [line([200, -30], [200, 430]), line([-30, 200], [430, 200])]);
    expect(sortedAreas(blocks)).toEqual([40000, 40000, 40000, 40000]);
    expectTiles(blocks, box);
    expect(blocks.planar.stats.clipped).toBe(4);
    expect(blocks.planar.stats.dangles).toBe(0);
  });

  it('joins a street that stops short of the boundary and of another street, within the gap', () => {
    const streets = [line([200, -30], [200, 430]), line([1.5, 100], [198.8, 100])];
    const joined = streetBlocks(box, streets);
    expect(sortedAreas(joined)).toEqual([20000, 60000, 80000]);
    expect(joined.planar.stats.joined).toBe(2);
    expect(joined.planar.joins).toHaveLength(2);
    expectTiles(joined, box);
    // Without the gap the short street is a dangle: it bounds nothing.
    const strict = streetBlocks(box, streets, { gapM: 0 });
    expect(sortedAreas(strict)).toEqual([80000, 80000]);
    // 4 m short is beyond the default 3 m gap.
    const far = streetBlocks(box, [line([200, -30], [200, 430]), line([4, 100], [196, 100])]);
    expect(far.faces).toHaveLength(2);
  });

  it('joins lanes that end exactly on long slanted boundary edges (a demo community)', () => {
    const corners: XY[] = [
      [-319.78, 195.27],
      [-308.17, -205.66],
      [306.44, -217.61],
      [319.78, 217.61],
    ];
    const on = (i: number, t: number): XY => {
      const [a, b] = [corners[i]!, corners[(i + 1) % 4]!];
      return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
    };
    const quad: Polygon = { type: 'Polygon', coordinates: [ring(...corners)] };
    // Twenty lanes west to east, their ends computed on the edges: snap rounding alone joins them.
    const lanes = Array.from({ length: 20 }, (_, i) => line(on(0, 0.03 + i * 0.047), on(2, 0.97 - i * 0.047)));
    const exact = streetBlocks(quad, lanes, { gapM: 0 });
    expect(exact.planar.stats.dangles).toBe(0);
    expect(exact.faces).toHaveLength(21);
    // Ends 3–9 mm off the edges, as generated and surveyed lines are: joined, whichever side they stop.
    const off = (p: XY, i: number): XY => [p[0] + (i % 2 ? 1 : -1) * (0.003 + (i % 4) * 0.002), p[1]];
    const near = Array.from({ length: 20 }, (_, i) => line(off(on(0, 0.03 + i * 0.047), i), off(on(2, 0.97 - i * 0.047), i + 1)));
    const blocks = streetBlocks(quad, near);
    expect(blocks.planar.stats.dangles).toBe(0);
    expect(blocks.faces).toHaveLength(21);
  });

  it('makes duplicated, overlapping pieces from tile edges one street, without slivers', () => {
    const streets = [
      line([-30, 100], [250, 100]),
      line([150, 100.004], [430, 100.004]),
      line([180, 100], [220, 100]),
      line([200, -30], [200, 100.002]),
    ];
    const blocks = streetBlocks(box, streets);
    expect(sortedAreas(blocks)).toEqual([20000, 20000, 120000]);
    expect(blocks.planar.stats.slivers).toBe(0);
    expectTiles(blocks, box);
  });

  it('merges the sliver between two copies of a street 30 cm apart into a neighbour', () => {
    const streets = [line([-30, 100], [250, 100]), line([150, 100.3], [430, 100.3]), line([200, -30], [200, 100])];
    const blocks = streetBlocks(box, streets);
    expect(blocks.faces).toHaveLength(3);
    expect(blocks.planar.stats.slivers).toBeGreaterThan(0);
    expectTiles(blocks, box);
    expect(Math.min(...blocks.areas)).toBeGreaterThan(19000);
  });

  it('gives the same faces for a boundary wound either way', () => {
    const streets = [line([200, -30], [200, 430]), line([-30, 130], [430, 170])];
    const ccw = streetBlocks(box, streets);
    const cw = streetBlocks({ type: 'Polygon', coordinates: [ring(...reversed(square(0, 0, 400, 400)))] }, streets);
    expect(sortedAreas(cw)).toEqual(sortedAreas(ccw));
    expect(ccw.faces).toHaveLength(4);
  });

  it('leaves a hole in the boundary out: its ring is an edge, the streets inside it go', () => {
    // The hole wound the same way as the shell, as careless files have it.
    const holed: Polygon = { type: 'Polygon', coordinates: [ring(...square(0, 0, 400, 400)), ring(...square(150, 250, 250, 350))] };
    const blocks = streetBlocks(holed, [line([200, -30], [200, 430]), line([-30, 100], [430, 100])]);
    // The vertical street runs through the hole: west and east of it, a holed half each north of the cross street.
    expect(sortedAreas(blocks)).toEqual([20000, 20000, 55000, 55000]);
    expectTiles(blocks, holed);
    expect(blocks.faceOf(ll([200, 300]))).toBe(-1);
    expect(blocks.faceOf(ll([160, 300]))).toBe(-1);
    expect(blocks.faceOf(ll([140, 300]))).toBeGreaterThanOrEqual(0);
  });

  it('keeps an island of streets as a face with the block around it holed, and drops a bridge to it', () => {
    const island = line([150, 150], [250, 150], [250, 250], [150, 250], [150, 150]);
    const alone = streetBlocks(box, [island]);
    expect(sortedAreas(alone)).toEqual([10000, 150000]);
    const outer = alone.faces[alone.areas.indexOf(Math.max(...alone.areas))]!;
    expect(outer.coordinates).toHaveLength(2);
    expectTiles(alone, box);
    // A lane from the boundary to the island bounds no block: it is dropped, the island stays.
    const bridged = streetBlocks(box, [island, line([0, 200], [150, 200])]);
    expect(sortedAreas(bridged)).toEqual([10000, 150000]);
    expect(bridged.planar.stats.bridges).toBeGreaterThan(0);
  });

  it('finds exactly one face for any point inside, the same one every time, and none outside', () => {
    const streets = [
      line([200, -30], [200, 430]),
      line([-30, 130], [430, 170]),
      line([60, 0], [60, 400]),
      line([0, 300], [400, 300]),
      line([300, 300], [350, 420]),
    ];
    const blocks = streetBlocks(box, streets);
    expectTiles(blocks, box);
    const rand = createRandom(7);
    for (let i = 0; i < 2000; i++) {
      const p = ll([rand.range(0.05, 399.95), rand.range(0.05, 399.95)]);
      const holders = blocks.faces.flatMap((f, fi) => (pointInPolygon(p, f) ? [fi] : []));
      expect(holders).toHaveLength(1);
      expect(blocks.faceOf(p)).toBe(holders[0]);
    }
    // On the street between two blocks: one of them, the same every time; exactly on the edge, the east one.
    const sides = [blocks.faceOf(ll([199, 250])), blocks.faceOf(ll([201, 250]))];
    const onStreet = blocks.faceOf(ll([200, 250]));
    expect(sides).toContain(onStreet);
    expect(blocks.faceOf(ll([200, 250]))).toBe(onStreet);
    const locate = faceLocator(blocks.planar, 0.01);
    const edge = blocks.planar.faces[sides[1]!]!.ring.map((v) => blocks.planar.xy[v]!).filter((p) => Math.abs(p[0] - 200) < 0.01);
    expect(edge.length).toBeGreaterThanOrEqual(2);
    const [x, y] = [edge[0]![0], (edge[0]![1] + edge[1]![1]) / 2];
    expect(locate(x, y)).toBe(sides[1]);
    // On the boundary itself: inside; 1 m out: outside.
    expect(blocks.faceOf(ll([0, 50]))).toBeGreaterThanOrEqual(0);
    expect(blocks.faceOf(ll([400, 350]))).toBeGreaterThanOrEqual(0);
    expect(blocks.faceOf(ll([-1, 50]))).toBe(-1);
  });

  it('merges a sliver across a street, never across a fixed line (a locked grid outline), whose vertices stay exact', () => {
    const outline = ring([0, 0], [120.123456, 0], [120.123456, 400], [0, 400]);
    const street = line([120.4, -30], [120.4, 430]);
    const framed = { xy: outline.map((p) => frame.toXY(p)), lngLat: outline, fixed: true };
    const rings = [{ xy: box.coordinates[0]!.map((p) => frame.toXY(p)), lngLat: box.coordinates[0]! }];
    const streetLine = { xy: street.coordinates.map((p) => frame.toXY(p)), lngLat: street.coordinates };
    const planar = planarFaces(frame, rings, [framed, streetLine]);
    // The 28 cm strip between outline and street went into the block east of the street.
    expect(planar.faces).toHaveLength(2);
    expect(planar.stats.slivers).toBe(1);
    const west = planar.faces.find((f) => f.area < 60000)!;
    expect(west.area).toBeCloseTo(120.12 * 400, -1);
    const corners = west.ring.map((v) => planar.lngLat[v]!.join(','));
    expect(corners).toContain(outline[1]!.join(','));
    expect(corners).toContain(outline[2]!.join(','));
  });
});
