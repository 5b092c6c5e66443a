/**
 * One entry point for every layer a district imports and for the wizard's preview: a
 * zipped or bare Shapefile, GeoJSON, KML/KMZ, OpenStreetMap XML, CSV or XLSX, from a path or bytes. It decodes
 * the text (encoding from the options, .cpg, LDID or the bytes), finds the coordinate system
 * (options, .prj / GeoJSON `crs`, the format's default, or the numbers), converts every
 * position to WGS84 `[lng, lat]` degrees and reports what it did. It repairs no geometry:
 * the normalising step in core runs after it. A file that cannot be read throws one
 * FormatError with a code and what to do.
 */
import { converterToWgs84, CrsError, detectCrs, gcj02OffsetCheck, mapGeometry, parseCrs, type Crs } from '@gridatlas/core';
import type { Geometry, Position } from 'geojson';
import { csvLayer } from './csv-layer.js';
import { FormatError } from './format-error.js';
import { geojsonLayer } from './geojson-layer.js';
import { kmlLayer } from './kml-layer.js';
import { osmLayer } from './osm-layer.js';
import { chooseLayer, DEFAULT_MAX_BYTES, openInput, ZIP_EXPANSION } from './layer-input.js';
import { LayerWarnings } from './layer-warnings.js';
import type { ExpectedGeometry, LayerCrs, LayerFeature, LayerInput, LayerPreview, LayerResult, ReadLayerOptions } from './layer.types.js';
import type { RawLayer, RawRecord } from './raw-layer.js';
import { shapefileLayer } from './shapefile-layer.js';
import { coordinateFields, pointOfRow } from './table-geometry.js';
import { xlsxDeclaredRows, xlsxLayer, xlsxMergedRanges, xlsxSheetNames } from './xlsx-layer.js';

/** Positions looked at to detect a system. */
const SAMPLE = 1000;
const PROGRESS_EVERY = 1000;
const PREVIEW_ROWS = 10;

interface Opened {
  raw: RawLayer;
  layers: string[];
  inputWarnings: LayerWarnings;
}

/** Opens the layer to read (choosing among several) with its format's reader. */
export function openLayer(input: LayerInput, options: ReadLayerOptions): Opened {
  const inputWarnings = new LayerWarnings();
  const opened = openInput(input, options, inputWarnings);
  const maxTotal = (options.maxBytes ?? DEFAULT_MAX_BYTES) * ZIP_EXPANSION;
  if (opened.format === 'xlsx' && opened.names.length === 1) {
    const file = opened.layer(opened.names[0]!);
    if (file.format !== 'xlsx') throw new Error('unreachable');
    const sheets = xlsxSheetNames(file.bytes, maxTotal);
    if (sheets.length === 0) throw new FormatError('empty_layer', 'the workbook has no worksheet');
    const sheet = options.layer === undefined ? sheets[0]! : sheets.find((s) => s === options.layer);
    if (sheet === undefined)
      throw new FormatError('no_layer', `no sheet "${options.layer}"; the workbook has ${sheets.join(', ')}`, { layers: sheets });
    if (options.layer === undefined && sheets.length > 1)
      inputWarnings.add('other_sheets', `the first sheet (${sheet}) was read; name another with --layer`, sheets.slice(1).join(', '));
    const raw = xlsxLayer(sheet, file.bytes, xlsxMergedRanges(file.bytes, sheet, maxTotal));
    raw.countRecords = () => xlsxDeclaredRows(file.bytes, sheet, maxTotal);
    return { raw, layers: sheets, inputWarnings };
  }
  const name = chooseLayer(opened, options.layer);
  const layer = opened.layer(name);
  const raw =
    layer.format === 'shp'
      ? shapefileLayer(name, layer.parts, options)
      : layer.format === 'geojson'
        ? geojsonLayer(name, layer.bytes, options)
        : layer.format === 'kml'
          ? kmlLayer(name, layer.bytes, { ...options, maxTotal })
          : layer.format === 'osm'
            ? osmLayer(name, layer.bytes, options)
            : layer.format === 'csv'
              ? csvLayer(name, layer.fileName, layer.bytes, options)
              : xlsxLayer(undefined, layer.bytes);
  return { raw, layers: opened.names, inputWarnings };
}

function* positions(g: Geometry | null): Generator<Position> {
  if (!g) return;
  switch (g.type) {
    case 'Point':
      yield g.coordinates;
      break;
    case 'MultiPoint':
    case 'LineString':
      yield* g.coordinates;
      break;
    case 'MultiLineString':
    case 'Polygon':
      for (const r of g.coordinates) yield* r;
      break;
    case 'MultiPolygon':
      for (const p of g.coordinates) for (const r of p) yield* r;
      break;
    case 'GeometryCollection':
      for (const c of g.geometries) yield* positions(c);
  }
}

