/** What `readLayer()` and `inspectLayer()` take and give. Coordinates out are WGS84 `[lng, lat]` degrees. */
import type { Crs } from '@gridatlas/core';
import type { Feature, Geometry } from 'geojson';
import type { ImportInput } from '../import.types.js';

export const LAYER_FORMATS = ['shp', 'geojson', 'kml', 'osm', 'csv', 'xlsx'] as const;
export type LayerFormat = (typeof LAYER_FORMATS)[number];

/** A file on disk (a .shp finds its .dbf/.prj/.cpg beside it) or bytes with a file name. */
export type LayerInput = ImportInput;

/** The geometry a caller needs; anything else in the layer is reported, all of it wrong is an error. */
export type ExpectedGeometry = 'polygon' | 'line' | 'point';

export interface ReadLayerOptions {
  /** Default: from the name (a .zip is looked into). */
  format?: LayerFormat;
  /** The source system (`EPSG:4527`, `cgcs2000`, `gcj02` …, see `parseCrs`); overrides the .prj and detection. */
  crs?: string | Crs;
  /** Text encoding of a DBF or CSV (`gbk`, `utf-8` …); overrides the .cpg, the LDID and detection. */
  encoding?: string;
  /** The layer to read when the input holds several (shapefile name without extension, XLSX sheet, file in a zip). */
  layer?: string;
  /** Coordinate fields of a CSV/XLSX (default: guessed from lng/lon/x/经度 …; none found: rows without geometry). */
  lngField?: string;
  latField?: string;
  /** Geometry the caller needs. */
  expect?: ExpectedGeometry;
  /** Where the district is, WGS84 `[west, south, east, north]`: places metres without a zone prefix. */
  crsHint?: [number, number, number, number];
  /** The district's own layer (WGS84): a layer in degrees is checked against it for the GCJ-02 offset. */
  reference?: Feature[];
  /** Largest input read, bytes (default 512 MiB); a zip may unpack to at most 4× this. */
  maxBytes?: number;
  signal?: AbortSignal;
  onProgress?: (progress: LayerProgress) => void;
}

export interface LayerProgress {
  phase: 'open' | 'read';
  /** Features read so far. */
  done: number;
  /** Features in the layer when known. */
  total: number | null;
}

export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'mixed' | 'empty';

export interface LayerField {
  name: string;
  type: FieldType;
}

export interface LayerEncoding {
  /** WHATWG name: `utf-8`, `gbk`, `big5`, `windows-1252` … */
  name: string;
  how: 'cpg' | 'ldid' | 'detected' | 'given';
}

export interface LayerCrs {
  /** `EPSG:4527`, `gcj02`, `custom` … */
  id: string;
  name: string;
  /** `prj`: the file says (.prj, a GeoJSON `crs` member); `default`: the format's own (GeoJSON, KML: WGS84). */
  how: 'prj' | 'given' | 'detected' | 'default';
  /** The layer sits a GCJ-02 (or BD-09) offset away from the reference layer: give `--crs gcj02` to undo it. */
  gcj02Suspected?: boolean;
  /** How exact the conversion is, when not exact. */
  accuracy?: string;
}

export interface LayerWarning {
  code: string;
  message: string;
  count: number;
  /** A few of the rows or names concerned. */
  sample: unknown[];
}

export type LayerFeature = Feature<Geometry | null, Record<string, unknown>> & { id: number };

export interface LayerResult {
  format: LayerFormat;
  /** Layers found in the input (shapefiles in a zip, sheets, files); `layer` is the one read. */
  layers: string[];
  layer: string;
  /** Null for XLSX, whose text is always Unicode. */
  encoding: LayerEncoding | null;
  crs: LayerCrs;
  fields: LayerField[];
  /** WGS84 `[lng, lat]`, attributes decoded; `id` is the 1-based row of the feature in its layer. */
  features: LayerFeature[];
  featureCount: number;
  warnings: LayerWarning[];
}

export interface LayerPreview extends Omit<LayerResult, 'features'> {
  /** The first rows (at most 10), as features in WGS84. */
  rows: LayerFeature[];
  /** WGS84 `[west, south, east, north]` of the layer, null when it has no geometry. */
  bbox: [number, number, number, number] | null;
}
