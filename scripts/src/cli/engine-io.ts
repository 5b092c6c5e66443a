/**
 * Input and output shared by `gridatlas delineate` and `gridatlas rebalance`: the rule
 * profile from the options, units read as engine polygons (census-style) or as points
 * (buildings, which then need streets and a boundary), and grids written as GeoJSON.
 * Coordinates are WGS84 `[lng, lat]` degrees throughout, as GeoJSON (RFC 7946) requires.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { featureCollection, union } from '@turf/turf';
import type { Feature, LineString, MultiPolygon, Polygon } from 'geojson';
import {
  DEFAULT_RULE_PROFILE,
  OsmXmlError,
  readOsmStreets,
  type CapCombine,
  type EngineUnit,
  type NormaliseReport,
  type OsmStreetReport,
  type PlanUnit,
  type RuleProfile,
  type UnitKind,
} from '@gridatlas/core';
import { UsageError, type CommandContext, type OptionSpec } from './command.js';
import { normaliseInput } from './read-geometry.js';
import { readFeatures, readUnits } from './validate-input.js';

type Values = CommandContext['values'];

const COMBINES: readonly CapCombine[] = ['any', 'all'];

/** Options both engine commands take, besides their own files. */
export const engineOptions: Record<string, OptionSpec> = {
  units: { type: 'string', valueName: 'units.geojson', description: 'units with counts: polygons (census blocks…) or points (buildings)' },
  streets: {
    type: 'string',
    valueName: 'lines.geojson|.osm',
    description: 'street centrelines as GeoJSON lines or OpenStreetMap XML (needed with point units)',
  },
  'include-paths': {
    type: 'boolean',
    description: 'with .osm streets: keep pedestrian streets, footways, paths, cycleways and steps as block edges too',
  },
  boundary: { type: 'string', valueName: 'polygon.geojson', description: 'community boundary (needed with point units)' },
  'households-field': { type: 'string', valueName: 'F', default: 'households', description: 'unit property with households' },
  'persons-field': { type: 'string', valueName: 'F', default: 'persons', description: 'unit property with persons' },
  'id-field': {
    type: 'string',
    valueName: 'F',
    description: "unit property with each unit's own id (default: id, code, GEOID, GEO_ID, the feature id)",
  },
  'name-field': { type: 'string', valueName: 'F', description: "unit property with each unit's name (default: name, NAME, 名称…)" },
  'unit-kind': {
    type: 'string',
    valueName: 'building|block',
    description: 'what polygon units are, for the messages and the report (default: block, e.g. census blocks; building for footprints)',
  },
  profile: { type: 'string', valueName: 'any|all', default: 'any', description: 'a grid must meet either cap (any) or both (all)' },
  'max-households': {
    type: 'string',
    valueName: 'N',
    default: String(DEFAULT_RULE_PROFILE.maxHouseholds),
    description: 'household cap per grid',
  },
  'max-persons': { type: 'string', valueName: 'N', default: String(DEFAULT_RULE_PROFILE.maxPersons), description: 'person cap per grid' },
  seed: { type: 'string', valueName: 'N', default: '1', description: 'seed of the partition (same seed, same grids)' },
  out: { type: 'string', valueName: 'grids.geojson', description: 'where to write the grids' },
  json: { type: 'string', valueName: 'report.json', description: 'write the full report here' },
};

function positive(values: Values, name: string, fallback: number): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const x = Number(raw);
  if (!Number.isFinite(x) || x <= 0) throw new UsageError(`--${name} must be a number > 0, got "${String(raw)}"`);
  return x;
}

