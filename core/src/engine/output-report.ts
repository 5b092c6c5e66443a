/**
 * The report of an engine run worked out again from what it writes, not from its internal
 * assignment: every unit (a building point, or a polygon unit by a point inside it) is located
 * in the written grid outlines, the grids' counts are the sums of what lies in them, and
 * compliance, coverage, overlaps and contiguity are read off the outlines. A unit in no grid
 * or in two is named, never dropped or counted twice. Degrees `[lng, lat]`; areas m².
 */
import { featureCollection, intersect } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { areaM2, perimeterM } from '../geometry/geodesic.js';
import { geometryBBox, pointInPolygon } from '../geometry/point-in-polygon.js';
import { gridLoad, type RuleProfile } from '../rule-profile.js';
import { partAreasM2 } from './valid-outline.js';

export interface OutputGrid {
  geometry: Polygon | MultiPolygon;
  /** An indivisible unit over the rule on its own, reported as an exception. */
  exception?: boolean;
  /** Parts of the outline that are islands of multipart units (the grid is one piece besides them). */
  islands?: number;
}

export interface LocatedUnit {
  id: string;
  /** A point inside the unit, `[lng, lat]`. */
  point: [number, number];
  households: number;
  persons: number;
}

export interface OutputGridFigures {
  households: number;
  persons: number;
  /** Ids of the units located in the grid. */
  units: string[];
  areaM2: number;
  /** One Polygon, besides the islands of its multipart units. */
  onePiece: boolean;
  over: boolean;
}

export interface OutputReport {
  perGrid: OutputGridFigures[];
  households: number;
  persons: number;
  /** Units located in no grid. */
  unplaced: string[];
  /** Units located in more than one grid (counted in the first only). */
  doubled: string[];
  /** Indices of grids over the rule that are not reported exceptions. */
  violations: number[];
  compliant: boolean;
  contiguous: boolean;
  /** Sum of grid areas ÷ the area to cover (1 = covered exactly when nothing overlaps). */
  coverage: number;
  /**
   * Area where two grids overlap, summed over pairs, m²: pieces that are slivers (at most the
   * sliver area, or thinner on average — 2·area ÷ perimeter — than the sliver width) are
   * ignored, as the PostGIS check and `validatePlan` ignore them; screened by vertices inside
   * another grid.
   */
  overlapM2: number;
  /** Pairs of grid indices overlapping by more than the sliver area. */
  overlaps: [number, number][];
  /** Grids not in one piece (islands of multipart units aside): index and every part's area, m², largest first. */
  pieces: GridPieces[];
}

export interface GridPieces {
  grid: number;
  areasM2: number[];
}

export interface OutputReportInput {
  grids: readonly OutputGrid[];
  units: readonly LocatedUnit[];
  profile: Readonly<RuleProfile>;
  /** Area the grids should cover, m² (the boundary less locked and dedicated grids). */
  coverArea: number;
  /**
   * Overlap pieces thinner on average than this are slivers, m (default the profile's
   * `sliverWidthM`). The engine passes at least its snap tolerance: strips thinner than the
   * distance it joins vertices within come from the inputs' own imprecision, not the division.
   */
  sliverWidthM?: number;
}

const boxesOverlap = (a: readonly number[], b: readonly number[]): boolean =>
  a[0]! <= b[2]! && b[0]! <= a[2]! && a[1]! <= b[3]! && b[1]! <= a[3]!;

/**
 * @example
 * const report = outputReport({ grids: result.grids, units: buildings, profile, coverArea: areaM2(boundary) });
 * report.unplaced // [] when every building lies in a grid
 */
