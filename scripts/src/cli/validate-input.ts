/**
 * Reads the GeoJSON files of `gridatlas validate` into the planner's shapes (units, grids,
 * communities), refusing bad input with a message a person can act on. Coordinates must be
 * WGS84 `[lng, lat]` degrees, as GeoJSON (RFC 7946) requires.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { area as turfArea, featureCollection, union } from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { checkPolygon, representativePoint, type GridGeometry, type PlanCommunity, type PlanGrid, type PlanUnit } from '@gridatlas/core';
import { UsageError } from './command.js';

/** The community of grids that name none. */
export const IMPLICIT_COMMUNITY = '(all grids)';

const SHOW = 3;

/** Reads a file as a list of GeoJSON features (a FeatureCollection or a single Feature). */
export function readFeatures(path: string, option: string): Feature[] {
  if (!existsSync(path)) throw new UsageError(`${option}: no such file "${path}"`);
  if (statSync(path).isDirectory()) throw new UsageError(`${option}: "${path}" is a directory, not a GeoJSON file`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`${option}: "${path}" is not JSON (${(error as Error).message})`);
  }
  const doc = json as Partial<FeatureCollection> & Partial<Feature> & { crs?: { properties?: { name?: string } } };
  const crs = doc?.crs?.properties?.name;
  if (crs && !/CRS84|EPSG::?4326$/i.test(crs)) {
    throw new UsageError(`${option}: "${path}" declares the coordinate system ${crs}; reproject it to WGS84 degrees (EPSG:4326) first`);
  }
  if (doc?.type === 'FeatureCollection' && Array.isArray(doc.features)) return doc.features;
  if (doc?.type === 'Feature') return [doc as Feature];
  throw new UsageError(`${option}: "${path}" is not GeoJSON: expected a FeatureCollection or a Feature, found ${describe(json)}`);
}

function describe(json: unknown): string {
  if (json === null || typeof json !== 'object') return JSON.stringify(json)?.slice(0, 40) ?? String(json);
  const type = (json as { type?: unknown }).type;
  return typeof type === 'string' ? `type "${type}"` : 'an object without a GeoJSON "type"';
}

/** "features 3, 7, 12 and 4 more" (1-based, as a person counts them). */
function which(indices: number[]): string {
  const shown = indices.slice(0, SHOW).map((i) => i + 1).join(', ');
  return indices.length > SHOW ? `${shown} and ${indices.length - SHOW} more` : shown;
}

function positionsOf(g: Geometry): Position[] {
  switch (g.type) {
    case 'Point':
      return [g.coordinates];
    case 'MultiPoint':
    case 'LineString':
      return g.coordinates;
    case 'MultiLineString':
    case 'Polygon':
      return g.coordinates.flat();
    case 'MultiPolygon':
      return g.coordinates.flat(2);
    case 'GeometryCollection':
      return g.geometries.flatMap(positionsOf);
  }
}

/** Refuses coordinates that are not `[lng, lat]` degrees (projected metres, swapped axes beyond ±90°). */
export function assertWgs84(features: readonly Feature[], option: string): void {
  const bad: number[] = [];
  let example: Position | undefined;
  features.forEach((f, i) => {
    if (!f.geometry) return;
    const off = positionsOf(f.geometry).find(
      (p) => !Number.isFinite(p[0]) || !Number.isFinite(p[1]) || Math.abs(p[0]!) > 180 || Math.abs(p[1]!) > 90,
    );
    if (!off) return;
    bad.push(i);
    example ??= off;
  });
  if (bad.length > 0) {
    throw new UsageError(
      `${option}: coordinates are not WGS84 degrees in ${bad.length} feature(s) (${which(bad)}), e.g. [${example!.slice(0, 2).join(', ')}]; ` +
        'GeoJSON wants [longitude, latitude] in degrees: reproject to EPSG:4326 first',
    );
  }
}

