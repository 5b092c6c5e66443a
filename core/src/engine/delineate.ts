/**
 * Auto-delineation: divides a community's units into as few grids as the rule allows, each
 * grid a connected union of whole units, compact, and within the rule. Units over the rule
 * on their own become their own grids and are reported as exceptions. The method is a
 * recursive spanning-tree bipartition into the lower-bound number of grids (see
 * tree-partition.ts) followed by a compactness local search (compactness-search.ts).
 * Degrees `[lng, lat]`; households and persons are counts; deterministic for a seed.
 */
import { difference, featureCollection, intersect, polygon as turfPolygon } from '@turf/turf';
import type { Polygon } from 'geojson';
import { areaM2, perimeterM } from '../geometry/geodesic.js';
import { geometryBBox, pointInPolygon } from '../geometry/point-in-polygon.js';
import { representativePoint } from '../geometry/representative-point.js';
import { polsbyPopper } from '../plan/grid-metrics.js';
import { readingOrder } from '../plan/grid-serials.js';
import type { PlanGrid } from '../plan/plan.types.js';
import { createRandom, type Random } from '../random.js';
import { gridLoad, type RuleProfile } from '../rule-profile.js';
import { improveCompactness, type SearchGraph } from './compactness-search.js';
import type { EngineException, EngineGrid, EngineUnit } from './engine.types.js';
import { unionFaces } from './grid-union.js';
import { strictTreePartition, treePartition, type PartitionStats, type UnitGraph } from './tree-partition.js';
import { polygonAdjacency } from './unit-graph.js';

export interface DelineateInput {
  /** The community boundary (used for the report's coverage check). */
  boundary: Polygon;
  /** Polygon units tiling the boundary, with households and persons. */
  units: readonly EngineUnit[];
  profile: Readonly<RuleProfile>;
  /** Shared edge lengths between units (metres), e.g. from `buildUnits`; computed from the polygons when absent. */
  adjacency?: readonly Map<number, number>[];
  /** Grids kept as they are: units whose representative point lies in one are left out, overlapping units are clipped. */
  locked?: readonly PlanGrid[];
  /** Dedicated grids (专属网格), carved out first, the same way. */
  dedicated?: readonly PlanGrid[];
  seed?: number;
  /** Compactness local search after the partition (default true). */
  localSearch?: boolean;
}

export interface DelineateReport {
  grids: number;
  lowerBound: number;
  /** grids ÷ lower bound. */
  ratio: number;
  exceptions: number;
  /** Grids added because no tree cut fitted the lower-bound count. */
  extraGrids: number;
  /** Every grid within the rule or a reported exception. */
  compliant: boolean;
  /** Every grid one Polygon. */
  contiguous: boolean;
  /** Sum of grid areas ÷ boundary area minus locked/dedicated areas (1 = covered exactly). */
  coverage: number;
  households: number;
  persons: number;
  meanCompactness: number;
  minCompactness: number;
  localSearchMoves: number;
  trees: number;
  ms: number;
}

export interface DelineateResult {
  /** Grids in reading order (north→south, west→east), exceptions included. */
  grids: EngineGrid[];
  exceptions: EngineException[];
  lowerBound: number;
  report: DelineateReport;
}

/**
 * Lower bound on the grid count: units over the rule on their own, plus the remaining
 * households over the household cap (and, under `all`, persons over the person cap).
 */
export function gridLowerBound(units: readonly { households: number; persons: number }[], profile: Readonly<RuleProfile>): number {
  let indivisible = 0;
  let households = 0;
  let persons = 0;
  for (const u of units) {
    if (gridLoad(u, profile).status === 'over') indivisible++;
    else {
      households += u.households;
      persons += u.persons;
    }
  }
  return indivisible + gridsNeeded(households, persons, profile);
}

/** Grids the totals need at least: households over the cap (and persons over theirs under `all`). */
export function gridsNeeded(households: number, persons: number, profile: Readonly<RuleProfile>): number {
  const byHouseholds = Math.ceil(households / profile.maxHouseholds);
  return profile.combine === 'all' ? Math.max(byHouseholds, Math.ceil(persons / profile.maxPersons)) : byHouseholds;
}