export function outputReport(input: OutputReportInput): OutputReport {
  const { grids, profile } = input;
  const sliverWidthM = input.sliverWidthM ?? profile.sliverWidthM;
  // A piece's area when it is neither small nor thin, else 0.
  const substantialArea = (piece: Polygon): number => {
    const a = areaM2(piece);
    return a <= profile.sliverM2 || (2 * a) / Math.max(perimeterM(piece), 1e-9) < sliverWidthM ? 0 : a;
  };
  const boxes = grids.map((g) => geometryBBox(g.geometry));
  const perGrid: OutputGridFigures[] = grids.map((g) => ({
    households: 0,
    persons: 0,
    units: [],
    areaM2: areaM2(g.geometry),
    onePiece: (g.geometry.type === 'Polygon' ? 1 : g.geometry.coordinates.length) - (g.islands ?? 0) === 1,
    over: false,
  }));
  const unplaced: string[] = [];
  const doubled: string[] = [];
  for (const u of input.units) {
    const [x, y] = u.point;
    let first = -1;
    let count = 0;
    grids.forEach((g, i) => {
      const b = boxes[i]!;
      if (x < b[0] || x > b[2] || y < b[1] || y > b[3] || !pointInPolygon(u.point, g.geometry)) return;
      count++;
      if (first < 0) first = i;
    });
    if (first < 0) {
      unplaced.push(u.id);
      continue;
    }
    if (count > 1) doubled.push(u.id);
    const f = perGrid[first]!;
    f.households += u.households;
    f.persons += u.persons;
    f.units.push(u.id);
  }
  const violations: number[] = [];
  perGrid.forEach((f, i) => {
    f.over = gridLoad(f, profile).status === 'over';
    if (f.over && !grids[i]!.exception) violations.push(i);
  });
  // Overlaps: grids whose boxes meet, screened by vertices and edge midpoints of one lying
  // strictly inside the other (vertices the two share are on both boundaries), then measured
  // exactly. The screen can miss exotic crossings; the PostGIS check is the complete one.
  const vertexKeys = grids.map((g) => new Set(rings(g.geometry).flatMap((r) => r.map((p) => `${p[0]},${p[1]}`))));
  // Vertices and edge midpoints: an edge of one grid running through the other has its midpoint inside.
  const edgesOf = grids.map((g) => rings(g.geometry).flatMap((r) => r.slice(1).map((p, k) => [r[k]!, p] as const)));
  const inside = (i: number, x: number, y: number): boolean => {
    const b = boxes[i]!;
    return x > b[0] && x < b[2] && y > b[1] && y < b[3] && pointInPolygon([x, y], grids[i]!.geometry);
  };
  const intrudes = (i: number, j: number): boolean => {
    const keys = vertexKeys[i]!;
    for (const [a, c] of edgesOf[j]!) {
      const aShared = keys.has(`${a[0]},${a[1]}`);
      const cShared = keys.has(`${c[0]},${c[1]}`);
      // An edge both grids have is on both boundaries; otherwise its unshared end and its midpoint are tested.
      if (aShared && cShared) continue;
      if (!aShared && inside(i, a[0]!, a[1]!)) return true;
      if (inside(i, (a[0]! + c[0]!) / 2, (a[1]! + c[1]!) / 2)) return true;
    }
    return false;
  };
  let overlapM2 = 0;
  const overlaps: [number, number][] = [];
  for (let i = 0; i < grids.length; i++) {
    for (let j = i + 1; j < grids.length; j++) {
      if (!boxesOverlap(boxes[i]!, boxes[j]!) || !(intrudes(i, j) || intrudes(j, i))) continue;
      const over = intersect(featureCollection([feature(grids[i]!.geometry), feature(grids[j]!.geometry)]));
      if (!over) continue;
      const a = pieces(over.geometry).reduce((sum, piece) => sum + substantialArea(piece), 0);
      if (a === 0) continue;
      overlapM2 += a;
      overlaps.push([i, j]);
    }
  }
  const gridArea = perGrid.reduce((s, f) => s + f.areaM2, 0);
  return {
    perGrid,
    households: perGrid.reduce((s, f) => s + f.households, 0),
    persons: perGrid.reduce((s, f) => s + f.persons, 0),
    unplaced,
    doubled,
    violations,
    compliant: violations.length === 0 && unplaced.length === 0 && doubled.length === 0,
    contiguous: perGrid.every((f) => f.onePiece),
    pieces: perGrid.flatMap((f, grid) => (f.onePiece ? [] : [{ grid, areasM2: partAreasM2(grids[grid]!.geometry) }])),
    coverage: gridArea / Math.max(input.coverArea, 1e-9),
    overlapM2,
    overlaps,
  };
}

function pieces(geometry: Polygon | MultiPolygon): Polygon[] {
  return geometry.type === 'Polygon' ? [geometry] : geometry.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }));
}

function rings(geometry: Polygon | MultiPolygon): Position[][] {
  return geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
}

function feature(geometry: Polygon | MultiPolygon): Feature<Polygon | MultiPolygon> {
  return { type: 'Feature', properties: {}, geometry };
}

/**
 * A point strictly inside a polygon, to locate a unit by: its representative point when that
 * lies inside, else the middle of the widest stretch of a horizontal line through the middle
 * of its extent (the scan-line rule of GEOS's point on surface). Degrees `[lng, lat]`.
 */
export function interiorPoint(polygon: Polygon, point: [number, number]): [number, number] {
  if (pointInPolygon(point, polygon)) return point;
  const ys = polygon.coordinates[0]!.map((p) => p[1]!).sort((a, b) => a - b);
  // A line between two vertex heights, so it crosses no vertex.
  const mid = ys[Math.floor(ys.length / 2)]!;
  const next = ys.find((y) => y > mid) ?? mid;
  const y = (mid + next) / 2;
  const xs: number[] = [];
  for (const ring of polygon.coordinates) {
    for (let i = 1; i < ring.length; i++) {
      const a = ring[i - 1]!;
      const b = ring[i]!;
      if (a[1]! > y === b[1]! > y) continue;
      xs.push(a[0]! + ((y - a[1]!) * (b[0]! - a[0]!)) / (b[1]! - a[1]!));
    }
  }
  xs.sort((a, b) => a - b);
  let best: [number, number] = point;
  let width = 0;
  for (let i = 1; i < xs.length; i += 2) {
    if (xs[i]! - xs[i - 1]! > width) {
      width = xs[i]! - xs[i - 1]!;
      best = [(xs[i]! + xs[i - 1]!) / 2, y];
    }
  }
  return best;
}
