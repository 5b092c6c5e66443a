/**
 * Validation of a whole plan, the same in the browser (after every edit), the API (on every
 * save) and the command line: each grid's rule status, gaps and overlaps inside each
 * community (slivers under a tolerance ignored), grids reaching outside their community,
 * multipart or invalid grids, units left in no grid or cut by a grid boundary, and zones
 * with the wrong number of grids. Geometry is WGS84 `[lng, lat]` degrees; areas m².
 */
import { difference, featureCollection, intersect, pointOnFeature, polygon as turfPolygon, union } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { areaM2, distanceToBoundaryM, perimeterM } from '../geometry/geodesic.js';
import { geometryBBox, pointInPolygon } from '../geometry/point-in-polygon.js';
import { representativePoint } from '../geometry/representative-point.js';
import { normaliseGeometry } from '../geometry/normalise-geometry.js';
import { checkPolygon } from '../geometry/polygon-check.js';
import type { RuleProfile } from '../rule-profile.js';
import { metricsOf } from './grid-metrics.js';
import type { GridGeometry, GridMetrics, LngLat, PlanCommunity, PlanGrid, PlanProblem, UnitKind } from './plan.types.js';
import type { UnitIndex } from './unit-index.js';
import { placeUnits } from './unit-placement.js';

export interface ValidatePlanInput {
  communities: readonly PlanCommunity[];
  grids: readonly PlanGrid[];
  units: UnitIndex;
  profile: Readonly<RuleProfile>;
  /** Gaps, overlaps and overhangs smaller than this are slivers and ignored, m². Default: the profile's. */
  sliverM2?: number;
  /** ...as are pieces thinner than this on average (2·area/perimeter), m. Default: the profile's. */
  sliverWidthM?: number;
  /** A footprint corner further than this outside its unit's grid makes the unit cut, m. Default 0.5. */
  cutToleranceM?: number;
  /** What the units are, for the messages: `building` (default) or `block` (polygon blocks). */
  unitKind?: UnitKind;
}

export interface PlanValidation {
  /**
   * Metrics by grid code: every grid, a multipart or invalid one too (measured as repaired by
   * the normalising step, beside its error); only a grid with unreadable coordinates has none.
   */
  metrics: Map<string, GridMetrics>;
  problems: PlanProblem[];
  /** For each unit, the index of the grid holding it (largest share of a footprint; the grid containing a point), or -1. */
  assignment: Int32Array;
  errors: number;
  warnings: number;
}

export const DEFAULT_SLIVER_M2 = 1;
export const DEFAULT_SLIVER_WIDTH_M = 0.5;
export const DEFAULT_CUT_TOLERANCE_M = 0.5;

type Area = Polygon | MultiPolygon;

const round1 = (x: number): number => Math.round(x * 10) / 10;
const where = (p: Position): LngLat => [Math.round(p[0]! * 1e6) / 1e6, Math.round(p[1]! * 1e6) / 1e6];
const feature = (g: Area): Feature<Area> => ({ type: 'Feature', properties: {}, geometry: g });

function pieces(g: Area | null | undefined): Polygon[] {
  if (!g) return [];
  return g.type === 'Polygon' ? [g] : g.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }));
}

/** The largest of `parts`, rounded to 1e-7° for drawing. */
function largest(parts: Polygon[]): Polygon {
  const best = parts.reduce((a, b) => (areaM2(b) > areaM2(a) ? b : a));
  const r = (n: number) => Math.round(n * 1e7) / 1e7;
  return { type: 'Polygon', coordinates: best.coordinates.map((ring) => ring.map((p) => [r(p[0]!), r(p[1]!)])) };
}

function onSurface(g: Polygon): LngLat {
  return where(pointOnFeature(turfPolygon(g.coordinates)).geometry.coordinates);
}

/**
 * The grid as one valid Polygon for the community checks, or the structural problem that
 * keeps it out of them; either way the geometry it is measured by (as given when valid, else
 * as the normalising step repairs it; null only when its coordinates cannot be read).
 */