/** Positions spread over the records (every k-th vertex), for detection. */
function sampleOf(records: RawRecord[]): Position[] {
  let total = 0;
  for (const r of records) for (const _ of positions(r.geometry)) total++;
  const step = Math.max(1, Math.floor(total / SAMPLE));
  const out: Position[] = [];
  let i = 0;
  for (const r of records) for (const p of positions(r.geometry)) if (i++ % step === 0) out.push(p);
  return out;
}

const isDegrees = (sample: Position[]) => sample.every((p) => Math.abs(p[0]!) <= 180 && Math.abs(p[1]!) <= 90);

function crsOf(crs: Crs, how: LayerCrs['how']): LayerCrs {
  return { id: crs.id, name: crs.name, how, ...(crs.accuracy ? { accuracy: crs.accuracy } : {}) };
}

/** The layer's system: given, declared, the format's default, or detected from the sample. */
function resolveCrs(
  raw: RawLayer,
  sample: Position[],
  options: ReadLayerOptions,
  warnings: LayerWarnings,
): { crs: Crs; how: LayerCrs['how'] } {
  if (options.crs !== undefined) {
    if (typeof options.crs !== 'string') return { crs: options.crs, how: 'given' };
    try {
      return { crs: parseCrs(options.crs), how: 'given' };
    } catch (error) {
      if (error instanceof CrsError) throw new FormatError('unknown_crs', error.message);
      throw error;
    }
  }
  const declared = raw.declaredCrs;
  if (declared?.how === 'prj') return declared;
  if (sample.length === 0) return declared ?? { crs: parseCrs('wgs84'), how: 'default' };
  if (declared && (declared.crs.kind !== 'geographic' || isDegrees(sample))) return declared;
  const detection = detectCrs(sample, options.crsHint ? { bbox: options.crsHint } : undefined);
  if (detection.crs) {
    if (declared)
      warnings.add(
        'crs_not_default',
        `the coordinates are not the degrees ${raw.format} should hold: ${detection.reason}`,
        detection.crs.id,
      );
    else if (raw.format === 'shp') warnings.add('no_prj', `no .prj: ${detection.reason}; give --crs if that is wrong`, detection.crs.id);
    return { crs: detection.crs, how: 'detected' };
  }
  // Many candidates: metres without a zone prefix and no district to place them.
  const many = detection.candidates.length > 4;
  const listed = many ? [] : detection.candidates.map((c) => `${c.id} (${c.name})`);
  const reason = many
    ? `they are metres without a zone number (${detection.candidates.length} Gauss–Krüger and UTM zones fit: CGCS2000 3° CM zones are EPSG:4534–4554, 6° EPSG:4502–4512, UTM EPSG:32643–32653)`
    : detection.reason;
  const what = raw.format === 'shp' ? 'there is no .prj and the coordinates are not degrees' : 'the coordinates are not degrees';
  throw new FormatError(
    'unknown_crs',
    `${what}: ${reason}.${listed.length ? ` Candidates: ${listed.join(', ')}.` : ''} Give the system with --crs EPSG:n${options.crsHint ? '' : ' (or import the district boundary first, so the zone can be placed)'}`,
    { candidates: detection.candidates.map((c) => ({ id: c.id, name: c.name })) },
  );
}

const KIND: Record<string, ExpectedGeometry> = {
  Point: 'point',
  MultiPoint: 'point',
  LineString: 'line',
  MultiLineString: 'line',
  Polygon: 'polygon',
  MultiPolygon: 'polygon',
};
const WORD: Record<ExpectedGeometry, string> = { point: 'points', line: 'lines', polygon: 'polygons' };

function checkGeometry(features: LayerFeature[], expect: ExpectedGeometry | undefined, warnings: LayerWarnings): void {
  if (!expect) return;
  const kinds = new Map<string, number>();
  for (const f of features) if (f.geometry) kinds.set(f.geometry.type, (kinds.get(f.geometry.type) ?? 0) + 1);
  const matching = features.filter((f) => f.geometry && KIND[f.geometry.type] === expect).length;
  if (matching === 0) {
    const held = kinds.size === 0 ? 'no geometry' : [...kinds].map(([t, n]) => `${t} ${n}`).join(', ');
    throw new FormatError('wrong_geometry', `${WORD[expect]} are needed, but the layer holds ${held}`, {
      kinds: Object.fromEntries(kinds),
    });
  }
  for (const f of features) {
    if (!f.geometry || KIND[f.geometry.type] !== expect)
      warnings.add(
        'unexpected_geometry',
        `features that are not ${WORD[expect]} (or have no geometry) are passed on for the import to report`,
        f.id,
      );
  }
}

