/**
 * Auto-delineation: divides a community's units into as few grids as the rule allows, each
 * grid a connected union of whole units, compact, and within the rule. Units over the rule
 * on their own become their own grids and are reported as exceptions. The method: a
 * recursive spanning-tree bipartition towards the lower-bound number of grids
 * (tree-partition.ts), then fewer grids by draining light grids (drain-grids.ts) and by
 * merging a light grid with its neighbours and re-splitting them into one grid fewer
 * (merge-resplit.ts), then a compactness local search (compactness-search.ts).
 * Degrees `[lng, lat]`; households and persons are counts; deterministic for a seed.
 */
import { difference, featureCollection, intersect, polygon as turfPolygon, union } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import type { GeometryRepair } from '../geometry/normalise.types.js';
import { areaM2, perimeterM } from '../geometry/geodesic.js';
import { geometryBBox, pointInPolygon } from '../geometry/point-in-polygon.js';
import { representativePoint } from '../geometry/representative-point.js';
import { polsbyPopper } from '../plan/grid-metrics.js';
import { readingOrder } from '../plan/grid-serials.js';
import type { PlanGrid, UnitKind } from '../plan/plan.types.js';
import { createRandom } from '../random.js';
import { gridLoad, type RuleProfile } from '../rule-profile.js';
import { improveCompactness, type SearchGraph } from './compactness-search.js';
import { checkpoint, type EngineRunOptions } from './engine-progress.js';
import type { EngineException, EngineGrid, EngineUnit } from './engine.types.js';
import { unitKindField, unitLabel } from './unit-label.js';
import { unionFaces } from './grid-union.js';
import { validOutline } from './valid-outline.js';
import { balanceFigures, balanceGrids, type BalanceBy, type BalanceFigures } from './balance-search.js';
import { snapCoverage } from './coverage-snap.js';
import { interiorPoint, outputReport, type GridPieces } from './output-report.js';
import { packingLowerBound } from './packing-bound.js';
import { drainGrids } from './drain-grids.js';
import { mergeResplit } from './merge-resplit.js';
import { treePartition, type PartitionStats } from './tree-partition.js';
import { polygonAdjacency } from './unit-graph.js';

export interface DelineateInput extends EngineRunOptions {
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
  /**
   * Plan grids to at most this share of the caps (0 < f ≤ 1, default 1), so they absorb
   * growth without redrawing; compliance is still judged against the full caps.
   */
  targetFill?: number;
  /** Even out households or persons between the grids (default: no balancing beyond the tree cuts' own). */
  balance?: BalanceBy | 'none';
  /** What polygon units without buildings are (census blocks, building footprints), for messages; "unit" when absent. */
  unitKind?: UnitKind;
}