function structure(grid: PlanGrid): { shape: Polygon | null; measured: GridGeometry | null; problem?: PlanProblem } {
  let g: GridGeometry = grid.geometry;
  const repaired = (): GridGeometry | null => {
    const n = normaliseGeometry(grid.geometry, { expect: 'polygon' });
    return n.geometry as GridGeometry | null;
  };
  if (g.type === 'MultiPolygon') {
    if (g.coordinates.length !== 1) {
      const first = g.coordinates[0]?.[0]?.[0];
      return {
        shape: null,
        measured: repaired(),
        problem: {
          kind: 'multipart',
          severity: 'error',
          grids: [grid.code],
          communityCode: grid.communityCode,
          ...(first ? { location: where(first) } : {}),
          figures: { parts: g.coordinates.length },
          message: `grid ${grid.code} is in ${g.coordinates.length} separate parts: a grid must be one piece; split it into separate grids or join the parts`,
        },
      };
    }
    g = { type: 'Polygon', coordinates: g.coordinates[0]! };
  }
  const check = checkPolygon(g);
  if (!check.valid) {
    return {
      shape: null,
      measured: repaired(),
      problem: {
        kind: 'invalid_geometry',
        severity: 'error',
        grids: [grid.code],
        communityCode: grid.communityCode,
        ...(check.at ? { location: check.at } : {}),
        message: `grid ${grid.code}: ${check.reason}`,
      },
    };
  }
  return { shape: g, measured: g };
}

/**
 * Validates a plan; never throws on bad geometry (it is reported as a problem).
 *
 * @example
 * const v = validatePlan({ communities, grids, units: createUnitIndex(buildings), profile });
 * v.problems.filter((p) => p.severity === 'error') // what blocks a save
 */
