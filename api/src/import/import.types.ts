/** What an import reads, how it maps fields, and what it reports back. */
import type { SourceCrs } from '@gridatlas/core';

export const IMPORT_FORMATS = ['csv', 'geojson', 'xlsx', 'shp', 'kml', 'gpx'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** A file on disk (read as a stream where the format allows) or bytes already in memory. */
export type ImportInput = { path: string } | { bytes: Uint8Array; name: string };

/** One row of a source: its 1-based number within its layer, fields, and a point geometry if it has one. */
export interface SourceRecord {
  row: number;
  /** Shapefile layer (file name without extension) when a zip holds several. */
  layer?: string;
  fields: Record<string, unknown>;
  /** `[x, y]` of a point geometry in the source CRS; null when the geometry is empty or not a point. */
  point?: [number, number] | null;
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
  crs: SourceCrs;
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