export interface DelineateReport {
  grids: number;
  /** Simple lower bound at the planned caps (target fill × caps): totals over the caps. */
  lowerBound: number;
  /** Martello–Toth L2 bound at the planned caps: tighter when units are large against the cap. */
  l2Bound: number;
  /** grids ÷ lower bound. */
  ratio: number;
  /** grids ÷ L2 bound. */
  ratioL2: number;
  /** Share of the caps grids were planned to (1: packed to the caps). */
  targetFill: number;
  exceptions: number;
  /** Grids beyond the lower-bound count of their component (none fitted even after repair). */
  extraGrids: number;
  /** Grids dropped by dissolving one into its neighbours and repairing the excess. */
  repairedGrids: number;
  /** Grids dropped below the household count under \`any\`, where grids met the rule by persons. */
  packedGrids: number;
  /** Every grid within the rule or a reported exception, every unit in exactly one grid (from the written grids). */
  compliant: boolean;
  /** Every grid one Polygon (from the written outlines). */
  contiguous: boolean;
  /**
   * Grids written in more than one piece (reading-order index; every part's area, m², largest
   * first): their units meet only at a point, so the valid outline is a MultiPolygon.
   */
  pieces: GridPieces[];
  /** Grid outlines the normalising step repaired before writing (reading-order index, what was done). */
  repairedOutlines: { grid: number; repairs: GeometryRepair[] }[];
  /** Sum of grid areas ÷ boundary area minus locked/dedicated areas (1 = covered exactly). */
  coverage: number;
  /** Area where written grids overlap, m² (slivers under the profile's sliver area ignored). */
  overlapM2: number;
  /** Ids of units (or buildings) in no written grid, and in more than one. */
  unplaced: string[];
  doubled: string[];
  /** Reading-order indices of grids over the rule that are not reported exceptions. */
  violations: number[];
  /** Households and persons located in the written grids. */
  households: number;
  persons: number;
  /** Spread of households (or the balanced measure) over the grids that are not exceptions. */
  balance: BalanceFigures;
  /** Coverage snapping of independently drawn polygon units (absent for units of one planar graph). */
  snapped?: { units: number; movedVertices: number; insertedVertices: number };
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

/** The profile with its caps scaled to the target fill (the caps the partition plans to). */
export function plannedProfile(profile: Readonly<RuleProfile>, targetFill: number): Readonly<RuleProfile> {
  return targetFill >= 1
    ? profile
    : { ...profile, maxHouseholds: profile.maxHouseholds * targetFill, maxPersons: profile.maxPersons * targetFill };
}

/** Grids the totals need at least: households over the cap (and persons over theirs under `all`). */
export function gridsNeeded(households: number, persons: number, profile: Readonly<RuleProfile>): number {
  const byHouseholds = Math.ceil(households / profile.maxHouseholds);
  return profile.combine === 'all' ? Math.max(byHouseholds, Math.ceil(persons / profile.maxPersons)) : byHouseholds;
}

/**
 * Units left after carving out locked and dedicated grids (clipped where they overlap one),
 * with the input index of each, and whether any had to be clipped (when none was, the
 * units already follow the outlines: `buildUnits` took them as cut lines).
 */
function carve(units: readonly EngineUnit[], fixed: readonly PlanGrid[]): { units: EngineUnit[]; from: number[]; clipped: boolean } {
  if (fixed.length === 0) return { units: units.slice(), from: units.map((_, i) => i), clipped: false };
  const boxes = fixed.map((g) => geometryBBox(g.geometry));
  const out: EngineUnit[] = [];
  const from: number[] = [];
  let clipped = false;
  units.forEach((u, ui) => {
    const point = representativePoint(u.geometry.coordinates);
    if (fixed.some((g) => pointInPolygon(point, g.geometry))) return;
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
    if (geometry !== u.geometry) clipped = true;
    out.push(geometry === u.geometry ? u : { ...u, geometry });
    from.push(ui);
  });
  return { units: out, from, clipped };
}

/** The adjacency of the kept units, renumbered from the input's. */
function keptAdjacency(adjacency: readonly Map<number, number>[], from: readonly number[]): Map<number, number>[] {
  const to = new Map(from.map((f, i) => [f, i]));
  return from.map((f) => {
    const m = new Map<number, number>();
    for (const [w, len] of adjacency[f]!) {
      const j = to.get(w);
      if (j !== undefined) m.set(j, len);
    }
    return m;
  });
}

/** Boundaries of independently drawn units this close (metres) are made to coincide. */
export const SNAP_TOLERANCE_M = 1;

/** Rounds of draining and merge-and-re-split; a round runs only after the last one dropped a grid. */
const REDUCE_ROUNDS = 4;

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

/**
 * A grid's outline with the islands of its units: their union (an island touching the grid,
 * or another island, joins it), so the MultiPolygon is valid.
 */
function withIslands(main: Polygon | MultiPolygon, islands: readonly Polygon[]): Polygon | MultiPolygon {
  const merged = union(
    featureCollection<Polygon | MultiPolygon>([
      { type: 'Feature', properties: {}, geometry: main },
      ...islands.map((q) => turfPolygon(q.coordinates)),
    ]),
  )?.geometry;
  if (!merged) return main;
  return merged.type === 'MultiPolygon' && merged.coordinates.length === 1
    ? { type: 'Polygon', coordinates: merged.coordinates[0]! }
    : merged;
}

const partCount = (g: Polygon | MultiPolygon): number => (g.type === 'Polygon' ? 1 : g.coordinates.length);

/** Turns lists of unit indices into grids (union of faces made valid, totals, compactness). */
export function gridsOf(
  units: readonly EngineUnit[],
  parts: readonly number[][],
  exceptions: ReadonlySet<number> = new Set(),
  run?: EngineRunOptions,
): (EngineGrid | null)[] {
  return parts.map((p, gi) => {
    checkpoint(run, 'outline', gi, parts.length);
    const faces = unionFaces(p.map((i) => units[i]!.geometry));
    if (!faces) return null;
    // A ring touching itself (a pinch) is repaired as ST_MakeValid would: lobes become parts, a pinched-off hole a hole.
    const { geometry: main, repairs } = validOutline(faces);
    // Islands of multipart units ride with their unit: extra parts of the grid's outline.
    const islands = p.flatMap((i) => units[i]!.islands ?? []);
    const geometry: Polygon | MultiPolygon = islands.length === 0 ? main : withIslands(main, islands);
    const households = p.reduce((s, i) => s + units[i]!.households, 0);
    const persons = p.reduce((s, i) => s + units[i]!.persons, 0);
    const extra = partCount(geometry) - partCount(main);
    const grid: EngineGrid = {
      geometry,
      unitIds: p.map((i) => units[i]!.id),
      households,
      persons,
      compactness: polsbyPopper(areaM2(main), perimeterM(main)),
      ...(extra > 0 ? { islands: extra } : {}),
      ...(repairs.length > 0 ? { repairs } : {}),
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
  const targetFill = input.targetFill ?? 1;
  if (!(targetFill > 0 && targetFill <= 1)) throw new RangeError(`targetFill must be in (0, 1], got ${targetFill}`);
  // Every decision of the partition is taken against the planned caps.
  const planning = plannedProfile(profile, targetFill);
  const fixed = [...(input.locked ?? []), ...(input.dedicated ?? [])];
  // Independently drawn polygons first share their common boundaries exactly, so grid outlines are exact unions.
  const snap = input.adjacency
    ? null
    : snapCoverage(
        input.units.map((u) => u.geometry),
        SNAP_TOLERANCE_M,
      );
  const source = snap
    ? input.units.map((u, i) => (snap.polygons[i] === u.geometry ? u : { ...u, geometry: snap.polygons[i]! }))
    : input.units;
  const carved = carve(source, fixed);
  const units = carved.units;
  let adjacency: readonly Map<number, number>[];
  if (!input.adjacency || carved.clipped) adjacency = polygonAdjacency(units.map((u) => u.geometry));
  else adjacency = fixed.length === 0 ? input.adjacency : keptAdjacency(input.adjacency, carved.from);
  const graph = searchGraph(units, adjacency);
  const rng = createRandom(input.seed ?? 1);
  const stats: PartitionStats = { extraGrids: 0, trees: 0 };

  // Units over the planned caps are grids of their own; those over the rule itself are exceptions.
  const over = new Set<number>();
  const overRule = new Set<number>();
  units.forEach((u, i) => {
    if (gridLoad(u, planning).status === 'over') over.add(i);
    if (gridLoad(u, profile).status === 'over') overRule.add(i);
  });
  const exceptions: EngineException[] = [...overRule].map((i) => {
    const u = units[i]!;
    return {
      unitId: u.id,
      households: u.households,
      persons: u.persons,
      ...(u.buildings ? { buildings: u.buildings } : {}),
      ...unitKindField(u, input.unitKind),
      message: `${unitLabel(u, input.unitKind)} has ${u.households} households and ${u.persons} persons, over the rule on its own and indivisible: it is its own grid`,
    };
  });
  const rest = units.map((_, i) => i).filter((i) => !over.has(i));
  const parts: number[][] = [...over].map((i) => [i]);
  const empty: number[][] = [];
  const comps = components(adjacency, rest);
  let repairedGrids = 0;
  let extraGrids = 0;
  let packedGrids = 0;
  comps.forEach((comp, ci) => {
    checkpoint(input, 'partition', ci, comps.length);
    const households = comp.reduce((s, i) => s + units[i]!.households, 0);
    const persons = comp.reduce((s, i) => s + units[i]!.persons, 0);
    if (households === 0 && persons === 0) {
      empty.push(comp);
      return;
    }
    const k = Math.max(1, gridsNeeded(households, persons, planning));
    const r = rng.fork(`c${comp[0]}`);
    // The permissive tree partition adds grids where no tree cut fits; draining and
    // merge-and-re-split then take them away again (a strict partition of the whole
    // component at the bound rarely succeeds on irregular units and costs more than it saves).
    const found = treePartition(graph, comp, k, planning, r, stats);
    const first = found.length;
    checkpoint(input, 'repair', ci, comps.length);
    for (let round = 0; round < REDUCE_ROUNDS; round++) {
      const d =
        drainGrids(graph, found, planning, { run: input }) + mergeResplit(graph, found, planning, r.fork(`merge${round}`), { run: input });
      if (d === 0) break;
    }
    repairedGrids += Math.max(0, first - Math.max(k, found.length));
    packedGrids += Math.max(0, k - found.length);
    extraGrids += Math.max(0, found.length - k);
    parts.push(...found);
  });
  checkpoint(input, 'partition', comps.length, comps.length);
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
  checkpoint(input, 'search', 0, 1);
  const moves = input.localSearch === false ? 0 : improveCompactness(graph, parts, planning, exceptionGrids);
  const by: BalanceBy = input.balance && input.balance !== 'none' ? input.balance : 'households';
  if (input.balance && input.balance !== 'none')
    balanceGrids(graph, parts, planning, rng.fork('balance'), { by, fixed: exceptionGrids, run: input });
  checkpoint(input, 'search', 1, 1);

  const built = gridsOf(units, parts, overRule, input);
  const grids: EngineGrid[] = [];
  let contiguous = true;
  built.forEach((g, gi) => {
    if (g) grids.push(g);
    else {
      // Not one piece: keep each unit as its own grid rather than return a multipart grid.
      contiguous = false;
      for (const u of parts[gi]!) grids.push(...(gridsOf(units, [[u]], overRule) as EngineGrid[]));
    }
  });
  const order = readingOrder(grids.map((g, i) => ({ key: String(i), geometry: g.geometry })));
  const ordered = order.map((k) => grids[Number(k)]!);
  const lowerBound = gridLowerBound(units, planning);
  const l2Bound = Math.max(lowerBound, packingLowerBound(units, planning));
  const fixedArea = fixed.reduce((s, g) => s + areaM2(g.geometry), 0);
  // The figures of the report come from the written outlines: each unit located by a point inside it.
  const checked = outputReport({
    grids: ordered,
    units: units.map((u) => ({
      id: u.id,
      point: interiorPoint(u.geometry, representativePoint(u.geometry.coordinates)),
      households: u.households,
      persons: u.persons,
    })),
    profile,
    coverArea: areaM2(input.boundary) - fixedArea,
    sliverWidthM: Math.max(profile.sliverWidthM, SNAP_TOLERANCE_M),
  });
  const scores = ordered.map((g) => g.compactness);
  const spread = balanceFigures(
    by,
    checked.perGrid.filter((_, i) => !ordered[i]!.exception).map((f) => f[by]),
  );
  return {
    grids: ordered,
    exceptions,
    lowerBound,
    report: {
      grids: ordered.length,
      lowerBound,
      l2Bound,
      ratio: lowerBound > 0 ? ordered.length / lowerBound : 1,
      ratioL2: l2Bound > 0 ? ordered.length / l2Bound : 1,
      targetFill,
      exceptions: exceptions.length,
      extraGrids,
      repairedGrids,
      packedGrids,
      compliant: checked.compliant && checked.overlaps.length === 0,
      contiguous: contiguous && checked.contiguous,
      pieces: checked.pieces,
      repairedOutlines: ordered.flatMap((g, grid) => (g.repairs ? [{ grid, repairs: g.repairs }] : [])),
      coverage: checked.coverage,
      overlapM2: checked.overlapM2,
      unplaced: checked.unplaced,
      doubled: checked.doubled,
      violations: checked.violations,
      households: checked.households,
      persons: checked.persons,
      balance: spread,
      ...(snap
        ? { snapped: { units: snap.changed.length, movedVertices: snap.movedVertices, insertedVertices: snap.insertedVertices } }
        : {}),
      meanCompactness: scores.length ? scores.reduce((s, x) => s + x, 0) / scores.length : 0,
      minCompactness: scores.length ? Math.min(...scores) : 0,
      localSearchMoves: moves,
      trees: stats.trees,
      ms: performance.now() - started,
    },
  };
}
