/**
 * Opens an import file as a stream of records for the incident and track imports, on the
 * same readers as `readLayer()` (formats/). A zip may hold several shapefile layers: every
 * point layer is read (or only `layer`), and layers of lines or polygons are skipped and
 * reported. Records carry their geometry as the file gives it, with the projected or
 * datum-shifted system its .prj (or GeoJSON crs member) names, which then wins over the
 * import's `--crs` for the geometry; degrees the file calls WGS84 stay in the import's system
 * (a GCJ-02 download labelled WGS84 is still read as `--crs gcj02` says). Positions are
 * converted and checked when a record is read (record-fields.ts).
 */
import type { Crs } from '@gridatlas/core';
import { csvLayer } from './formats/csv-layer.js';
import { FormatError } from './formats/format-error.js';
import { geojsonLayer } from './formats/geojson-layer.js';
import { gpxRecords } from './formats/gpx-source.js';
import { chooseLayer, inputName, openInput } from './formats/layer-input.js';
import { LayerWarnings } from './formats/layer-warnings.js';
import type { RawLayer } from './formats/raw-layer.js';
import { shapefileLayer } from './formats/shapefile-layer.js';
import { xlsxLayer } from './formats/xlsx-layer.js';
import { kmlLayer } from './formats/kml-layer.js';
import { IMPORT_FORMATS, ImportError, type ImportFormat, type ImportInput, type SourceOptions, type SourceRecord } from './import.types.js';

export interface ImportSource {
  format: ImportFormat;
  /** Shapefile layers, filled in once `records` has been read through. */
  layers?: { read: string[]; skipped: string[] };
  /** Layers whose .prj could not be read (`layer: why`): their points are not placed. */
  unplaced?: string;
  records: AsyncIterable<SourceRecord>;
}

/** The format named, else the one the file name says. */
export function formatOf(input: ImportInput, format?: string): ImportFormat {
  if (format !== undefined) {
    if (!(IMPORT_FORMATS as readonly string[]).includes(format))
      throw new ImportError(`unknown format "${format}"; expected one of ${IMPORT_FORMATS.join(', ')}`);
    return format as ImportFormat;
  }
  const name = inputName(input).toLowerCase();
  if (name.endsWith('.gpx')) return 'gpx';
  if (name.endsWith('.zip') || name.endsWith('.shp')) return 'shp';
  if (/\.(csv|txt|tsv)$/.test(name)) return 'csv';
  if (/\.(json|geojson)$/.test(name)) return 'geojson';
  if (name.endsWith('.xlsx')) return 'xlsx';
  if (/\.km[lz]$/.test(name)) return 'kml';
  throw new ImportError(`cannot tell the format of "${inputName(input)}" from its extension; name it with --format`);
}

/** The projected or datum-shifted system the file names for its geometry, if any. */
function declaredCrs(raw: RawLayer): Crs | undefined {
  const crs = raw.declaredCrs?.how === 'prj' ? raw.declaredCrs.crs : undefined;
  if (!crs || (crs.kind === 'geographic' && (crs.datum === 'WGS84' || crs.datum === 'CGCS2000'))) return undefined;
  return crs;
}

async function* recordsOf(raw: RawLayer, layerName?: string): AsyncIterable<SourceRecord> {
  const crs = declaredCrs(raw);
  for await (const rec of raw.records()) {
    // Geometry a .prj could not place stays unread: positions must then come from fields.
    const geometry = raw.prjProblem ? null : rec.geometry;
    yield { row: rec.row, ...(layerName ? { layer: layerName } : {}), fields: rec.properties, geometry, ...(crs ? { crs } : {}) };
  }
}

export function openSource(input: ImportInput, options: SourceOptions): ImportSource {
  const format = formatOf(input, options.format);
  if (format === 'gpx') return { format, records: gpxRecords(input) };
  const warnings = new LayerWarnings();
  const opened = openInput(input, { format }, warnings);
  if (format !== 'shp') {
    const name = format === 'xlsx' ? opened.names[0]! : chooseLayer(opened, options.layer);
    const layer = opened.layer(name);
    if (layer.format === 'shp')
      throw new FormatError('unknown_format', `"${inputName(input)}" holds a shapefile; import it with --format shp`);
    const raw =
      format === 'csv'
        ? csvLayer(name, layer.fileName, layer.bytes, options)
        : format === 'xlsx'
          ? xlsxLayer(options.layer, layer.bytes)
          : format === 'kml'
            ? kmlLayer(name, layer.bytes, { ...options, maxTotal: layer.bytes.length * 64 })
            : geojsonLayer(name, layer.bytes, options);
    return { format, records: recordsOf(raw) };
  }
  const names = options.layer === undefined ? opened.names : [chooseLayer(opened, options.layer)];
  const read: string[] = [];
  const skipped: string[] = [];
  const source: ImportSource = { format, layers: { read, skipped }, records: [] as unknown as AsyncIterable<SourceRecord> };
  source.records = (async function* () {
    for (const name of names) {
      const layer = opened.layer(name);
      if (layer.format !== 'shp') continue;
      const raw = shapefileLayer(name, layer.parts, { ...options, lenientPrj: true });
      if (raw.prjProblem) source.unplaced = `${name}: ${raw.prjProblem}`;
      if (raw.geometryKind !== 'point') {
        skipped.push(name);
        continue;
      }
      read.push(name);
      yield* recordsOf(raw, name);
    }
  })();
  if (names.length === 0) throw new FormatError('no_layer', 'no shapefile (.shp with its .dbf) found');
  return source;
}
