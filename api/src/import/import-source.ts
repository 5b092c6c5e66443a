/** Opens an import file as a stream of records, whichever format it is in. */
import { extname } from 'node:path';
import { csvRecords } from './csv-source.js';
import { geojsonRecords } from './geojson-source.js';
import { gpxRecords } from './gpx-source.js';
import { IMPORT_FORMATS, ImportError, type ImportFormat, type ImportInput, type SourceOptions, type SourceRecord } from './import.types.js';
import { shapefileRecords } from './shapefile-source.js';
import { xlsxRecords } from './xlsx-source.js';

export interface ImportSource {
  format: ImportFormat;
  /** Shapefile layers, filled in once `records` has been read through. */
  layers?: { read: string[]; skipped: string[] };
  /** Geometry is in a projected CRS the import cannot convert: coordinates must come from fields. */
  projected?: string;
  records: AsyncIterable<SourceRecord>;
}

const BY_EXTENSION: Record<string, ImportFormat> = {
  '.csv': 'csv',
  '.txt': 'csv',
  '.tsv': 'csv',
  '.json': 'geojson',
  '.geojson': 'geojson',
  '.xlsx': 'xlsx',
  '.zip': 'shp',
  '.shp': 'shp',
  '.gpx': 'gpx',
};

export function inputName(input: ImportInput): string {
  return 'path' in input ? input.path : input.name;
}

/** The format named, else the one the file name's extension says. */
export function formatOf(input: ImportInput, format?: string): ImportFormat {
  if (format !== undefined) {
    if (!(IMPORT_FORMATS as readonly string[]).includes(format)) throw new ImportError(`unknown format "${format}"; expected one of ${IMPORT_FORMATS.join(', ')}`);
    return format as ImportFormat;
  }
  const ext = extname(inputName(input)).toLowerCase();
  const found = BY_EXTENSION[ext];
  if (!found) throw new ImportError(`cannot tell the format of "${inputName(input)}" from its extension; name it with --format`);
  return found;
}

export function openSource(input: ImportInput, options: SourceOptions): ImportSource {
  const format = formatOf(input, options.format);
  switch (format) {
    case 'csv':
      return { format, records: csvRecords(input, options) };
    case 'geojson':
      return { format, records: geojsonRecords(input) };
    case 'xlsx':
      return { format, records: xlsxRecords(input, options) };
    case 'gpx':
      return { format, records: gpxRecords(input) };
    case 'shp':
      return shapefileRecords(input, options);
  }
}
