/** What an import reads, how it maps fields, and what it reports back. */
import type { Crs, RepairReason } from '@gridatlas/core';
import type { Geometry } from 'geojson';

export const IMPORT_FORMATS = ['csv', 'geojson', 'xlsx', 'shp', 'kml', 'gpx'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** A file on disk (read as a stream where the format allows) or bytes already in memory. */
export type ImportInput = { path: string } | { bytes: Uint8Array; name: string };

/** One row of a source: its 1-based number within its layer, fields, and its geometry if it has one. */
export interface SourceRecord {
  row: number;
  /** Shapefile layer (file name without extension) when a zip holds several. */
  layer?: string;
  fields: Record<string, unknown>;
  /** The geometry as the file gives it (Z kept, not yet checked), in `crs` or else the import's system. */
  geometry?: Geometry | null;
  /** The system the file itself names for its geometry (a shapefile's .prj); it wins over the import's for the geometry. */
  crs?: Crs;
}

/** Source field names; unset ones are guessed from common names (lng/lon/longitude/x/经度…). */
export interface FieldMapping {
  lng?: string;
  lat?: string;
  time?: string;
  category?: string;
  id?: string;
  worker?: string;
}

export interface SourceOptions {
  format?: ImportFormat;
  /** CSV field separator (default ","). */
  delimiter?: string;
  /** Text encoding of CSV or DBF files (default utf-8; a shapefile's .cpg wins). */
  encoding?: string;
  /** Only this shapefile layer (file name without extension) or XLSX sheet. */
  layer?: string;
}

export interface ImportOptions extends SourceOptions {
  /** The district to import into (6 digits); may be left out while the database holds only one. */
  district?: string;
  /**
   * The coordinate system of the file's positions, in any form `parseCrs` reads (`wgs84`,
   * `gcj02`, `EPSG:4527`, a proj4 string, WKT); positions are converted to WGS84 before they
   * are checked. Default `wgs84`; a shapefile's .prj names its geometry's own.
   */
  crs?: string;
  fields: FieldMapping;
  timeFormat?: string;
  /** For times without a zone (default "+08:00", Beijing). */
  utcOffset?: string;
  /** Skip the "inside the district" check (data from elsewhere, e.g. tests). */
  skipDistrictCheck?: boolean;
  dryRun?: boolean;
  /** Who imports (recorded with the batch). */
  importedBy?: string;
  /** Rows per INSERT statement when committing (default 5000). */
  batchRows?: number;
  /** Rejected rows listed in the report at most (default 20). */
  sampleSize?: number;
}

export type RejectReason =
  | 'missing_coordinates'
  | 'bad_coordinates'
  // From the normalising step (core's normaliseGeometry): metres where degrees are needed
  // (no --crs given), latitude and longitude swapped, beyond ±180/±90, a geometry not a point.
  | 'projected_coordinates'
  | 'swapped_coordinates'
  | 'out_of_range'
  | 'wrong_type'
  | 'outside_district'
  | 'missing_time'
  | 'bad_time'
  | 'duplicate_id'
  | 'unknown_category'
  | 'missing_worker'
  | 'unknown_worker'
  | 'outside_grids'
  | 'too_few_points';

export interface RejectedRow {
  row: number;
  layer?: string;
  reason: RejectReason;
  detail?: string;
}

export interface RepairSummary {
  count: number;
  /** True when the repair changes no position (Z dropped, a MultiPoint of one point read as a Point). */
  informational?: boolean;
  sample: { row: number; layer?: string; detail: string };
}

export interface ImportReport {
  kind: 'incidents' | 'tracks';
  format: ImportFormat;
  file: string;
  dryRun: boolean;
  /** Import batch id when committed. */
  batchId: number | null;
  /** Rows read. */
  total: number;
  accepted: number;
  rejected: number;
  reasons: Partial<Record<RejectReason, number>>;
  /** The first rejected rows, with reasons. */
  sample: RejectedRow[];
  /**
   * What the normalising step repaired in accepted rows, per reason (`z_dropped`,
   * `single_part_multi`, `duplicate_vertices`): how many rows, and the first one.
   */
  repairs: Partial<Record<RepairReason, RepairSummary>>;
  /** The fields used, after guessing. */
  fields: FieldMapping;
  /** Shapefile layers read and skipped (not points). */
  layers?: { read: string[]; skipped: string[] };
  /** Tracks formed (track imports). */
  tracks?: number;
  /** Earliest and latest accepted time, ISO. */
  timeRange: { from: string; to: string } | null;
  durationMs: number;
}

/** A problem with the file or the options as a whole (not one row): nothing is imported. */
export class ImportError extends Error {}
