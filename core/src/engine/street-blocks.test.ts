import { describe, expect, it } from 'vitest';
import { areaM2 } from '../geometry/geodesic.js';
import { streetBlocks } from './street-blocks.js';
import { lattice } from './test-lattice.fixture.js';

describe('streetBlocks', () => {
  it('cuts a 4×4 street lattice into 16 blocks that tile the boundary', () => {
    const l = lattice(4, 200, 4, 25);
    const blocks = streetBlocks(l.boundary, l.streets);
    expect(blocks.faces).toHaveLength(16);
    const sum = blocks.faces.reduce((s, f) => s + areaM2(f), 0);
    expect(Math.abs(sum - areaM2(l.boundary)) / areaM2(l.boundary)).toBeLessThan(1e-3);
    for (const a of blocks.areas) expect(a).toBeCloseTo(40000, -1);
    // Inner blocks have 4 neighbours, corners 2; shared edges are 200 m.
    const degrees = blocks.adjacency.map((m) => m.size).sort();
    expect(degrees.filter((d) => d === 2)).toHaveLength(4);
    expect(degrees.filter((d) => d === 4)).toHaveLength(4);
    for (const m of blocks.adjacency) for (const len of m.values()) expect(len).toBeCloseTo(200, 0);
    const hits = new Set(l.buildings.map((b) => blocks.faceOf(b.point)));
    expect(hits.size).toBe(16);
    expect(hits.has(-1)).toBe(false);
  });

  it('drops dangling streets and keeps boundary vertices exactly', () => {
    const l = lattice(2, 300, 1, 10);
    const dangling = { type: 'LineString' as const, coordinates: [l.buildings[0]!.point, l.buildings[3]!.point] };
    const blocks = streetBlocks(l.boundary, [...l.streets, dangling]);
    expect(blocks.faces).toHaveLength(4);
    const corners = new Set(l.boundary.coordinates[0]!.map((p) => p.join(',')));
    const used = new Set(blocks.faces.flatMap((f) => f.coordinates[0]!.map((p) => p.join(','))));
    for (const c of corners) expect(used.has(c)).toBe(true);
  });

  it('merges a sliver between two almost coincident streets', () => {
    const l = lattice(2, 300, 1, 10);
    const [a, b] = [l.streets[0]!.coordinates[0]!, l.streets[0]!.coordinates[1]!];
    const shifted = {
      type: 'LineString' as const,
      coordinates: [
        [a[0]! + 3e-6, a[1]!],
        [b[0]! + 3e-6, b[1]!],
      ],
    };
    const blocks = streetBlocks(l.boundary, [...l.streets, shifted]);
    expect(blocks.faces).toHaveLength(4);
    const sum = blocks.faces.reduce((s, f) => s + areaM2(f), 0);
    expect(Math.abs(sum - areaM2(l.boundary)) / areaM2(l.boundary)).toBeLessThan(1e-3);
  });
});