interface ReadRecords {
  records: RawRecord[];
  /** Rows read in all (the preview keeps only the first). */
  total: number;
}

/** Reads the records, keeping the first `limit`; `stopEarly` stops there (a preview). */
async function collect(raw: RawLayer, options: ReadLayerOptions, limit = Infinity, stopEarly = false): Promise<ReadRecords> {
  const records: RawRecord[] = [];
  let total = 0;
  options.onProgress?.({ phase: 'open', done: 0, total: raw.count });
  for await (const rec of raw.records()) {
    total++;
    if (records.length < limit) records.push(rec);
    if (total % PROGRESS_EVERY === 0) {
      options.signal?.throwIfAborted();
      options.onProgress?.({ phase: 'read', done: total, total: raw.count });
    }
    if (records.length >= limit && stopEarly) break;
  }
  options.onProgress?.({ phase: 'read', done: total, total: raw.count ?? total });
  return { records, total };
}

/** Gives table rows their points (in the file's coordinates). */
function tablePoints(raw: RawLayer, records: RawRecord[], options: ReadLayerOptions): void {
  if (raw.format !== 'csv' && raw.format !== 'xlsx') return;
  const columns = raw.fieldTypes?.list().map((f) => f.name) ?? Object.keys(records[0]?.properties ?? {});
  const fields = coordinateFields(columns, options);
  if (!fields) {
    if (options.expect)
      throw new FormatError(
        'wrong_geometry',
        `${WORD[options.expect]} are needed, but the table has no longitude/latitude fields among ${columns.join(', ')}; name them with --lng-field and --lat-field`,
      );
    return;
  }
  for (const r of records) {
    const p = pointOfRow(r.properties, fields, r.row, raw.warnings);
    r.geometry = p ? { type: 'Point', coordinates: p } : null;
  }
}

/** Converts records to WGS84 features; positions that cannot be converted or land off the globe leave the feature without geometry, counted. */
function toFeatures(records: RawRecord[], crs: Crs, warnings: LayerWarnings): LayerFeature[] {
  const convert = converterToWgs84(crs);
  return records.map((r) => {
    let geometry: Geometry | null = null;
    if (r.geometry) {
      try {
        geometry = mapGeometry(r.geometry, convert);
        for (const p of positions(geometry)) {
          if (Math.abs(p[0]!) > 180 || Math.abs(p[1]!) > 90) throw new RangeError('off the globe');
        }
      } catch {
        warnings.add('unconvertible', `positions that ${crs.name} cannot place on the globe: these features have no geometry`, r.row);
        geometry = null;
      }
    }
    return { type: 'Feature', id: r.row, geometry, properties: r.properties };
  });
}

/** No position fits the system given or declared: the wrong system, not bad rows. */
function wrongCrs(
  records: RawRecord[],
  features: LayerFeature[],
  resolved: { crs: Crs; how: LayerCrs['how'] },
  sample: Position[],
  options: ReadLayerOptions,
): void {
  if (!records.some((r) => r.geometry) || features.some((f) => f.geometry)) return;
  const detection = detectCrs(sample, options.crsHint ? { bbox: options.crsHint } : undefined);
  const fits =
    detection.candidates.length > 0 && detection.candidates.length <= 4
      ? ` They fit ${detection.candidates.map((c) => c.id).join(', ')}.`
      : '';
  const first = sample[0] ?? [NaN, NaN];
  throw new FormatError(
    'unknown_crs',
    `no position of the layer fits ${resolved.crs.name} (${resolved.how === 'given' ? 'given' : 'from the file'}): the first is ${first[0]}, ${first[1]}.${fits} Give the right system with --crs`,
    { candidates: detection.candidates.map((c) => ({ id: c.id, name: c.name })) },
  );
}

function gcjCheck(features: LayerFeature[], crs: LayerCrs, resolved: Crs, options: ReadLayerOptions, warnings: LayerWarnings): LayerCrs {
  if (crs.how === 'given' || resolved.kind !== 'geographic' || resolved.definition === null || !options.reference?.length) return crs;
  const check = gcj02OffsetCheck(features, options.reference);
  if (check.verdict !== 'gcj02' && check.verdict !== 'bd09') return crs;
  const m = check.medianM;
  warnings.add(
    'gcj02_suspected',
    `the layer sits ${Math.round(m.asGiven)} m (median) from the district's reference and ${Math.round(check.verdict === 'gcj02' ? m.asGcj02 : m.asBd09)} m once the ${check.verdict === 'gcj02' ? 'GCJ-02' : 'BD-09'} offset is undone: it looks like web-map coordinates; import it with --crs ${check.verdict}`,
    check.verdict,
  );
  return { ...crs, gcj02Suspected: true };
}

