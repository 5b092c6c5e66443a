/**
 * The rebalance scenario on the plan a district really has: the demo district's hand-made
 * approved plan (grids filled to 150–300 households, as planners draw them). Its planted
 * faults (grids merged past the cap) are first fixed by one rebalance with today's counts,
 * so the scenario starts from a compliant plan; then compounds grow by 30–50% and the plan
 * is rebalanced again. Units are cut along the streets and the plan's own grid edges (as
 * the API does), so untouched grids keep their exact shape. Households moved by
 * `rebalance` are compared with a division from scratch of the grown community, matched to
 * the old grids by shared households (`assignmentMoves`, the same fair matching as the
 * engine-plan scenario).
 */
import {
  assignmentMoves,
  buildUnits,
  createRandom,
  delineateCommunity,
  pointInPolygon,
  rebalance,
  REBALANCE_UNIT_SHARE,
  representativePoint,
  type PlanGrid,
  type PlanUnit,
  type RuleProfile,
} from '@gridatlas/core';
import type { LineString, Polygon } from 'geojson';

export interface ApprovedScenarioInput {
  communities: { code: string; boundary: Polygon; buildings: PlanUnit[] }[];
  grids: readonly PlanGrid[];
  streets: readonly LineString[];
  profile: RuleProfile;
  seed: number;
}

export interface ApprovedScenarioResult {
  communities: number;
  grownHouseholds: number;
  violating: number;
  remaining: number;
  touched: number;
  grids: number;
  moved: number;
  scratchMoved: number;
  rebalanceMs: number;
  scratchMs: number;
}

export function rebalanceApprovedScenario(input: ApprovedScenarioInput): ApprovedScenarioResult {
  const { profile, seed, streets } = input;
  const rng = createRandom(seed).fork('grow-approved');
  const out: ApprovedScenarioResult = { communities: 0, grownHouseholds: 0, violating: 0, remaining: 0, touched: 0, grids: 0, moved: 0, scratchMoved: 0, rebalanceMs: 0, scratchMs: 0 };
  for (const c of input.communities) {
    const compounds = [...new Set(c.buildings.map((b) => b.compoundId).filter((id): id is string => !!id))];
    if (compounds.length === 0 || !rng.chance(0.5)) continue;
    const grow = new Map<string, number>();
    const count = Math.min(compounds.length, rng.int(1, 3));
    while (grow.size < count) grow.set(rng.pick(compounds), rng.range(1.3, 1.5));
    const grown = c.buildings.map((b) => {
      const f = grow.get(b.compoundId ?? '') ?? 1;
      return f === 1 ? b : { ...b, households: Math.round(b.households * f), persons: Math.round(b.persons * f) };
    });
    out.grownHouseholds += grown.reduce((s, b) => s + b.households, 0) - c.buildings.reduce((s, b) => s + b.households, 0);
    const mine = input.grids.filter((g): g is PlanGrid & { geometry: Polygon } => g.communityCode === c.code && g.geometry.type === 'Polygon');
    const locked = mine.filter((g) => g.type === 'dedicated').map((g) => g.code);
    const built = buildUnits({
      boundary: c.boundary,
      streets,
      outlines: mine.map((g) => g.geometry),
      buildings: c.buildings,
      maxUnitHouseholds: Math.max(1, Math.floor(profile.maxHouseholds * REBALANCE_UNIT_SHARE)),
    });
    const unitIds = mine.map(() => [] as string[]);
    for (const u of built.units) {
      const p = representativePoint(u.geometry.coordinates);
      const gi = mine.findIndex((g) => pointInPolygon(p, g.geometry));
      if (gi >= 0) unitIds[gi]!.push(u.id);
    }
    // Today's plan made compliant first: the scenario measures what growth costs.
    const fixed = rebalance({ plan: mine.map((g, i) => ({ code: g.code, geometry: g.geometry, unitIds: unitIds[i]! })), units: built.units, adjacency: built.adjacency, profile, locked, seed });
    const base = fixed.grids.map((g) => ({ code: g.code, geometry: g.geometry, unitIds: [...g.unitIds] }));
    const byId = new Map(grown.map((b) => [b.id, b]));
    const units = built.units.map((u) => ({
      ...u,
      households: (u.buildings ?? []).reduce((s, id) => s + byId.get(id)!.households, 0),
      persons: (u.buildings ?? []).reduce((s, id) => s + byId.get(id)!.persons, 0),
    }));
    let t = performance.now();
    const result = rebalance({ plan: base, units, adjacency: built.adjacency, profile, locked, seed });
    out.rebalanceMs += performance.now() - t;
    t = performance.now();
    const again = delineateCommunity({ boundary: c.boundary, streets, buildings: grown, profile, seed });
    out.scratchMs += performance.now() - t;
    const unitOf = new Map(built.units.map((u) => [u.id, u]));
    const before = new Map(base.flatMap((g) => g.unitIds.flatMap((id) => (unitOf.get(id)!.buildings ?? []).map((b) => [b, g.code] as const))));
    const buildings = grown;
    const freshUnit = new Map(again.units.units.map((u) => [u.id, u]));
    const after = new Map(again.grids.flatMap((g, i) => g.unitIds.flatMap((id) => (freshUnit.get(id)!.buildings ?? []).map((b) => [b, `n${i}`] as const))));
    out.scratchMoved += assignmentMoves(before, after, new Map(buildings.map((b) => [b.id, b.households]))).households;
    out.communities++;
    out.violating += result.report.violating.length;
    out.remaining += result.report.remaining.length;
    out.touched += result.report.changedGrids.length + result.report.addedGrids.length;
    out.grids += mine.length;
    out.moved += result.report.householdsMoved;
  }
  return out;
}
