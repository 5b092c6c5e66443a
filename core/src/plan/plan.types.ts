/**
 * The shapes the planner engine works on, shared by browser, API and command line: units
 * (buildings, or any point/polygon with households and persons), grids of a plan, the
 * metrics of one grid and the problems of a plan.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { GridLoad } from '../rule-profile.js';

export type LngLat = [number, number];
export type GridGeometry = Polygon | MultiPolygon;

/** A building, compound or any unit people live in. */
export interface PlanUnit {
  id: string;
  /** Representative point (inside the footprint, see representativePoint): a point unit belongs to the grid containing it. */
  point: LngLat;
  households: number;
  persons: number;
  /** Footprint, when known: the grid holding the largest share of it holds the unit; a grid boundary crossing it is a "cut unit" problem. */
  footprint?: Position[][];
  /** Compound (小区) the unit is in, if any. */
  compoundId?: string | null;
  /** Special-group people by category key (aggregate counts, never records). */
  special?: Readonly<Record<string, number>>;
}

export interface PlanGrid {
  /** Grid code (15 digits) or any stable key for a grid not yet coded. */
  code: string;
  geometry: GridGeometry;
  communityCode: string;
  zoneCode?: string | null;
  type?: 'comprehensive' | 'dedicated';
}

export interface PlanCommunity {
  code: string;
  geometry: GridGeometry;
}

export interface GridMetrics {
  households: number;
  persons: number;
  /** Units the grid holds: point units inside it, polygon units by their largest share of area. */
  buildings: number;
  /** Geodesic area, m². */
  areaM2: number;
  /** Geodesic perimeter, m. */
  perimeterM: number;
  /** Polsby-Popper: 4πA/P², 1 for a circle, towards 0 for a ribbon. */
  compactness: number;
  /** Special-group people by category (sums of the units' aggregates). */
  special: Record<string, number>;
  load: GridLoad;
  /** Indices (into the unit list) of the units in the grid. */
  units: number[];
}

export type ProblemKind =
  | 'over_cap'
  | 'under_fill'
  | 'gap'
  | 'overlap'
  | 'outside_community'
  | 'multipart'
  | 'invalid_geometry'
  | 'unassigned_unit'
  | 'cut_unit'
  | 'zone_size';

/** Buildings (points or footprints), or polygon blocks such as census blocks. */
export type UnitKind = 'building' | 'block';

/** `error`: a hard constraint (a save is refused); `warning`: stored with the plan. */
export type Severity = 'error' | 'warning';

export interface PlanProblem {
  kind: ProblemKind;
  severity: Severity;
  /** Grid codes involved (empty for a gap, which belongs to no grid). */
  grids: string[];
  /** Unit ids involved (unassigned or cut units). */
  units?: string[];
  /** A cut unit's share of area in each grid (0…1), largest first: the first grid holds it. */
  shares?: { grid: string; share: number }[];
  communityCode?: string;
  zoneCode?: string;
  /** Where to look: `[lng, lat]`. */
  location?: LngLat;
  /** Area of a gap, overlap or overhang, m². */
  areaM2?: number;
  /** The largest piece of a gap, overlap or overhang, to draw it (coordinates to 1e-7°). */
  shape?: Polygon;
  /** Figures a client needs to phrase the problem in its own language. */
  figures?: Readonly<Record<string, number>>;
  /** What the units involved are, so a message names them: buildings (default) or polygon blocks (census blocks, street blocks). */
  unitKind?: UnitKind;
  /**
   * An over-cap grid holding a single unit: over the rule on its own and indivisible, so no
   * division can fix it — a reported exception, not a violation of the plan.
   */
  exception?: 'single_unit_over_rule';
  /** An English sentence a person can act on. */
  message: string;
}
