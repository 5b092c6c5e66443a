import type { MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { areaM2 } from './geodesic.js';
import { normaliseGeometry } from './normalise-geometry.js';
import { pointInPolygon } from './point-in-polygon.js';

/** A square of side `s` degrees at `[x, y]`, counter-clockwise. */
const sq = (x: number, y: number, s: number): number[][] => [
  [x, y],
  [x + s, y],
  [x + s, y + s],
  [x, y + s],
  [x, y],
];
const poly = (g: unknown) => normaliseGeometry(g as Polygon, { expect: 'polygon' });
const reasons = (n: ReturnType<typeof poly>) => n.repairs.map((r) => r.reason);

describe('normaliseGeometry, polygons', () => {
  it('leaves a valid polygon exactly as it is (vertices on straight edges too: they are shared with neighbours)', () => {
    const ring = [
      [0, 0],
      [0.005, 0],
      [0.01, 0],
      [0.01, 0.01],
      [0, 0.01],
      [0, 0],
    ];
    const n = poly({ type: 'Polygon', coordinates: [ring] });
    expect(n.geometry).toEqual({ type: 'Polygon', coordinates: [ring] });
    expect(n.repairs).toEqual([]);
    expect(n.areaAfterM2).toBeCloseTo(n.areaBeforeM2!, 6);
  });

  it('reads a single-part MultiPolygon as a Polygon, drops Z, closes and turns rings, all reported', () => {
    const cw = sq(0, 0, 0.01)
      .reverse()
      .map(([x, y]) => [x!, y!, 7]);
    const n = poly({ type: 'MultiPolygon', coordinates: [[cw.slice(0, -1)]] });
    expect(n.geometry?.type).toBe('Polygon');
    expect((n.geometry as Polygon).coordinates[0]).toHaveLength(5);
    expect(reasons(n).sort()).toEqual(['ring_closed', 'ring_reoriented', 'single_part_multi', 'z_dropped']);
    expect(
      n.repairs
        .filter((r) => r.informational)
        .map((r) => r.reason)
        .sort(),
    ).toEqual(['ring_reoriented', 'single_part_multi', 'z_dropped']);
    // Exterior counter-clockwise (RFC 7946).
    const r = (n.geometry as Polygon).coordinates[0]!;
    let s = 0;
    for (let i = 1; i < r.length; i++) s += r[i - 1]![0]! * r[i]![1]! - r[i]![0]! * r[i - 1]![1]!;
    expect(s).toBeGreaterThan(0);
  });

  it('removes repeated vertices and spikes', () => {
    const ring = [
      [0, 0],
      [0, 0],
      [0.01, 0],
      [0.01, 0.01],
      [0.02, 0.02],
      [0.01, 0.01],
      [0, 0.01],
      [0, 0],
    ];
    const n = poly({ type: 'Polygon', coordinates: [ring] });
    expect(n.geometry).toEqual({ type: 'Polygon', coordinates: [sq(0, 0, 0.01)] });
    expect(reasons(n)).toEqual(['duplicate_vertices', 'spike_removed']);
  });

  it('keeps the face two spikes enclose with the rest of the ring, as ST_MakeValid does (江夏区 from GCJ-02)', () => {
    // An L whose notch A(2,4)–D(2,2)–C(4,2) has spikes A→B→A and C→B→C to the notch's far
    // corner B(4,4): their edges close the notch, and PostGIS's linework keeps it (16, not 12).
    const u = 0.001;
    const [A, B, C, D] = [
      [2 * u, 4 * u],
      [4 * u, 4 * u],
      [4 * u, 2 * u],
      [2 * u, 2 * u],
    ];
    const ring = [[0, 0], [0, 4 * u], A, B, A, D, C, B, C, [4 * u, 0], [0, 0]];
    const n = poly({ type: 'Polygon', coordinates: [ring] });
    expect(n.geometry?.type).toBe('Polygon');
    expect(n.areaAfterM2! / areaM2({ type: 'Polygon', coordinates: [sq(0, 0, 4 * u)] })).toBeCloseTo(1, 9);
    expect(reasons(n)).toEqual(['self_intersection']);
    expect(n.repairs[0]!.detail).toMatch(/spike's edges enclose area/);
  });

  it('splits a bow-tie into its two triangles, as ST_MakeValid does', () => {
    const n = poly({
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [0.01, 0.01],
          [0.01, 0],
          [0, 0.01],
          [0, 0],
        ],
      ],
    });
    expect(n.geometry?.type).toBe('MultiPolygon');
    expect((n.geometry as MultiPolygon).coordinates).toHaveLength(2);
    expect(reasons(n)).toEqual(['self_intersection']);
    expect(n.areaAfterM2).toBeCloseTo(areaM2({ type: 'Polygon', coordinates: [sq(0, 0, 0.01)] }) / 2, -2);
  });

  it('takes a hole written as a second shell as a hole, and a part inside that as an island', () => {
    const n = poly({ type: 'MultiPolygon', coordinates: [[sq(0, 0, 0.01)], [sq(0.002, 0.002, 0.006)], [sq(0.004, 0.004, 0.002)]] });
    expect(n.geometry?.type).toBe('MultiPolygon');
    const g = n.geometry as MultiPolygon;
    expect(g.coordinates.map((p) => p.length).sort()).toEqual([1, 2]);
    expect(pointInPolygon([0.003, 0.003], g)).toBe(false);
    expect(pointInPolygon([0.005, 0.005], g)).toBe(true);
    expect(pointInPolygon([0.001, 0.001], g)).toBe(true);
    expect(reasons(n)).toEqual(['nested_shell', 'nested_shell']);
    expect(n.repairs[0]!.detail).toMatch(/part 2 .* lies inside part 1: a hole written as a shell/);
  });

  it('joins parts that overlap (the overlap counted once) or share an edge', () => {
    const over = poly({ type: 'MultiPolygon', coordinates: [[sq(0, 0, 0.01)], [sq(0.005, 0.005, 0.01)]] });
    expect(over.geometry?.type).toBe('Polygon');
    const a = areaM2({ type: 'Polygon', coordinates: [sq(0, 0, 0.01)] });
    expect(over.areaAfterM2! / a).toBeCloseTo(1.75, 2);
    expect(over.repairs[0]).toMatchObject({ reason: 'overlapping_parts' });
    expect(over.repairs[0]!.detail).toMatch(/overlap by [\d.]+ m²/);
    const touch = poly({ type: 'MultiPolygon', coordinates: [[sq(0, 0, 0.01)], [sq(0.01, 0, 0.01)]] });
    expect(touch.geometry?.type).toBe('Polygon');
    expect(touch.repairs[0]!.detail).toMatch(/share an edge/);
  });

  it('keeps one of two identical parts', () => {
    const n = poly({ type: 'MultiPolygon', coordinates: [[sq(0, 0, 0.01)], [sq(0, 0, 0.01)]] });
    expect(n.geometry).toEqual({ type: 'Polygon', coordinates: [sq(0, 0, 0.01)] });
    expect(reasons(n)).toEqual(['duplicate_part']);
  });

  it('keeps every part of a real multipart shape (an island) untouched', () => {
    const n = poly({ type: 'MultiPolygon', coordinates: [[sq(0, 0, 0.01)], [sq(0.05, 0, 0.001)]] });
    expect(n.geometry?.type).toBe('MultiPolygon');
    expect(n.repairs).toEqual([]);
  });

  it('names a part with no area as a rejected part and keeps the rest', () => {
    const n = poly({
      type: 'MultiPolygon',
      coordinates: [
        [sq(0, 0, 0.01)],
        [
          [
            [0.05, 0],
            [0.06, 0],
            [0.07, 0],
            [0.05, 0],
          ],
        ],
      ],
    });
    expect(n.geometry?.type).toBe('Polygon');
    expect(n.rejectedParts).toEqual([
      expect.objectContaining({ reason: 'collapsed_part', detail: expect.stringMatching(/part 2 has no area/) }),
    ]);
  });

  it('refuses a polygon with no area at all, and bad numbers, with a diagnosis', () => {
    expect(
      poly({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [2, 0],
            [0, 0],
          ],
        ],
      }).rejection?.reason,
    ).toBe('collapsed_part');
    const projected = poly({
      type: 'Polygon',
      coordinates: [
        [
          [512345.2, 3380000],
          [512400, 3380000],
          [512400, 3380100],
          [512345.2, 3380000],
        ],
      ],
    });
    expect(projected.geometry).toBeNull();
    expect(projected.rejection?.detail).toMatch(/coordinates look projected \(x≈512345, y≈3380000\).*--crs/);
    expect(
      poly({
        type: 'Polygon',
        coordinates: [
          [
            [31.2, 121.4],
            [31.3, 121.4],
            [31.3, 121.5],
            [31.2, 121.4],
          ],
        ],
      }).rejection?.reason,
    ).toBe('swapped_coordinates');
    expect(
      poly({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [Number.NaN, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      }).rejection?.reason,
    ).toBe('bad_coordinates');
    expect(
      poly({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            ['1', 0],
            [1, 1],
            [0, 0],
          ],
        ],
      }).rejection?.reason,
    ).toBe('bad_coordinates');
    expect(poly(null).rejection?.reason).toBe('no_geometry');
    expect(
      poly({
        type: 'LineString',
        coordinates: [
          [0, 0],
          [1, 1],
        ],
      }).rejection,
    ).toMatchObject({ reason: 'wrong_type', detail: 'a LineString where a polygon is needed' });
  });

  it('takes the polygons of a GeometryCollection and names the rest', () => {
    const n = poly({
      type: 'GeometryCollection',
      geometries: [
        { type: 'Polygon', coordinates: [sq(0, 0, 0.01)] },
        { type: 'Point', coordinates: [0, 0] },
      ],
    });
    expect(n.geometry?.type).toBe('Polygon');
    expect(n.rejectedParts).toEqual([expect.objectContaining({ reason: 'wrong_type' })]);
  });
});