/** Units left after carving out locked and dedicated grids (clipped where they overlap one). */
function carve(units: readonly EngineUnit[], fixed: readonly PlanGrid[]): EngineUnit[] {
  if (fixed.length === 0) return units.slice();
  const boxes = fixed.map((g) => geometryBBox(g.geometry));
  const out: EngineUnit[] = [];
  for (const u of units) {
    const point = representativePoint(u.geometry.coordinates);
    if (fixed.some((g) => pointInPolygon(point, g.geometry))) continue;
    const b = geometryBBox(u.geometry);
    let geometry: Polygon = u.geometry;
    fixed.forEach((g, i) => {
      const f = boxes[i]!;
      if (b[0] > f[2] || f[0] > b[2] || b[1] > f[3] || f[1] > b[3]) return;
      const fu = turfPolygon(geometry.coordinates);
      const over = intersect(featureCollection([fu, { type: 'Feature', properties: {}, geometry: g.geometry }]));
      if (!over || areaM2(over.geometry) < 1) return;
      const rest = difference(featureCollection([fu, { type: 'Feature', properties: {}, geometry: g.geometry }]))?.geometry;
      if (rest?.type === 'Polygon') geometry = rest;
      else if (rest?.type === 'MultiPolygon') {
        const biggest = rest.coordinates.map((c) => ({ c, a: areaM2({ type: 'Polygon', coordinates: c }) })).sort((p, q) => q.a - p.a)[0];
        if (biggest) geometry = { type: 'Polygon', coordinates: biggest.c };
      }
    });
    out.push(geometry === u.geometry ? u : { ...u, geometry });
  }
  return out;
}

/** Fresh tries of the whole component at each grid count before one more grid is allowed. */
const TRIES_PER_COUNT = 12;
const MAX_EXTRA_COUNT = 3;

/**
 * The component in `k` grids if a strict partition finds them (a few fresh tries), else in
 * k + 1, …; the permissive partition (adding grids where it must) is the last resort.
 */
function partitionComponent(graph: UnitGraph, comp: number[], k: number, profile: Readonly<RuleProfile>, rng: Random, stats: PartitionStats): number[][] {
  for (let kk = k; kk <= Math.min(k + MAX_EXTRA_COUNT, comp.length); kk++) {
    for (let t = 0; t < TRIES_PER_COUNT; t++) {
      const parts = strictTreePartition(graph, comp, kk, profile, rng, stats);
      if (parts) {
        stats.extraGrids += kk - k;
        return parts;
      }
    }
  }
  const before = stats.extraGrids;
  const parts = treePartition(graph, comp, k, profile, rng, stats);
  stats.extraGrids = before + Math.max(0, parts.length - k);
  return parts;
}

/** Connected components of `nodes` in the graph. */
function components(adjacency: readonly Map<number, number>[], nodes: readonly number[]): number[][] {
  const allowed = new Set(nodes);
  const seen = new Set<number>();
  const out: number[][] = [];
  for (const s of nodes) {
    if (seen.has(s)) continue;
    const comp = [s];
    seen.add(s);
    for (let q = 0; q < comp.length; q++) {
      for (const w of adjacency[comp[q]!]!.keys()) {
        if (!allowed.has(w) || seen.has(w)) continue;
        seen.add(w);
        comp.push(w);
      }
    }
    out.push(comp.sort((a, b) => a - b));
  }
  return out;
}

/** Builds the search graph (areas, perimeters, adjacency) of a unit list. */
export function searchGraph(units: readonly EngineUnit[], adjacency: readonly Map<number, number>[]): SearchGraph {
  return {
    adjacency,
    households: units.map((u) => u.households),
    persons: units.map((u) => u.persons),
    areas: units.map((u) => areaM2(u.geometry)),
    perimeters: units.map((u) => perimeterM(u.geometry)),
  };
}

/** Turns lists of unit indices into grids (union of faces, totals, compactness). */
export function gridsOf(units: readonly EngineUnit[], parts: readonly number[][], exceptions: ReadonlySet<number> = new Set()): (EngineGrid | null)[] {
  return parts.map((p) => {
    const geometry = unionFaces(p.map((i) => units[i]!.geometry));
    if (!geometry) return null;
    const households = p.reduce((s, i) => s + units[i]!.households, 0);
    const persons = p.reduce((s, i) => s + units[i]!.persons, 0);
    const grid: EngineGrid = {
      geometry,
      unitIds: p.map((i) => units[i]!.id),
      households,
      persons,
      compactness: polsbyPopper(areaM2(geometry), perimeterM(geometry)),
    };
    if (p.length === 1 && exceptions.has(p[0]!)) grid.exception = true;
    return grid;
  });
}

/**
 * Divides a community into grids.
 *
 * @example
 * const built = buildUnits({ boundary, streets, buildings, maxUnitHouseholds: 100 });
 * const { grids, report } = delineate({ boundary, units: built.units, adjacency: built.adjacency, profile, seed: 1 });
 * report.grids / report.lowerBound // ≈ 1
 */