export function required(values: Values, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} <file> is required`);
  return v;
}

export function seedOf(values: Values): number {
  const raw = values.seed ?? '1';
  const x = Number(raw);
  if (!Number.isInteger(x)) throw new UsageError(`--seed must be an integer, got "${String(raw)}"`);
  return x;
}

/** `--unit-kind` as given (building or block), or undefined when not given. */
export function parseUnitKind(given: unknown): UnitKind | undefined {
  if (given === undefined) return undefined;
  if (given === 'building' || given === 'block') return given;
  throw new UsageError(`--unit-kind: "${String(given)}" is not building or block`);
}

/**
 * What the engine's units are, for messages: points are buildings (grouped into street
 * blocks); polygon units are blocks (census blocks…) unless `--unit-kind building` says they
 * are building footprints.
 */
export function engineUnitKind(values: Values, input: Pick<EngineInput, 'kind'>): UnitKind {
  const given = parseUnitKind(values['unit-kind']);
  if (input.kind === 'points') {
    if (given === 'block') throw new UsageError('--unit-kind block: the units are points, which are buildings; give polygons for blocks');
    return 'building';
  }
  return given ?? 'block';
}

/** `n block(s)` / `n building(s)`, for a line of output. */
export function unitCount(n: number, kind: UnitKind): string {
  return `${n} ${kind}${n === 1 ? '' : 's'}`;
}

/** The rule profile from the options, over the defaults ("300户或1000人"). */
export function profileOf(values: Values): RuleProfile {
  const combine = (values.profile ?? DEFAULT_RULE_PROFILE.combine) as CapCombine;
  if (!COMBINES.includes(combine)) throw new UsageError(`--profile must be one of ${COMBINES.join(', ')}, got "${String(combine)}"`);
  return {
    ...DEFAULT_RULE_PROFILE,
    combine,
    maxHouseholds: positive(values, 'max-households', DEFAULT_RULE_PROFILE.maxHouseholds),
    maxPersons: positive(values, 'max-persons', DEFAULT_RULE_PROFILE.maxPersons),
  };
}

/** The normalising step's report of each input file read. */
export interface GeometryReports {
  units: NormaliseReport;
  streets?: NormaliseReport;
  boundary?: NormaliseReport;
  grids?: NormaliseReport;
}

/**
 * What `--streets` gave before the normalising step (whose report is `geometry.streets`):
 * GeoJSON features and the lines they gave, or OSM ways read, kept and dropped by reason.
 */
export type StreetsRead =
  { format: 'geojson'; features: number; lines: number } | ({ format: 'osm'; includePaths: boolean } & OsmStreetReport);

/**
 * Units as the engine takes them: polygons with their own adjacency, or points inside streets
 * and a boundary. A polygon unit enters the engine by its largest part (adjacency and
 * partition work on one polygon each); `geometries` keeps every part, and the grids written
 * carry them all (an island goes with its unit).
 */
export type EngineInput = (
  | { kind: 'polygons'; units: EngineUnit[]; multipart: string[]; geometries: Map<string, Polygon | MultiPolygon> }
  | { kind: 'points'; buildings: PlanUnit[]; streets: LineString[]; streetsRead: StreetsRead; boundary: Polygon }
) & { geometry: GeometryReports; names: Map<string, string> };

/** Reads `--units` (and `--streets`, `--boundary` for points); all points or all polygons. */
export function readEngineInput(values: Values): EngineInput {
  const path = required(values, 'units');
  const features = readFeatures(path, '--units');
  if (features.length === 0) throw new UsageError(`--units: "${path}" has no features`);
  const fields = {
    households: String(values['households-field'] ?? 'households'),
    persons: String(values['persons-field'] ?? 'persons'),
    ...(typeof values['id-field'] === 'string' ? { id: values['id-field'] } : {}),
    ...(typeof values['name-field'] === 'string' ? { name: values['name-field'] } : {}),
  };
  const read = readUnits(features, fields);
  const { units } = read;
  const names = new Map<string, string>();
  units.forEach((u, i) => {
    if (read.names[i]) names.set(u.id, read.names[i]!);
  });
  const points = units.filter((u) => !u.footprint).length;
  if (points > 0 && points < units.length) {
    throw new UsageError(
      `--units: mixes ${points} point(s) and ${units.length - points} polygon(s); give all units as points or all as polygons`,
    );
  }
  if (points === 0) {
    const geometries = new Map(units.map((u, i) => [u.id, read.geometries[i]!] as const));
    const multipart = units.filter((_, i) => read.geometries[i]!.type === 'MultiPolygon');
    return {
      kind: 'polygons',
      units: units.map((u) => ({
        id: u.id,
        geometry: { type: 'Polygon', coordinates: u.footprint! },
        households: u.households,
        persons: u.persons,
      })),
      multipart: multipart.map((u) => u.id),
      geometries,
      geometry: { units: read.report },
      names,
    };
  }
  const missing = ['streets', 'boundary'].filter((k) => typeof values[k] !== 'string');
  if (missing.length > 0) {
    throw new UsageError(
      `--units: the units are points (buildings), so ${missing.map((k) => `--${k}`).join(' and ')} ${missing.length > 1 ? 'are' : 'is'} needed to build blocks around them`,
    );
  }
  const streets = readStreets(String(values.streets), values['include-paths'] === true);
  const boundary = readBoundary(String(values.boundary));
  return {
    kind: 'points',
    buildings: units,
    streets: streets.lines,
    streetsRead: streets.read,
    boundary: boundary.polygon,
    geometry: { units: read.report, streets: streets.report, boundary: boundary.report },
    names,
  };
}

/** Whether a streets file is OSM XML: named `.osm`/`.xml`, or starting with `<`. */
function isOsmXml(path: string): boolean {
  if (/\.(osm|xml)$/i.test(path)) return true;
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(256);
    const n = readSync(fd, head, 0, head.length, 0);
    return head
      .subarray(0, n)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimStart()
      .startsWith('<');
  } finally {
    closeSync(fd);
  }
}

/**
 * Street lines from GeoJSON (LineString, MultiLineString split into parts) or OSM XML (street
 * classes, see `readOsmStreets`), through the normalising step either way.
 */
export function readStreets(path: string, includePaths = false): { lines: LineString[]; report: NormaliseReport; read: StreetsRead } {
  if (existsSync(path) && !statSync(path).isDirectory() && isOsmXml(path)) return readOsm(path, includePaths);
  if (includePaths)
    throw new UsageError(`--include-paths: applies to OpenStreetMap XML streets (.osm); "${path}" is GeoJSON, whose lines are all used`);
  const features = readFeatures(path, '--streets');
  const bad = features.filter((f) => f.geometry?.type !== 'LineString' && f.geometry?.type !== 'MultiLineString').length;
  if (bad > 0) throw new UsageError(`--streets: ${bad} of ${features.length} feature(s) are not LineString or MultiLineString`);
  const { lines, report } = normalisedLines(features);
  return { lines, report, read: { format: 'geojson', features: features.length, lines: lines.length } };
}

function normalisedLines(features: readonly Feature[]): { lines: LineString[]; report: NormaliseReport } {
  const { items, report } = normaliseInput(features, '--streets', 'line');
  const lines = items.flatMap((i) =>
    i.geometry.type === 'LineString'
      ? [i.geometry]
      : (i.geometry as { coordinates: LineString['coordinates'][] }).coordinates.map((c): LineString => ({
          type: 'LineString',
          coordinates: c,
        })),
  );
  return { lines, report };
}

function readOsm(path: string, includePaths: boolean): { lines: LineString[]; report: NormaliseReport; read: StreetsRead } {
  let read: ReturnType<typeof readOsmStreets>;
  try {
    read = readOsmStreets(readFileSync(path, 'utf8'), { includePaths });
  } catch (error) {
    if (error instanceof OsmXmlError) throw new UsageError(`--streets: "${path}" is ${error.message}`);
    throw error;
  }
  const { streets, report } = read;
  if (streets.length === 0) {
    const why = Object.entries(report.dropped)
      .filter(([, n]) => n > 0)
      .map(([reason, n]) => `${n} ${reason}`)
      .join(', ');
    const hint = report.dropped.path > 0 ? '; add --include-paths to use its footways and paths' : '';
    throw new UsageError(`--streets: "${path}" has no street ways (${report.ways} way(s) read${why ? `: ${why}` : ''})${hint}`);
  }
  return { ...normalisedLines(streets), read: { format: 'osm', includePaths, ...report } };
}

/** "streets: 796 OSM way(s) read, 421 kept as 421 line(s); dropped: 300 path, 75 not-highway". */
export function streetsLine(s: StreetsRead): string {
  if (s.format === 'geojson') return `streets: ${s.features} GeoJSON feature(s) read as ${s.lines} line(s)`;
  const dropped = Object.entries(s.dropped)
    .filter(([, k]) => k > 0)
    .map(([reason, k]) => `${k} ${reason}`);
  const missing =
    s.missingNodes.refs > 0
      ? `; ${s.missingNodes.refs} node reference(s) missing from the file, ${s.missingNodes.ways} way(s) split there`
      : '';
  return `streets: ${s.ways} OSM way(s) read, ${s.kept} kept as ${s.lines} line(s)${dropped.length > 0 ? `; dropped: ${dropped.join(', ')}` : ''}${missing}`;
}

/** One polygon: the union of the file's polygons (normalised), which must be in one piece. */
export function readBoundary(path: string): { polygon: Polygon; report: NormaliseReport } {
  const features = readFeatures(path, '--boundary');
  if (features.length === 0) throw new UsageError(`--boundary: "${path}" has no features`);
  const bad = features.filter((f) => f.geometry?.type !== 'Polygon' && f.geometry?.type !== 'MultiPolygon').length;
  if (bad > 0) throw new UsageError(`--boundary: ${bad} of ${features.length} feature(s) are not polygons`);
  const { items, report } = normaliseInput(features, '--boundary', 'polygon');
  const shapes = items.map((i) => i.geometry as Polygon | MultiPolygon);
  const g =
    shapes.length === 1
      ? shapes[0]!
      : union(featureCollection(shapes.map((geometry): Feature<Polygon | MultiPolygon> => ({ type: 'Feature', properties: {}, geometry }))))
          ?.geometry;
  if (g?.type === 'Polygon') return { polygon: g, report };
  if (g?.type === 'MultiPolygon' && g.coordinates.length === 1)
    return { polygon: { type: 'Polygon', coordinates: g.coordinates[0]! }, report };
  throw new UsageError(
    `--boundary: the boundary must be one polygon in one piece (one community); found ${g ? `${g.coordinates.length} pieces` : 'no area'}`,
  );
}

/** Writes a GeoJSON FeatureCollection (or any JSON) to `path`, creating its folder. */
export function writeJson(path: string, json: unknown): string {
  const full = resolve(path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, JSON.stringify(json, null, 2) + '\n');
  return full;
}
