/**
 * `streetBlocks` against PostGIS (ST_Node + ST_Polygonize, street-faces.reference.ts) on real
 * networks, on both databases. Strictly (no near-miss joins, no sliver merging) the faces are
 * PostGIS's one for one, each within the 1 cm grid's rounding. With the defaults they are
 * PostGIS's faces over the same lines plus the joins it reports, less the slivers it merged:
 * every reference face lies within one block, and the counts differ by exactly the merges.
 * Either way the blocks cover the boundary with no overlap, and each building lies in the
 * block PostGIS says covers it.
 */
import { streetBlocks, type LineString } from '@gridatlas/core';
import { shanghaiStreetCase, wuhanStreetCase, type StreetCase } from '@gridatlas/data/real-streets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../test/test-database.js';
import { compareFaces, pointsInFaces, referenceFaces } from './street-faces.reference.js';

/** Nodes move at most 0.71 cm onto the 1 cm grid: a face differs from PostGIS's by at most that × its perimeter. */
const GRID_ROUNDING_M = 0.0071;

const CASES: readonly (() => StreetCase)[] = [wuhanStreetCase, shanghaiStreetCase];

describe.each(BACKENDS)('street blocks against PostGIS on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind, 'bare');
  });
  afterAll(() => t?.close());

  describe.each(CASES.map((load) => [load.name.replace(/StreetCase$/, ''), load] as const))('%s', (_, load) => {
    const c = load();

    it('without joins or sliver merging: the same faces as PostGIS, one for one, within the grid', async () => {
      const blocks = streetBlocks(c.boundary, c.streets, { gapM: 0, sliverM2: 0, sliverWidthM: 0 });
      const ref = await referenceFaces(t.db, c.boundary, c.streets);
      const cmp = await compareFaces(t.db, c.boundary, blocks.faces, ref, GRID_ROUNDING_M);
      expect(cmp.faces).toBe(cmp.refFaces);
      expect(cmp.refWithinOne).toBe(cmp.refFaces);
      expect(cmp.facesWithinOne).toBe(cmp.faces);
      expect(cmp.maxAreaDiffPerPerimeterM).toBeLessThan(GRID_ROUNDING_M);
      expect(cmp.symDiffM2).toBeLessThan(0.01);
      expect(cmp.overlapM2).toBeLessThan(0.01);
    });

    it('with the defaults: PostGIS faces over the streets and the joins, less the merged slivers; every building in its block', async () => {
      const blocks = streetBlocks(c.boundary, c.streets);
      const joins = blocks.planar.joins.map((j): LineString => ({ type: 'LineString', coordinates: j }));
      const ref = await referenceFaces(t.db, c.boundary, [...c.streets, ...joins]);
      const cmp = await compareFaces(t.db, c.boundary, blocks.faces, ref, GRID_ROUNDING_M);
      expect(cmp.faces).toBe(cmp.refFaces - blocks.planar.stats.slivers);
      expect(cmp.refWithinOne).toBe(cmp.refFaces);
      expect(cmp.symDiffM2).toBeLessThan(0.01);
      expect(cmp.overlapM2).toBeLessThan(0.01);
      const points = c.buildings.map((b) => b.point);
      const held = await pointsInFaces(
        t.db,
        c.boundary,
        blocks.faces,
        points,
        points.map((p) => blocks.faceOf(p)),
      );
      expect(held).toEqual({ points: points.length, inBoundary: points.length, inTheirFace: points.length });
    });
  });
});