export function delineate(input: DelineateInput): DelineateResult {
  const started = performance.now();
  const { profile } = input;
  const fixed = [...(input.locked ?? []), ...(input.dedicated ?? [])];
  const units = carve(input.units, fixed);
  const adjacency = fixed.length === 0 && input.adjacency ? input.adjacency : polygonAdjacency(units.map((u) => u.geometry));
  const graph = searchGraph(units, adjacency);
  const rng = createRandom(input.seed ?? 1);
  const stats: PartitionStats = { extraGrids: 0, trees: 0 };

  const over = new Set<number>();
  units.forEach((u, i) => {
    if (gridLoad(u, profile).status === 'over') over.add(i);
  });
  const exceptions: EngineException[] = [...over].map((i) => {
    const u = units[i]!;
    return {
      unitId: u.id,
      households: u.households,
      persons: u.persons,
      ...(u.buildings ? { buildings: u.buildings } : {}),
      message: `unit ${u.id} has ${u.households} households and ${u.persons} persons, over the rule on its own and indivisible: it is its own grid`,
    };
  });
  const rest = units.map((_, i) => i).filter((i) => !over.has(i));
  const parts: number[][] = [...over].map((i) => [i]);
  const empty: number[][] = [];
  for (const comp of components(adjacency, rest)) {
    const households = comp.reduce((s, i) => s + units[i]!.households, 0);
    const persons = comp.reduce((s, i) => s + units[i]!.persons, 0);
    if (households === 0 && persons === 0) {
      empty.push(comp);
      continue;
    }
    const k = Math.max(1, gridsNeeded(households, persons, profile));
    parts.push(...partitionComponent(graph, comp, k, profile, rng.fork(`c${comp[0]}`), stats));
  }
  // Pieces with nobody in them join the neighbouring grid they share most boundary with.
  for (const comp of empty) {
    const owner = new Map<number, number>();
    parts.forEach((p, gi) => p.forEach((u) => owner.set(u, gi)));
    let best = -1;
    let bestLen = 0;
    const shared = new Map<number, number>();
    for (const u of comp) {
      for (const [w, len] of adjacency[u]!) {
        const g = owner.get(w);
        if (g === undefined) continue;
        const s = (shared.get(g) ?? 0) + len;
        shared.set(g, s);
        if (s > bestLen) {
          bestLen = s;
          best = g;
        }
      }
    }
    if (best >= 0) parts[best]!.push(...comp);
    else parts.push(comp);
  }
  const exceptionGrids = new Set(parts.flatMap((p, gi) => (p.length === 1 && over.has(p[0]!) ? [gi] : [])));
  const moves = input.localSearch === false ? 0 : improveCompactness(graph, parts, profile, exceptionGrids);

  const built = gridsOf(units, parts, over);
  const grids: EngineGrid[] = [];
  let contiguous = true;
  built.forEach((g, gi) => {
    if (g) grids.push(g);
    else {
      // Not one piece: keep each unit as its own grid rather than return a multipart grid.
      contiguous = false;
      for (const u of parts[gi]!) grids.push(...(gridsOf(units, [[u]], over) as EngineGrid[]));
    }
  });
  const order = readingOrder(grids.map((g, i) => ({ key: String(i), geometry: g.geometry })));
  const ordered = order.map((k) => grids[Number(k)]!);
  const lowerBound = gridLowerBound(units, profile);
  const compliant = ordered.every((g) => g.exception || gridLoad(g, profile).status !== 'over');
  const fixedArea = fixed.reduce((s, g) => s + areaM2(g.geometry), 0);
  const coverage = ordered.reduce((s, g) => s + areaM2(g.geometry), 0) / Math.max(areaM2(input.boundary) - fixedArea, 1e-9);
  const scores = ordered.map((g) => g.compactness);
  return {
    grids: ordered,
    exceptions,
    lowerBound,
    report: {
      grids: ordered.length,
      lowerBound,
      ratio: lowerBound > 0 ? ordered.length / lowerBound : 1,
      exceptions: exceptions.length,
      extraGrids: stats.extraGrids,
      compliant,
      contiguous,
      coverage,
      households: ordered.reduce((s, g) => s + g.households, 0),
      persons: ordered.reduce((s, g) => s + g.persons, 0),
      meanCompactness: scores.length ? scores.reduce((s, x) => s + x, 0) / scores.length : 0,
      minCompactness: scores.length ? Math.min(...scores) : 0,
      localSearchMoves: moves,
      trees: stats.trees,
      ms: performance.now() - started,
    },
  };
}
