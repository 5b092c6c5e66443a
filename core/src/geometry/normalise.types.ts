/**
 * What the normalising step reports: every repair it made and every part or feature it
 * could not keep, each with a reason code, a sentence a person can act on, and the area
 * before and after in m² where area is at stake. Geometry is WGS84 `[lng, lat]` degrees.
 */
import type { LineString, MultiLineString, MultiPoint, MultiPolygon, Point, Polygon } from 'geojson';

/** The kind of geometry a reader needs. */
export type GeometryExpectation = 'polygon' | 'line' | 'point';

export type NormalisedGeometryType = Polygon | MultiPolygon | LineString | MultiLineString | Point | MultiPoint;

/** What was repaired. Informational repairs change no shape (orientation, Z, a single-part Multi*). */
export type RepairReason =
  | 'single_part_multi'
  | 'z_dropped'
  | 'ring_reoriented'
  | 'ring_closed'
  | 'duplicate_vertices'
  | 'spike_removed'
  | 'self_intersection'
  | 'nested_shell'
  | 'hole_outside_shell'
  | 'overlapping_parts'
  | 'duplicate_part'
  | 'collapsed_linework';

/** Why a feature or one of its parts could not be kept. */
export type RejectionReason =
  | 'no_geometry'
  | 'wrong_type'
  | 'bad_coordinates'
  | 'projected_coordinates'
  | 'swapped_coordinates'
  | 'out_of_range'
  | 'collapsed_part'
  | 'empty';

export interface GeometryRepair {
  reason: RepairReason;
  /** A sentence saying what was wrong and what was done. */
  detail: string;
  /** True when the repair changes no shape (orientation, Z, a single-part Multi*): not counted as "repaired". */
  informational?: boolean;
  /** Where, when it has a place: `[lng, lat]`. */
  at?: [number, number];
}

export interface GeometryRejection {
  reason: RejectionReason;
  detail: string;
  /** The part's (or the whole geometry's) area as given, m², when it had rings. */
  areaM2?: number;
  at?: [number, number];
}

export interface NormalisedGeometry {
  /** The normalised geometry, or null when nothing of it could be kept (see `rejection`). */
  geometry: NormalisedGeometryType | null;
  repairs: GeometryRepair[];
  /** Why the whole geometry was refused (geometry is then null). */
  rejection?: GeometryRejection;
  /** Parts that could not be kept while the rest was (a part with no area, a line with no length). */
  rejectedParts: GeometryRejection[];
  /** Polygon area as given (rings as written, holes subtracted), m². */
  areaBeforeM2?: number;
  /** Polygon area after repair, m². */
  areaAfterM2?: number;
}

export interface NormaliseOptions {
  expect: GeometryExpectation;
}

/** A feature after the normalising step: where it came from, who it is, and its geometry. */
export interface NormalisedFeature {
  /** Position in the input list, 0-based. */
  index: number;
  /** The feature's own id (from `idField`, else `id` properties or the feature id, else its 1-based position). */
  id: string;
  /** Its name, when it has one (from `nameField`, else common name fields). */
  name?: string;
  properties: Record<string, unknown>;
  geometry: NormalisedGeometryType;
  repairs: GeometryRepair[];
  rejectedParts: GeometryRejection[];
  areaBeforeM2?: number;
  areaAfterM2?: number;
}

/** One entry of the full lists: which feature, what was wrong, and the area at stake. */
export interface NormaliseEntry {
  index: number;
  id: string;
  name?: string;
  reason: RepairReason | RejectionReason;
  detail: string;
  areaBeforeM2?: number;
  areaAfterM2?: number;
}

export interface ReasonSummary {
  kind: 'repair' | 'rejection';
  /** Entries of this reason (a feature with two nested shells counts once per shell). */
  count: number;
  informational?: boolean;
  /** The first entry of this reason, to find it in one's own file. */
  sample: { id: string; name?: string; detail: string; areaBeforeM2?: number; areaAfterM2?: number };
}

export interface NormaliseReport {
  /** Features read. */
  read: number;
  /** Features kept (read = accepted + rejected). */
  accepted: number;
  /** Kept features with at least one repair that changed their shape, or a part left out. */
  repaired: number;
  /** Features of which nothing could be kept. */
  rejected: number;
  reasons: Partial<Record<RepairReason | RejectionReason, ReasonSummary>>;
  /** Every repair (informational ones included), in input order. */
  repairs: NormaliseEntry[];
  /** Every rejected feature and every rejected part, in input order. */
  rejections: NormaliseEntry[];
}