function finish(opened: Opened, rest: Omit<LayerResult, 'format' | 'layers' | 'layer' | 'encoding' | 'fields' | 'warnings'>): LayerResult {
  const { raw, layers, inputWarnings } = opened;
  return {
    format: raw.format,
    layers,
    layer: raw.name,
    encoding: raw.encoding,
    fields: raw.fields ?? raw.fieldTypes?.list() ?? [],
    ...rest,
    warnings: [...inputWarnings.list(), ...raw.warnings.list()],
  };
}

/**
 * Reads a whole layer into WGS84 features.
 *
 * @example const layer = await readLayer({ path: 'communities.zip' }, { expect: 'polygon', crsHint: districtBox })
 * @throws FormatError (code, actionable message) when the input cannot be read
 */
export async function readLayer(input: LayerInput, options: ReadLayerOptions = {}): Promise<LayerResult> {
  options.signal?.throwIfAborted();
  const opened = openLayer(input, options);
  const { raw } = opened;
  const { records } = await collect(raw, options);
  if (records.length === 0) throw new FormatError('empty_layer', `layer ${raw.name || '(the only one)'} holds no features`);
  tablePoints(raw, records, options);
  const sample = sampleOf(records);
  const resolved = resolveCrs(raw, sample, options, raw.warnings);
  const features = toFeatures(records, resolved.crs, raw.warnings);
  wrongCrs(records, features, resolved, sample, options);
  checkGeometry(features, options.expect, raw.warnings);
  const crs = gcjCheck(features, crsOf(resolved.crs, resolved.how), resolved.crs, options, raw.warnings);
  return finish(opened, { crs, features, featureCount: features.length });
}

function bboxOf(features: LayerFeature[]): [number, number, number, number] | null {
  let box: [number, number, number, number] | null = null;
  for (const f of features) {
    for (const p of positions(f.geometry)) {
      if (!box) box = [p[0]!, p[1]!, p[0]!, p[1]!];
      else box = [Math.min(box[0], p[0]!), Math.min(box[1], p[1]!), Math.max(box[2], p[0]!), Math.max(box[3], p[1]!)];
    }
  }
  return box;
}

/**
 * The wizard's preview: format, encoding, system, fields, the first rows, extent and count.
 * A shapefile is read only as far as its header and first rows; other formats are scanned
 * once for the count and extent, keeping only the first rows.
 */
export async function inspectLayer(input: LayerInput, options: ReadLayerOptions = {}): Promise<LayerPreview> {
  options.signal?.throwIfAborted();
  const opened = openLayer(input, options);
  const { raw } = opened;
  // Shapefiles: the header has the count and extent, the first rows the rest. Tables without
  // coordinates: the first rows, and a count that parses nothing. Others are scanned for the extent.
  const headerOnly = raw.format === 'shp';
  const table = raw.format === 'csv' || raw.format === 'xlsx';
  let { records, total } = await collect(
    raw,
    options,
    headerOnly ? Math.max(PREVIEW_ROWS, 200) : table ? PREVIEW_ROWS : Infinity,
    headerOnly || table,
  );
  if (records.length === 0) throw new FormatError('empty_layer', `layer ${raw.name || '(the only one)'} holds no features`);
  let counted: number | null = null;
  if (table) {
    const columns = raw.fieldTypes?.list().map((f) => f.name) ?? [];
    if (coordinateFields(columns, options)) ({ records, total } = await collect(raw, options));
    else counted = raw.countRecords?.() ?? (await collect(raw, options, 0)).total;
  }
  tablePoints(raw, records, options);
  const sample = sampleOf(records);
  if (headerOnly && raw.bbox) sample.push([raw.bbox[0], raw.bbox[1]], [raw.bbox[2], raw.bbox[3]]);
  const resolved = resolveCrs(raw, sample, options, raw.warnings);
  const features = toFeatures(records, resolved.crs, raw.warnings);
  const crs = gcjCheck(features, crsOf(resolved.crs, resolved.how), resolved.crs, options, raw.warnings);
  let bbox = bboxOf(features);
  if (headerOnly && raw.bbox) {
    const corners = toFeatures(
      [
        {
          row: 0,
          geometry: {
            type: 'MultiPoint',
            coordinates: [
              [raw.bbox[0], raw.bbox[1]],
              [raw.bbox[2], raw.bbox[3]],
              [raw.bbox[0], raw.bbox[3]],
              [raw.bbox[2], raw.bbox[1]],
            ],
          },
          properties: {},
        },
      ],
      resolved.crs,
      new LayerWarnings(),
    );
    bbox = bboxOf(corners);
  }
  const { features: _none, ...result } = finish(opened, { crs, features: [], featureCount: raw.count ?? counted ?? total });
  return { ...result, rows: features.slice(0, PREVIEW_ROWS), bbox };
}