export function validatePlan(input: ValidatePlanInput): PlanValidation {
  const sliverM2 = input.sliverM2 ?? input.profile.sliverM2 ?? DEFAULT_SLIVER_M2;
  const sliverWidthM = input.sliverWidthM ?? input.profile.sliverWidthM ?? DEFAULT_SLIVER_WIDTH_M;
  const cutTolerance = input.cutToleranceM ?? DEFAULT_CUT_TOLERANCE_M;
  const { grids, units: index, profile } = input;
  const units = index.units;
  const isSliver = (g: Area): boolean => {
    const a = areaM2(g);
    return a < sliverM2 || (2 * a) / Math.max(perimeterM(g), 1e-9) < sliverWidthM;
  };

  const problems: PlanProblem[] = [];
  const structures = grids.map((grid) => {
    const s = structure(grid);
    if (s.problem) problems.push(s.problem);
    return s;
  });
  const shapes: (Polygon | null)[] = structures.map((s) => s.shape);
  const measured = structures.map((s) => s.measured);

  // Which grid holds each unit: the one rule of unit-placement.ts, over every measurable grid.
  const assignment = new Int32Array(units.length).fill(-1);
  const held: number[][] = grids.map(() => []);
  const measurable = measured.flatMap((m, i) => (m ? [i] : []));
  const placements = placeUnits(
    units,
    measurable.map((i) => ({ code: grids[i]!.code, geometry: measured[i]! })),
  );
  placements.forEach((p, ui) => {
    if (p.grid < 0) return;
    const gi = measurable[p.grid]!;
    assignment[ui] = gi;
    held[gi]!.push(ui);
  });

  const metrics = new Map<string, GridMetrics>();
  const { maxHouseholds, maxPersons } = profile;
  const kind: UnitKind = input.unitKind ?? 'building';
  const noun = kind === 'block' ? 'block' : 'building';
  const nouns = `${noun}s`;
  const capText = `${maxHouseholds} households ${profile.combine === 'any' ? 'or' : 'and'} ${maxPersons} persons`;
  measurable.forEach((gi) => {
    const grid = grids[gi]!;
    // Dedicated grids (schools, hospitals…) are sized by their institution: status `exempt`.
    const m = metricsOf(measured[gi]!, index, held[gi]!, profile, { type: grid.type ?? null });
    metrics.set(grid.code, m);
    if (m.load.status === 'ok' || m.load.status === 'exempt') return;
    const figures = {
      households: m.households,
      persons: m.persons,
      maxHouseholds,
      maxPersons,
      load: Math.round(m.load.load * 1000) / 1000,
    };
    const base = {
      severity: 'warning' as const,
      grids: [grid.code],
      communityCode: grid.communityCode,
      location: where(representativePoint(measured[gi]!)),
      figures,
    };
    // One unit over the rule on its own: nothing can split it, the grid is an exception.
    const single = m.load.status === 'over' && m.units.length === 1 ? units[m.units[0]!]! : null;
    problems.push(
      single
        ? {
            ...base,
            kind: 'over_cap',
            exception: 'single_unit_over_rule',
            units: [single.id],
            unitKind: kind,
            message: `grid ${grid.code} is one ${noun} (${single.id}) with ${m.households} households and ${m.persons} persons, over the rule (${capText}) on its own: a ${noun} cannot be split, so the grid stays as it is — an exception, not a fault of the plan`,
          }
        : m.load.status === 'over'
          ? {
              ...base,
              kind: 'over_cap',
              message: `grid ${grid.code} has ${m.households} households and ${m.persons} persons, over the rule (${capText}): split it or move ${nouns} to a neighbour`,
            }
          : {
              ...base,
              kind: 'under_fill',
              message: `grid ${grid.code} has ${m.households} households and ${m.persons} persons, under ${Math.round(profile.underFillRatio * 100)}% of the cap: merge it with a neighbour`,
            },
    );
  });

  // Units cut by a grid boundary: shared between grids, reaching clearly outside the grid holding them.
  placements.forEach((p, ui) => {
    const u = units[ui]!;
    if (p.shares.length < 2 || !u.footprint) return;
    const gi = assignment[ui]!;
    const shape = measured[gi]!;
    const out = u.footprint[0]?.some((q) => !pointInPolygon(q, shape) && distanceToBoundaryM(q, shape) > cutTolerance);
    if (!out) return;
    const shares = p.shares.map((s) => ({ grid: grids[measurable[s.grid]!]!.code, share: Math.round(s.share * 1000) / 1000 }));
    const pct = (x: number): string => `${Math.round(x * 100)}%`;
    problems.push({
      kind: 'cut_unit',
      severity: 'warning',
      grids: shares.map((s) => s.grid),
      units: [u.id],
      unitKind: kind,
      shares,
      communityCode: grids[gi]!.communityCode,
      location: where(u.point),
      figures: { households: u.households, persons: u.persons },
      message:
        `${noun} ${u.id} (${u.households} households) is cut by a grid boundary: ${shares.map((s) => `${pct(s.share)} in grid ${s.grid}`).join(', ')}; ` +
        `it counts in grid ${grids[gi]!.code}, which holds the largest share — move the boundary so the whole ${noun} lies in one grid`,
    });
  });

  for (const community of input.communities) {
    problems.push(...checkCommunity(community, grids, shapes, index, assignment, { sliverM2, isSliver, cutTolerance, kind }));
  }

  // Zones (片) must hold the profile's number of grids.
  const zoneSizes = new Map<string, string[]>();
  grids.forEach((g) => {
    if (g.zoneCode) zoneSizes.set(g.zoneCode, [...(zoneSizes.get(g.zoneCode) ?? []), g.code]);
  });
  for (const [zone, codes] of zoneSizes) {
    if (codes.length >= profile.minGridsPerZone && codes.length <= profile.maxGridsPerZone) continue;
    problems.push({
      kind: 'zone_size',
      severity: 'warning',
      grids: codes,
      zoneCode: zone,
      communityCode: zone.slice(0, 12),
      figures: { grids: codes.length, min: profile.minGridsPerZone, max: profile.maxGridsPerZone },
      message: `zone ${zone} has ${codes.length} grid(s); a zone should have ${profile.minGridsPerZone}–${profile.maxGridsPerZone}`,
    });
  }

  const errors = problems.filter((p) => p.severity === 'error').length;
  return { metrics, problems, assignment, errors, warnings: problems.length - errors };
}

interface CommunityOptions {
  kind: UnitKind;
  sliverM2: number;
  isSliver: (g: Area) => boolean;
  cutTolerance: number;
}

