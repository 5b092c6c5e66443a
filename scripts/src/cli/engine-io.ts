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
  normaliseFeatures,
  OsmXmlError,
  readOsmStreets,
  type CapCombine,
  type EngineUnit,
  type NormaliseReport,
  type OsmStreetReport,
  type PlanUnit,
  type RuleProfile,
} from '@gridatlas/core';
import { UsageError, type CommandContext, type OptionSpec } from './command.js';
import { assertWgs84, readFeatures, readUnits } from './validate-input.js';

type Values = CommandContext['values'];

const COMBINES: readonly CapCombine[] = ['any', 'all'];

/** Options both engine commands take, besides their own files. */
export const engineOptions: Record<string, OptionSpec> = {
  units: { type: 'string', valueName: 'units.geojson', description: 'units with counts: polygons (census blocks…) or points (buildings)' },
  streets: { type: 'string', valueName: 'lines.geojson|.osm', description: 'street centrelines as GeoJSON lines or OpenStreetMap XML (needed with point units)' },
  'include-paths': { type: 'boolean', description: 'with .osm streets: keep pedestrian streets, footways, paths, cycleways and steps as block edges too' },
  boundary: { type: 'string', valueName: 'polygon.geojson', description: 'community boundary (needed with point units)' },
  'households-field': { type: 'string', valueName: 'F', default: 'households', description: 'unit property with households' },
  'persons-field': { type: 'string', valueName: 'F', default: 'persons', description: 'unit property with persons' },
  profile: { type: 'string', valueName: 'any|all', default: 'any', description: 'a grid must meet either cap (any) or both (all)' },
  'max-households': { type: 'string', valueName: 'N', default: String(DEFAULT_RULE_PROFILE.maxHouseholds), description: 'household cap per grid' },
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

/** The normalising step's account of the street features: read = accepted + rejected, repairs and rejections by reason. */
export type StreetsNormalised = Pick<NormaliseReport, 'read' | 'accepted' | 'repaired' | 'rejected' | 'reasons'>;

/**
 * What was read from `--streets`: GeoJSON features and the lines they gave, or OSM ways read,
 * kept and dropped by reason; then how the normalising step found them.
 */
export type StreetsRead = ({ format: 'geojson'; features: number; lines: number } | ({ format: 'osm'; includePaths: boolean } & OsmStreetReport)) & { normalised: StreetsNormalised };

/** Rejections that mean the whole file is wrong (not a stray degenerate line). */
const FATAL: ReadonlySet<string> = new Set(['wrong_type', 'bad_coordinates', 'projected_coordinates', 'swapped_coordinates', 'out_of_range']);

/** Street features through the normalising step: lines, MultiLineStrings split into parts; a wrong file refused. */
function normaliseStreets(features: readonly Feature[], path: string): { streets: LineString[]; normalised: StreetsNormalised } {
  const { items, report } = normaliseFeatures(features, { expect: 'line' });
  const fatal = report.rejections.filter((r) => FATAL.has(r.reason));
  if (fatal.length > 0) {
    const first = fatal[0]!;
    throw new UsageError(`--streets: ${fatal.length} of ${features.length} feature(s) in "${path}" cannot be street lines (${first.reason}); e.g. feature ${first.id}${first.name ? ` (${first.name})` : ''}: ${first.detail}`);
  }
  const streets = items.flatMap((f) =>
    f.geometry.type === 'LineString' ? [f.geometry] : f.geometry.type === 'MultiLineString' ? f.geometry.coordinates.map((coordinates): LineString => ({ type: 'LineString', coordinates })) : [],
  );
  const { read, accepted, repaired, rejected, reasons } = report;
  return { streets, normalised: { read, accepted, repaired, rejected, reasons } };
}

/** Units as the engine takes them: polygons with their own adjacency, or points inside streets and a boundary. */
export type EngineInput =
  | { kind: 'polygons'; units: EngineUnit[]; multipart: string[] }
  | { kind: 'points'; buildings: PlanUnit[]; streets: LineString[]; streetsRead: StreetsRead; boundary: Polygon };

/** Reads `--units` (and `--streets`, `--boundary` for points); all points or all polygons. */
export function readEngineInput(values: Values): EngineInput {
  const path = required(values, 'units');
  const features = readFeatures(path, '--units');
  if (features.length === 0) throw new UsageError(`--units: "${path}" has no features`);
  const fields = { households: String(values['households-field'] ?? 'households'), persons: String(values['persons-field'] ?? 'persons') };
  const units = readUnits(features, fields);
  const points = units.filter((u) => !u.footprint).length;
  if (points > 0 && points < units.length) {
    throw new UsageError(`--units: mixes ${points} point(s) and ${units.length - points} polygon(s); give all units as points or all as polygons`);
  }
  if (points === 0) {
    const multipart = units.filter((_, i) => {
      const g = features[i]!.geometry as Polygon | MultiPolygon;
      return g.type === 'MultiPolygon' && g.coordinates.length > 1;
    });
    return {
      kind: 'polygons',
      units: units.map((u) => ({ id: u.id, geometry: { type: 'Polygon', coordinates: u.footprint! }, households: u.households, persons: u.persons })),
      multipart: multipart.map((u) => u.id),
    };
  }
  const missing = ['streets', 'boundary'].filter((k) => typeof values[k] !== 'string');
  if (missing.length > 0) {
    throw new UsageError(`--units: the units are points (buildings), so ${missing.map((k) => `--${k}`).join(' and ')} ${missing.length > 1 ? 'are' : 'is'} needed to build blocks around them`);
  }
  const streets = readStreets(String(values.streets), values['include-paths'] === true);
  return { kind: 'points', buildings: units, ...streets, boundary: readBoundary(String(values.boundary)) };
}

/** Whether a streets file is OSM XML: named `.osm`/`.xml`, or starting with `<`. */
function isOsmXml(path: string): boolean {
  if (/\.(osm|xml)$/i.test(path)) return true;
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(256);
    const n = readSync(fd, head, 0, head.length, 0);
    return head.subarray(0, n).toString('utf8').replace(/^\uFEFF/, '').trimStart().startsWith('<');
  } finally {
    closeSync(fd);
  }
}

