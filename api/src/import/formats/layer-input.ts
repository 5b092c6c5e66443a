/**
 * What an input holds before any layer is read: its bytes (within the size limit), its
 * format, and the layers in it — shapefile stems, GeoJSON/KML/CSV/XLSX files — when it is a
 * zip or a .shp with siblings on disk. Junk (`__MACOSX/`, `._*`, `.DS_Store`) is skipped;
 * other files no layer uses are reported.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { FormatError } from './format-error.js';
import type { LayerWarnings } from './layer-warnings.js';
import { LAYER_FORMATS, type LayerFormat, type LayerInput } from './layer.types.js';
import { unzipEntries, zipEntries, type ZipEntry } from './zip-archive.js';

export const DEFAULT_MAX_BYTES = 512 * 2 ** 20;
/** A zip may unpack to this many times the input limit. */
export const ZIP_EXPANSION = 4;

const BY_EXTENSION: Record<string, LayerFormat> = {
  '.shp': 'shp',
  '.geojson': 'geojson',
  '.json': 'geojson',
  '.kml': 'kml',
  '.kmz': 'kml',
  '.osm': 'osm',
  '.csv': 'csv',
  '.txt': 'csv',
  '.tsv': 'csv',
  '.xlsx': 'xlsx',
};
const SHAPEFILE_PARTS = ['shp', 'shx', 'dbf', 'prj', 'cpg'] as const;
export type ShapefilePart = (typeof SHAPEFILE_PARTS)[number];
/** Index and metadata files GIS tools leave beside a shapefile: not needed, not junk. */
const SIDECARS = /\.(sbn|sbx|qix|fbn|fbx|ain|aih|atx|ixs|mxs|qmd|cst|shp\.xml|aux\.xml)$/i;

/** One layer an input holds. */
export type InputLayer =
  | { format: 'shp'; name: string; parts: Partial<Record<ShapefilePart, Uint8Array>> }
  | { format: Exclude<LayerFormat, 'shp'>; name: string; bytes: Uint8Array; fileName: string };

export function inputName(input: LayerInput): string {
  return 'path' in input ? input.path : input.name;
}

export function formatOfName(name: string): LayerFormat | 'zip' | null {
  const ext = extname(name).toLowerCase();
  if (ext === '.zip') return 'zip';
  return BY_EXTENSION[ext] ?? null;
}

function checkFormat(format: string | undefined): LayerFormat | undefined {
  if (format === undefined) return undefined;
  if (!(LAYER_FORMATS as readonly string[]).includes(format))
    throw new FormatError('unknown_format', `unknown format "${format}"; expected one of ${LAYER_FORMATS.join(', ')}`);
  return format as LayerFormat;
}

function readBytes(path: string, maxBytes: number): Uint8Array {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new FormatError('unreadable', `cannot open ${path}: no such file`);
  }
  if (size > maxBytes) throw tooLarge(size, maxBytes);
  return readFileSync(path);
}

function tooLarge(size: number, maxBytes: number): FormatError {
  return new FormatError(
    'too_large',
    `the file is ${(size / 2 ** 20).toFixed(0)} MiB, more than the ${(maxBytes / 2 ** 20).toFixed(0)} MiB allowed; split it (by subdistrict, say) or raise the limit on the command line`,
    { size, maxBytes },
  );
}

/** A .shp on disk and its siblings (any case of the extensions). */
function shapefileOnDisk(path: string, maxBytes: number): InputLayer {
  const stem = path.slice(0, -extname(path).length);
  const parts: Partial<Record<ShapefilePart, Uint8Array>> = {};
  let total = 0;
  for (const part of SHAPEFILE_PARTS) {
    const file = [`${stem}.${part}`, `${stem}.${part.toUpperCase()}`].find((f) => existsSync(f));
    if (!file) continue;
    const bytes = readBytes(file, maxBytes - total);
    total += bytes.length;
    parts[part] = bytes;
  }
  return { format: 'shp', name: basename(stem), parts };
}

function splitExt(path: string): { stem: string; ext: string } {
  const m = /^(.*)\.([^./]+)$/.exec(path);
  return m ? { stem: m[1]!, ext: m[2]!.toLowerCase() } : { stem: path, ext: '' };
}

/** The layers a zip's entries make, and the entries no layer uses. */
function layersOfZip(entries: ZipEntry[]): {
  shapefiles: Map<string, Map<ShapefilePart, ZipEntry>>;
  files: ZipEntry[];
  unused: ZipEntry[];
} {
  const shapefiles = new Map<string, Map<ShapefilePart, ZipEntry>>();
  const files: ZipEntry[] = [];
  const rest: ZipEntry[] = [];
  for (const e of entries) {
    const { stem, ext } = splitExt(e.path);
    if ((SHAPEFILE_PARTS as readonly string[]).includes(ext)) {
      const parts = shapefiles.get(stem) ?? new Map<ShapefilePart, ZipEntry>();
      parts.set(ext as ShapefilePart, e);
      shapefiles.set(stem, parts);
    } else if (BY_EXTENSION[`.${ext}`] && ext !== 'kmz' && ext !== 'txt') {
      // A .txt in a zip is a readme far more often than a table.
      files.push(e);
    } else {
      rest.push(e);
    }
  }
  // Parts of a stem with no .shp (a lone .dbf, a stray .prj) are reported, not read.
  for (const [stem, parts] of shapefiles) {
    if (!parts.has('shp')) {
      rest.push(...parts.values());
      shapefiles.delete(stem);
    }
  }
  return { shapefiles, files, unused: rest };
}

