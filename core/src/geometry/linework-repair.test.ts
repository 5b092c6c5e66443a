import { describe, expect, it } from 'vitest';
import { buildArea } from './build-area.js';
import { nodedSegments, toJstsMultiPolygon, validityError } from './jsts-bridge.js';
import { lineworkArea } from './linework-repair.js';
import { normaliseGeometry } from './normalise-geometry.js';
import type { XY } from './read-coordinates.js';

/*
 * Seven vertices of 青山区 (Wuhan) converted from GCJ-02: the ring comes back to touch its
 * own edge at the fifth vertex, ~1e-10° beside it and off the noder's 1e-9° grid. Before the
 * vertices were put on the grid, this ring never finished normalising.
 */
const TOUCHING: XY[] = [
  [114.40949410956007, 30.624334450101575],
  [114.40851675351122, 30.624334162040746],
  [114.40851658217903, 30.626286473301224],
  [114.40753927433079, 30.626286228045352],
  [114.40851666784675, 30.625310318103203],
  [114.40656210024069, 30.62530987027206],
  [114.40656218590922, 30.624333714199935],
  [114.40949410956007, 30.624334450101575],
];

describe('nodedSegments', () => {
  it('puts every vertex on the noder grid, so a crossing node and a vertex beside it are one point', () => {
    const segments = nodedSegments([TOUCHING]);
    for (const [a, b] of segments) {
      for (const v of [...a, ...b]) expect(Math.round(v * 1e9) / 1e9).toBe(v);
    }
  });
});

describe('lineworkArea', () => {
  it('rebuilds a ring touching itself just off the noder grid into its loops', () => {
    const fixed = lineworkArea([TOUCHING]);
    // The two loops, and the 4 mm sliver where the closing edge crosses just past a corner.
    expect(fixed.polygons).toHaveLength(3);
    expect(validityError(toJstsMultiPolygon(fixed.polygons))).toBeNull();
  });

  it('keeps the area through normaliseGeometry (the loops add up to the ring as drawn, but for the sliver counted once)', () => {
    const n = normaliseGeometry({ type: 'Polygon', coordinates: [TOUCHING] }, { expect: 'polygon' });
    expect(n.geometry?.type).toBe('MultiPolygon');
    expect(n.repairs.map((r) => r.reason)).toEqual(['self_intersection']);
    expect(Math.abs(n.areaAfterM2! - n.areaBeforeM2!)).toBeLessThan(1e-4 * n.areaBeforeM2!);
  });
});

describe('buildArea on linework the only-polygonal Polygonizer never finished', () => {
  it('finishes and builds the loops', () => {
    // What the snap rounder made of TOUCHING when its vertices were left off the grid: the
    // crossing's node sits 1e-12° from the vertex, and JSTS dropped the ring through both as
    // invalid, then searched for ever for the in/out of a shell only that ring reached.
    const node: XY = [114.408516668, 30.625310318];
    const node2: XY = [114.408516754, 30.624334205];
    const segments: [XY, XY][] = [
      [TOUCHING[0]!, TOUCHING[1]!],
      [TOUCHING[1]!, node2],
      [node2, node],
      [node, TOUCHING[4]!],
      [TOUCHING[4]!, TOUCHING[2]!],
      [TOUCHING[2]!, TOUCHING[3]!],
      [TOUCHING[3]!, node],
      [node, TOUCHING[5]!],
      [TOUCHING[5]!, TOUCHING[6]!],
      [TOUCHING[6]!, node2],
      [node2, TOUCHING[0]!],
    ];
    const built = buildArea(segments);
    expect(built.faces.length).toBeGreaterThan(0);
    expect(validityError(built.area!)).toBeNull();
  });
});