function requireGeometry(features: readonly Feature[], option: string, allowed: readonly string[], what: string): void {
  const bad = features.flatMap((f, i) => (f.geometry && allowed.includes(f.geometry.type) ? [] : [i]));
  if (bad.length === 0) return;
  const found = [...new Set(bad.map((i) => features[i]!.geometry?.type ?? 'no geometry'))].join(', ');
  throw new UsageError(`${option}: ${bad.length} feature(s) (${which(bad)}) are not ${what} (found ${found})`);
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : undefined;
}

/** A count from a property: a finite number ≥ 0, or a string holding one. */
function count(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** Numeric fields of the first feature, the likely count fields (NUM_HOUSEH, POPULATION…) first. */
function numericFields(features: readonly Feature[], role: 'households' | 'persons'): string[] {
  const props = features[0]?.properties ?? {};
  const likely = role === 'households' ? /house|hh|famil|户/i : /pop|person|people|resident|人/i;
  const fields = Object.keys(props).filter((k) => count(props[k]) !== undefined);
  return [...fields.filter((k) => likely.test(k)), ...fields.filter((k) => !likely.test(k))];
}

/** The largest part of a (Multi)Polygon, by area: a unit's footprint is one polygon. */
function mainPart(g: Polygon | MultiPolygon): Position[][] {
  if (g.type === 'Polygon') return g.coordinates;
  let best = g.coordinates[0]!;
  let bestArea = -1;
  for (const rings of g.coordinates) {
    const a = turfArea({ type: 'Polygon', coordinates: rings });
    if (a > bestArea) [best, bestArea] = [rings, a];
  }
  return best;
}

export interface UnitFields {
  households: string;
  persons: string;
}

/**
 * Units from point or polygon features. A polygon stands for itself by a point inside it
 * (the grid holding that point holds the unit) and its footprint (a grid boundary crossing
 * it is a cut unit); of a multipolygon, its largest part.
 */
export function readUnits(features: readonly Feature[], fields: UnitFields, option = '--units'): PlanUnit[] {
  requireGeometry(features, option, ['Point', 'Polygon', 'MultiPolygon'], 'points or polygons');
  assertWgs84(features, option);
  for (const [role, field] of [['households', fields.households], ['persons', fields.persons]] as const) {
    const flag = `--${role}-field`;
    const missing = features.flatMap((f, i) => (f.properties?.[field] === undefined || f.properties[field] === null ? [i] : []));
    if (missing.length > 0) {
      const hint = numericFields(features, role).filter((k) => k !== field).slice(0, 8);
      throw new UsageError(
        `${option}: field "${field}" (${role}) is missing on ${missing.length} of ${features.length} feature(s) (${which(missing)}); ` +
          `name the field with ${flag}${hint.length > 0 ? ` — numeric fields found: ${hint.join(', ')}` : ''}`,
      );
    }
    const wrong = features.flatMap((f, i) => (count(f.properties![field]) === undefined ? [i] : []));
    if (wrong.length > 0) {
      const sample = JSON.stringify(features[wrong[0]!]!.properties![field]);
      throw new UsageError(
        `${option}: field "${field}" (${role}) is not a count (a number ≥ 0) on ${wrong.length} feature(s) (${which(wrong)}), e.g. ${sample}`,
      );
    }
  }
  const ids = new Set<string>();
  return features.map((f, i) => {
    let id = text(f.properties?.id) ?? text(f.id) ?? String(i + 1);
    if (ids.has(id)) id = `${id}#${i + 1}`;
    ids.add(id);
    const g = f.geometry as Polygon | MultiPolygon | { type: 'Point'; coordinates: Position };
    const households = count(f.properties![fields.households])!;
    const persons = count(f.properties![fields.persons])!;
    if (g.type === 'Point') return { id, point: [g.coordinates[0]!, g.coordinates[1]!], households, persons };
    const footprint = mainPart(g);
    return { id, point: representativePoint(footprint), households, persons, footprint };
  });
}

/**
 * Grids from polygon features: code from `code`, `id` or the feature id (else its number in
 * the file), community from `communityCode` or `community` (else one implicit community),
 * zone from `zoneCode` or `zone`.
 */
export function readGrids(features: readonly Feature[], option = '--grids'): PlanGrid[] {
  if (features.length === 0) throw new UsageError(`${option}: the file has no features, so there are no grids to check`);
  requireGeometry(features, option, ['Polygon', 'MultiPolygon'], 'polygons');
  assertWgs84(features, option);
  const grids = features.map((f, i): PlanGrid => {
    const p = f.properties ?? {};
    const zoneCode = text(p.zoneCode) ?? text(p.zone);
    return {
      code: text(p.code) ?? text(p.id) ?? text(f.id) ?? String(i + 1),
      geometry: f.geometry as GridGeometry,
      communityCode: text(p.communityCode) ?? text(p.community) ?? IMPLICIT_COMMUNITY,
      ...(zoneCode ? { zoneCode } : {}),
      ...(p.type === 'dedicated' ? { type: 'dedicated' as const } : {}),
    };
  });
  const seen = new Map<string, number>();
  const dup = grids.flatMap((g, i) => {
    const first = seen.get(g.code);
    if (first === undefined) seen.set(g.code, i);
    return first === undefined ? [] : [`"${g.code}" (features ${first + 1} and ${i + 1})`];
  });
  if (dup.length > 0) {
    throw new UsageError(`${option}: ${dup.length} grid code(s) used twice: ${dup.slice(0, SHOW).join(', ')}; each grid needs its own code`);
  }
  return grids;
}

function unionOf(geometries: readonly GridGeometry[]): GridGeometry | null {
  if (geometries.length === 1) return geometries[0]!;
  const fc = featureCollection(geometries.map((g) => ({ type: 'Feature' as const, properties: {}, geometry: g })));
  return union(fc)?.geometry ?? null;
}

/** Union of grids, skipping ones too broken to union (they are reported as invalid anyway). */
function unionOfGrids(grids: readonly PlanGrid[]): GridGeometry | null {
  try {
    return unionOf(grids.map((g) => g.geometry));
  } catch {
    const sound = grids.filter((g) => g.geometry.type === 'MultiPolygon' || checkPolygon(g.geometry).valid);
    return sound.length > 0 ? unionOf(sound.map((g) => g.geometry)) : null;
  }
}

/**
 * Communities of the grids. With a boundary file, each feature is a community: matched by its
 * `code`/`communityCode`/`community` property, or the only community when there is one (the
 * features then make up its boundary together). Without one, a community is the union of its
 * grids: gaps are then holes between grids only.
 */
export function readCommunities(grids: readonly PlanGrid[], boundary: readonly Feature[] | undefined, option = '--boundary'): PlanCommunity[] {
  const codes = [...new Set(grids.map((g) => g.communityCode))];
  if (!boundary) {
    return codes.flatMap((code) => {
      const geometry = unionOfGrids(grids.filter((g) => g.communityCode === code));
      return geometry ? [{ code, geometry }] : [];
    });
  }
  if (boundary.length === 0) throw new UsageError(`${option}: the file has no features`);
  requireGeometry(boundary, option, ['Polygon', 'MultiPolygon'], 'polygons');
  assertWgs84(boundary, option);
  const named = (f: Feature): string | undefined => text(f.properties?.code) ?? text(f.properties?.communityCode) ?? text(f.properties?.community);
  if (codes.length === 1 && !boundary.some((f) => named(f) === codes[0])) {
    const geometry = unionOf(boundary.map((f) => f.geometry as GridGeometry));
    if (!geometry) throw new UsageError(`${option}: the boundary polygons have no area`);
    return [{ code: codes[0]!, geometry }];
  }
  return codes.map((code) => {
    const mine = boundary.filter((f) => named(f) === code);
    const geometry = mine.length > 0 ? unionOf(mine.map((f) => f.geometry as GridGeometry)) : null;
    if (!geometry) {
      throw new UsageError(`${option}: no boundary feature has code "${code}", the community of some grids; give each boundary feature a "code" property`);
    }
    return { code, geometry };
  });
}