/** Outside, overlap, gap and unassigned-unit problems of one community's grids. */
function checkCommunity(
  community: PlanCommunity,
  grids: readonly PlanGrid[],
  shapes: readonly (Polygon | null)[],
  index: UnitIndex,
  assignment: Int32Array,
  o: CommunityOptions,
): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const mine = grids.flatMap((g, i) => (g.communityCode === community.code && shapes[i] ? [i] : []));
  const boundary = community.geometry;
  const area = (g: Area): number => round1(areaM2(g));

  // Outside: only grids with a corner clearly outside the boundary pay for a polygon difference.
  for (const gi of mine) {
    const shape = shapes[gi]!;
    const corner = shape.coordinates[0]!.some((p) => !pointInPolygon(p, boundary) && distanceToBoundaryM(p, boundary) > o.cutTolerance);
    if (!corner) continue;
    const over = pieces(difference(featureCollection([feature(shape), feature(boundary)]))?.geometry).filter((p) => !o.isSliver(p));
    if (over.length === 0) continue;
    const total = over.reduce((s, p) => s + areaM2(p), 0);
    problems.push({
      kind: 'outside_community',
      severity: 'error',
      grids: [grids[gi]!.code],
      communityCode: community.code,
      location: onSurface(over[0]!),
      areaM2: round1(total),
      shape: largest(over),
      message: `grid ${grids[gi]!.code} reaches ${round1(total)} m² outside community ${community.code}: move its boundary back inside`,
    });
  }

  // Overlaps: the union is as large as the sum of the parts unless some grids overlap.
  const merged =
    mine.length === 0
      ? null
      : mine.length === 1
        ? shapes[mine[0]!]!
        : (union(featureCollection(mine.map((i) => feature(shapes[i]!))))?.geometry ?? null);
  const sum = mine.reduce((s, i) => s + areaM2(shapes[i]!), 0);
  if (merged && sum - areaM2(merged) > o.sliverM2) {
    const boxes = mine.map((i) => geometryBBox(shapes[i]!));
    for (let a = 0; a < mine.length; a++) {
      for (let b = a + 1; b < mine.length; b++) {
        const A = boxes[a]!;
        const B = boxes[b]!;
        if (A[0] > B[2] || B[0] > A[2] || A[1] > B[3] || B[1] > A[3]) continue;
        const both = pieces(intersect(featureCollection([feature(shapes[mine[a]!]!), feature(shapes[mine[b]!]!)]))?.geometry).filter(
          (p) => !o.isSliver(p),
        );
        if (both.length === 0) continue;
        const total = both.reduce((s, p) => s + areaM2(p), 0);
        const codes = [grids[mine[a]!]!.code, grids[mine[b]!]!.code];
        problems.push({
          kind: 'overlap',
          severity: 'error',
          grids: codes,
          communityCode: community.code,
          location: onSurface(both[0]!),
          areaM2: round1(total),
          shape: largest(both),
          message: `grids ${codes[0]} and ${codes[1]} overlap by ${round1(total)} m²: give the shared area to one of them`,
        });
      }
    }
  }

  // Gaps: what of the community no grid covers; units inside a gap are listed with it.
  const gaps = merged ? pieces(difference(featureCollection([feature(boundary), feature(merged)]))?.geometry) : pieces(boundary);
  const loose = index
    .search(geometryBBox(boundary))
    .filter((u) => assignment[u] === -1 && pointInPolygon(index.units[u]!.point, boundary))
    .sort((a, b) => a - b);
  const placed = new Set<number>();
  for (const gap of gaps) {
    if (o.isSliver(gap)) continue;
    const inside = loose.filter((u) => pointInPolygon(index.units[u]!.point, gap));
    inside.forEach((u) => placed.add(u));
    const households = inside.reduce((s, u) => s + index.units[u]!.households, 0);
    const persons = inside.reduce((s, u) => s + index.units[u]!.persons, 0);
    problems.push({
      kind: 'gap',
      severity: 'warning',
      grids: [],
      ...(inside.length > 0 ? { units: inside.map((u) => index.units[u]!.id) } : {}),
      communityCode: community.code,
      location: onSurface(gap),
      areaM2: area(gap),
      shape: largest([gap]),
      figures: { units: inside.length, households, persons },
      ...(inside.length > 0 ? { unitKind: o.kind } : {}),
      message: `${area(gap)} m² of community ${community.code} is in no grid${inside.length > 0 ? `, with ${inside.length} ${o.kind}(s) and ${households} households` : ''}: extend a neighbouring grid over it`,
    });
  }
  const rest = loose.filter((u) => !placed.has(u));
  if (rest.length > 0) {
    const households = rest.reduce((s, u) => s + index.units[u]!.households, 0);
    problems.push({
      kind: 'unassigned_unit',
      severity: 'warning',
      grids: [],
      units: rest.map((u) => index.units[u]!.id),
      communityCode: community.code,
      location: where(index.units[rest[0]!]!.point),
      figures: { units: rest.length, households },
      unitKind: o.kind,
      message: `${rest.length} ${o.kind}(s) of community ${community.code} (${households} households) lie in no grid: extend a grid over them`,
    });
  }
  return problems;
}