describe('normaliseGeometry, lines and points', () => {
  it('cleans lines and refuses those with no length', () => {
    const n = normaliseGeometry(
      {
        type: 'MultiLineString',
        coordinates: [
          [
            [0, 0, 1],
            [0, 0, 1],
            [1, 1, 1],
          ],
        ],
      },
      { expect: 'line' },
    );
    expect(n.geometry).toEqual({
      type: 'LineString',
      coordinates: [
        [0, 0],
        [1, 1],
      ],
    });
    expect(n.repairs.map((r) => r.reason)).toEqual(['z_dropped', 'duplicate_vertices', 'single_part_multi']);
    const two = normaliseGeometry(
      {
        type: 'MultiLineString',
        coordinates: [
          [
            [0, 0],
            [1, 1],
          ],
          [
            [2, 2],
            [2, 2],
          ],
        ],
      },
      { expect: 'line' },
    );
    expect(two.geometry).toEqual({
      type: 'LineString',
      coordinates: [
        [0, 0],
        [1, 1],
      ],
    });
    expect(two.rejectedParts[0]).toMatchObject({ reason: 'collapsed_part' });
    expect(
      normaliseGeometry(
        {
          type: 'LineString',
          coordinates: [
            [3, 3],
            [3, 3],
          ],
        },
        { expect: 'line' },
      ).rejection?.reason,
    ).toBe('collapsed_part');
  });

  it('reads a MultiPoint of one point as a Point', () => {
    const n = normaliseGeometry(
      {
        type: 'MultiPoint',
        coordinates: [
          [114.4, 30.5, 3],
          [114.4, 30.5, 3],
        ],
      },
      { expect: 'point' },
    );
    expect(n.geometry).toEqual({ type: 'Point', coordinates: [114.4, 30.5] });
    expect(n.repairs.map((r) => r.reason)).toEqual(['z_dropped', 'duplicate_vertices', 'single_part_multi']);
    expect(normaliseGeometry({ type: 'Point', coordinates: [400000, 3400000] }, { expect: 'point' }).rejection?.reason).toBe(
      'projected_coordinates',
    );
  });
});
