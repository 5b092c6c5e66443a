import { area, intersect, featureCollection, polygon } from '@turf/turf';
import { createRandom, gridLoad } from '@gridatlas/core';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { layoutCommunity, type CommunityLayout } from './community-layout.js';
import { planCommunity, type CommunityPlan } from './current-plan.js';
import { buildLattice } from './lattice.js';
import { layoutRegions } from './regions.js';

const feature = (p: Polygon) => polygon(p.coordinates);

/** A small district's communities, each planned: enough to meet every kind of imperfection. */
function planned(seed: number): { layout: CommunityLayout; plan: CommunityPlan }[] {
  const rng = createRandom(seed);
  const lattice = buildLattice(rng.fork('lattice'), 8, 5, []);
  const { communities } = layoutRegions(rng.fork('regions'), lattice, 3, 3);
  const ids = { compound: 0, building: 0 };
  return communities.map((c) => {
    const layout = layoutCommunity(rng.fork(`layout ${c.code}`), c, ids, [], 0.74);
    return { layout, plan: planCommunity(rng.fork(`plan ${c.code}`), layout) };
  });
}

describe('planCommunity', () => {
  const all = planned(7);
  const counts = (plan: CommunityPlan, layout: CommunityLayout, code: string) => {
    const ids = new Set([...plan.gridOfBuilding].filter(([, g]) => g === code).map(([b]) => b));
    const buildings = layout.blocks.flatMap((b) => b.buildings).filter((b) => ids.has(b.id));
    return { households: buildings.reduce((s, b) => s + b.households, 0), persons: buildings.reduce((s, b) => s + b.persons, 0) };
  };

  it('injects each kind of imperfection somewhere in a 40-community district', () => {
    const kinds = new Set(all.flatMap(({ plan }) => plan.imperfections.map((i) => i.kind)));
    expect([...kinds].sort()).toEqual(['gap', 'merged', 'overlap', 'split']);
  });

  it('records merged grids over both caps and split-off grids under the floor', () => {
    for (const { layout, plan } of all) {
      for (const i of plan.imperfections) {
        const load = gridLoad(counts(plan, layout, i.gridCodes[0]!));
        if (i.kind === 'merged') expect(load.exceeded.sort()).toEqual(['households', 'persons']);
        if (i.kind === 'split') expect(load.status).toBe('under');
      }
    }
  });

  it('records overlaps that really overlap a neighbour, as a strip a few metres wide', () => {
    for (const { plan } of all) {
      for (const i of plan.imperfections.filter((x) => x.kind === 'overlap')) {
        const grid = plan.grids.find((g) => g.code === i.gridCodes[0])!;
        const hits = plan.grids
          .filter((g) => g !== grid)
          .map((g) => intersect(featureCollection([feature(grid.geometry), feature(g.geometry)])))
          .filter((o) => o !== null && area(o) > 10);
        expect(hits.length).toBeGreaterThan(0);
        // 4 m wide along an edge of at most ~600 m.
        for (const o of hits) expect(area(o!)).toBeLessThan(4.5 * 650);
      }
    }
  });

  it('numbers grids west→east within a row of blocks, rows north→south', () => {
    for (const { plan, layout } of all) {
      const rects = plan.grids.map((g) => plan.rectOfGrid.get(g.code)!);
      for (let k = 1; k < rects.length; k++) {
        const [a, b] = [rects[k - 1]!, rects[k]!];
        const sameRow = layout.vCuts.filter((v) => v <= a.v0 + 1e-9).length === layout.vCuts.filter((v) => v <= b.v0 + 1e-9).length;
        if (sameRow) expect(a.u0 + a.u1).toBeLessThanOrEqual(b.u0 + b.u1 + 1e-9);
        else expect(a.v0).toBeLessThan(b.v0);
      }
    }
  });
});
