/**
 * Shapes the auto-delineation engine works on. Units are polygon faces (street blocks, parts
 * of blocks, census blocks) with households and persons; grids are unions of whole units.
 * WGS84 `[lng, lat]` degrees; lengths metres, areas m².
 */
import type { MultiPolygon, Polygon } from 'geojson';
import type { GeometryRepair } from '../geometry/normalise.types.js';
import type { UnitKind } from '../plan/plan.types.js';

/** A polygon unit: the smallest piece a grid is built from. */
export interface EngineUnit {
  id: string;
  geometry: Polygon;
  households: number;
  persons: number;
  /** Ids of the buildings (point units) inside it, when it was built from them. */
  buildings?: string[];
  /**
   * The other parts of a multipart unit (islands), `geometry` being its largest: they go to
   * the unit's grid and into its outline, so no part of a unit is ever left out.
   */
  islands?: Polygon[];
}

/**
 * A grid of an engine result: the union of its units, made valid (a MultiPolygon when a unit
 * has islands, or when its units meet only at a point: then the report names it in `pieces`).
 */
export interface EngineGrid {
  geometry: Polygon | MultiPolygon;
  /** Parts of the outline that are islands of its units (0 when none). */
  islands?: number;
  /** What the normalising step repaired in the outline as built (a ring touching itself…), when anything. */
  repairs?: GeometryRepair[];
  unitIds: string[];
  households: number;
  persons: number;
  /** An indivisible unit over the rule on its own (reported in `exceptions`). */
  exception?: boolean;
  /** Polsby-Popper compactness 4πA/P² (1 circle, 0.785 square). */
  compactness: number;
}

/** A unit over the rule on its own: it becomes its own grid and is reported, never silently. */
export interface EngineException {
  unitId: string;
  households: number;
  persons: number;
  /** Building ids inside it, when known. */
  buildings?: string[];
  /** Code of the grid it is alone in, when the grid has one (rebalancing an existing plan). */
  grid?: string;
  /** What the unit is (a building, or a block: a census block, a street block), when known: for a client phrasing `message` in its own language. */
  unitKind?: UnitKind;
  /** In English, naming the unit by its own id and its kind (`block 060750101001 has …`). */
  message: string;
}