/** Layer names: a file's name without extension, with its folder only when two share a name. */
function namesOf(paths: string[]): Map<string, string> {
  const base = (p: string) => basename(splitExt(p).stem);
  const counts = new Map<string, number>();
  for (const p of paths) counts.set(base(p), (counts.get(base(p)) ?? 0) + 1);
  return new Map(paths.map((p) => [p, counts.get(base(p))! > 1 ? splitExt(p).stem : base(p)]));
}

export interface OpenedInput {
  /** Format of the layers (a zip's content decides). */
  format: LayerFormat;
  /** Names of every layer found. */
  names: string[];
  /** Reads one layer by name (unpacking only its files). */
  layer(name: string): InputLayer;
}

/**
 * Looks into an input: which layers it holds. Nothing but a zip's directory is unpacked yet.
 * @throws FormatError for an unknown format, a file over the limit, a zip with no layer
 */
export function openInput(input: LayerInput, options: { format?: string; maxBytes?: number }, warnings: LayerWarnings): OpenedInput {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const given = checkFormat(options.format);
  const name = inputName(input);
  const byName = formatOfName(name);
  const kind = byName === 'zip' || (byName === null && given === 'shp') || name.toLowerCase().endsWith('.kmz') ? 'zip' : (given ?? byName);
  if (kind === null)
    throw new FormatError(
      'unknown_format',
      `cannot tell the format of "${basename(name)}" from its name; give it with --format (${LAYER_FORMATS.join(', ')})`,
    );
  if (kind !== 'zip' && kind !== 'shp') {
    const single = (): InputLayer => {
      const bytes = 'path' in input ? readBytes(input.path, maxBytes) : input.bytes;
      if (bytes.length > maxBytes) throw tooLarge(bytes.length, maxBytes);
      return { format: kind, name: basename(splitExt(name).stem), bytes, fileName: basename(name) };
    };
    return { format: kind, names: [basename(splitExt(name).stem)], layer: single };
  }
  if (kind === 'shp' && 'path' in input && !name.toLowerCase().endsWith('.zip')) {
    const layer = shapefileOnDisk(input.path, maxBytes);
    return { format: 'shp', names: [layer.name], layer: () => layer };
  }
  if (kind === 'shp')
    throw new FormatError(
      'missing_part',
      `"${basename(name)}" alone is not a shapefile: upload the .shp with its .dbf, .prj and .cpg in one zip`,
    );
  const zip = 'path' in input ? readBytes(input.path, maxBytes) : input.bytes;
  if (zip.length > maxBytes) throw tooLarge(zip.length, maxBytes);
  const entries = zipEntries(zip);
  const { shapefiles, files, unused } = layersOfZip(entries);
  const sidecars = unused.filter((e) => SIDECARS.test(e.path));
  const junk = unused.filter((e) => !SIDECARS.test(e.path));
  for (const e of junk) warnings.add('zip_other_files', 'files in the zip that are not part of any layer were not read', e.path);
  for (const e of sidecars) warnings.add('zip_sidecar_files', 'index and metadata files beside the shapefiles were not needed', e.path);
  const maxTotal = maxBytes * ZIP_EXPANSION;
  const shpNames = namesOf([...shapefiles.keys()]);
  const fileNames = namesOf(files.map((f) => f.path));
  const layers = new Map<string, () => InputLayer>();
  for (const [stem, parts] of shapefiles) {
    const layerName = shpNames.get(stem)!;
    layers.set(layerName, () => {
      const bytes = unzipEntries(zip, [...parts.values()], maxTotal);
      return { format: 'shp', name: layerName, parts: Object.fromEntries([...parts].map(([part, e]) => [part, bytes.get(e.path)!])) };
    });
  }
  for (const f of files) {
    const layerName = fileNames.get(f.path)!;
    const format = formatOfName(f.path) as Exclude<LayerFormat, 'shp'>;
    if (given && given !== format && !(given === 'kml' && format === 'kml')) continue;
    layers.set(layers.has(layerName) ? f.path : layerName, () => ({
      format,
      name: layerName,
      bytes: unzipEntries(zip, [f], maxTotal).get(f.path)!,
      fileName: basename(f.path),
    }));
  }
  if (layers.size === 0) {
    throw new FormatError(
      'no_layer',
      `the zip holds no layer GridAtlas reads (a .shp with its .dbf, .geojson, .kml, .csv or .xlsx)${
        unused.length
          ? `; it has ${unused
              .slice(0, 5)
              .map((e) => e.path)
              .join(', ')}`
          : ''
      }`,
    );
  }
  const firstFormat = shapefiles.size > 0 ? 'shp' : (formatOfName(files[0]!.path) as LayerFormat);
  return {
    format: firstFormat,
    names: [...layers.keys()],
    layer: (layerName) => {
      const open = layers.get(layerName);
      if (!open)
        throw new FormatError('no_layer', `no layer "${layerName}" in the zip; it holds ${[...layers.keys()].join(', ')}`, {
          layers: [...layers.keys()],
        });
      return open();
    },
  };
}

/** The layer to read: the one named, the only one, or an error listing them. */
export function chooseLayer(opened: OpenedInput, wanted: string | undefined): string {
  if (wanted !== undefined) {
    const hit =
      opened.names.find((n) => n === wanted) ??
      opened.names.find((n) => basename(n) === wanted || n.toLowerCase() === wanted.toLowerCase());
    if (!hit)
      throw new FormatError('no_layer', `no layer "${wanted}"; the input holds ${opened.names.join(', ')}`, { layers: opened.names });
    return hit;
  }
  if (opened.names.length > 1) {
    throw new FormatError(
      'several_layers',
      `the input holds ${opened.names.length} layers (${opened.names.join(', ')}); choose one with --layer`,
      { layers: opened.names },
    );
  }
  return opened.names[0]!;
}