/** Street lines from GeoJSON (LineString, MultiLineString split into parts) or OSM XML (street classes, see `readOsmStreets`). */
export function readStreets(path: string, includePaths = false): { streets: LineString[]; streetsRead: StreetsRead } {
  if (existsSync(path) && !statSync(path).isDirectory() && isOsmXml(path)) return readOsm(path, includePaths);
  if (includePaths) throw new UsageError(`--include-paths: applies to OpenStreetMap XML streets (.osm); "${path}" is GeoJSON, whose lines are all used`);
  const features = readFeatures(path, '--streets');
  const { streets, normalised } = normaliseStreets(features, path);
  return { streets, streetsRead: { format: 'geojson', features: features.length, lines: streets.length, normalised } };
}

function readOsm(path: string, includePaths: boolean): { streets: LineString[]; streetsRead: StreetsRead } {
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
  const normalised = normaliseStreets(streets, path);
  return { streets: normalised.streets, streetsRead: { format: 'osm', includePaths, ...report, normalised: normalised.normalised } };
}

/** "streets: 796 OSM way(s) read, 421 kept as 421 line(s); dropped: 300 path, 75 not-highway; 3 repaired (duplicate_vertices 3)". */
export function streetsLine(s: StreetsRead): string {
  const n = s.normalised;
  const reasons = Object.entries(n.reasons)
    .filter(([, r]) => !r.informational)
    .map(([reason, r]) => `${reason} ${r.count}`);
  const normalised = n.repaired + n.rejected > 0 ? `; ${n.repaired} repaired, ${n.rejected} left out (${reasons.join(', ')})` : '';
  if (s.format === 'geojson') return `streets: ${s.features} GeoJSON feature(s) read as ${s.lines} line(s)${normalised}`;
  const dropped = Object.entries(s.dropped)
    .filter(([, k]) => k > 0)
    .map(([reason, k]) => `${k} ${reason}`);
  const missing = s.missingNodes.refs > 0 ? `; ${s.missingNodes.refs} node reference(s) missing from the file, ${s.missingNodes.ways} way(s) split there` : '';
  return `streets: ${s.ways} OSM way(s) read, ${s.kept} kept as ${s.lines} line(s)${dropped.length > 0 ? `; dropped: ${dropped.join(', ')}` : ''}${missing}${normalised}`;
}

/** One polygon: the union of the file's polygons, which must be in one piece. */
export function readBoundary(path: string): Polygon {
  const features = readFeatures(path, '--boundary');
  if (features.length === 0) throw new UsageError(`--boundary: "${path}" has no features`);
  assertWgs84(features, '--boundary');
  const bad = features.filter((f) => f.geometry?.type !== 'Polygon' && f.geometry?.type !== 'MultiPolygon').length;
  if (bad > 0) throw new UsageError(`--boundary: ${bad} of ${features.length} feature(s) are not polygons`);
  const g =
    features.length === 1
      ? (features[0]!.geometry as Polygon | MultiPolygon)
      : union(featureCollection(features as Feature<Polygon | MultiPolygon>[]))?.geometry;
  if (g?.type === 'Polygon') return g;
  if (g?.type === 'MultiPolygon' && g.coordinates.length === 1) return { type: 'Polygon', coordinates: g.coordinates[0]! };
  throw new UsageError(`--boundary: the boundary must be one polygon in one piece (one community); found ${g ? `${g.coordinates.length} pieces` : 'no area'}`);
}

/** Writes a GeoJSON FeatureCollection (or any JSON) to `path`, creating its folder. */
export function writeJson(path: string, json: unknown): string {
  const full = resolve(path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, JSON.stringify(json, null, 2) + '\n');
  return full;
}
