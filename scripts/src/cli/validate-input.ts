/**
 * Reads the GeoJSON files of `gridatlas validate` into the planner's shapes (units, grids,
 * communities), refusing bad input with a message a person can act on. Coordinates must be
 * WGS84 `[lng, lat]` degrees, as GeoJSON (RFC 7946) requires.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { area as turfArea, featureCollection, union } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import {
  representativePoint,
  type GridGeometry,
  type NormaliseReport,
  type PlanCommunity,
  type PlanGrid,
  type PlanUnit,
} from '@gridatlas/core';
import { UsageError } from './command.js';
import { normaliseInput } from './read-geometry.js';

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
  const shown = indices
    .slice(0, SHOW)
    .map((i) => i + 1)
    .join(', ');
  return indices.length > SHOW ? `${shown} and ${indices.length - SHOW} more` : shown;
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

/** The largest part of a (Multi)Polygon, by area: a unit's footprint (where it sits) is one polygon. */
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
  /** Property with each unit's own id (default: `id`, `code`, `GEOID`, `GEO_ID`, the feature id, else its position). */
  id?: string;
  /** Property with each unit's name (default: `name`, `NAME`, `名称`…). */
  name?: string;
}

/** Units as read, with the normalising step's report and each unit's name and full geometry. */
export interface ReadUnits {
  units: PlanUnit[];
  report: NormaliseReport;
  /** Name of each unit, by index, when its feature has one. */
  names: (string | undefined)[];
  /** Each polygon unit's geometry with every part (the footprint is its largest part). */
  geometries: (Polygon | MultiPolygon | null)[];
}

/**
 * Units from point or polygon features, through the normalising step (repairs listed, an
 * unreadable feature refuses the file). A polygon stands for itself by a point inside it and
 * its footprint (its largest part when it has several; every part is kept in `geometries`).
 */
export function readUnits(features: readonly Feature[], fields: UnitFields, option = '--units'): ReadUnits {
  requireGeometry(features, option, ['Point', 'MultiPoint', 'Polygon', 'MultiPolygon', 'GeometryCollection'], 'points or polygons');
  for (const [role, field] of [
    ['households', fields.households],
    ['persons', fields.persons],
  ] as const) {
    const flag = `--${role}-field`;
    const missing = features.flatMap((f, i) => (f.properties?.[field] === undefined || f.properties[field] === null ? [i] : []));
    if (missing.length > 0) {
      const hint = numericFields(features, role)
        .filter((k) => k !== field)
        .slice(0, 8);
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
  const { items, report } = normaliseInput(features, option, ['polygon', 'point'], {
    ...(fields.id ? { idField: fields.id } : {}),
    ...(fields.name ? { nameField: fields.name } : {}),
  });
  const several = items.filter((i) => i.geometry.type === 'MultiPoint');
  if (several.length > 0) {
    throw new UsageError(
      `${option}: ${several.length} feature(s) (${several
        .slice(0, SHOW)
        .map((i) => i.id)
        .join(', ')}) are several points; a unit is one point (or a polygon)`,
    );
  }
  const ids = new Set<string>();
  const units = items.map((item): PlanUnit => {
    let id = item.id;
    if (ids.has(id)) id = `${id}#${item.index + 1}`;
    ids.add(id);
    const households = count(item.properties[fields.households])!;
    const persons = count(item.properties[fields.persons])!;
    const g = item.geometry;
    if (g.type === 'Point') return { id, point: [g.coordinates[0]!, g.coordinates[1]!], households, persons };
    const footprint = mainPart(g as Polygon | MultiPolygon);
    return { id, point: representativePoint(footprint), households, persons, footprint };
  });
  return {
    units,
    report,
    names: items.map((i) => i.name),
    geometries: items.map((i) => (i.geometry.type === 'Polygon' || i.geometry.type === 'MultiPolygon' ? i.geometry : null)),
  };
}

/** Grids as read, with the normalising step's report. */
export interface ReadGrids {
  /** Grids with their geometry as given (`asGiven`) or as the normalising step repaired it. */
  grids: PlanGrid[];
  /** Each grid's geometry as repaired. */
  repaired: GridGeometry[];
  /** Each grid's name, when its feature has one. */
  names: (string | undefined)[];
  report: NormaliseReport;
}

/**
 * Grids from polygon features: code from `code`, `id` or the feature id (else its number in
 * the file), community from `communityCode` or `community` (else one implicit community),
 * zone from `zoneCode` or `zone`. Every grid goes through the normalising step (an unreadable
 * one refuses the file); `asGiven` keeps the geometry as drawn, so the validator reports a
 * multipart or self-crossing grid as the error it is (and measures its repaired shape).
 */
export function readGrids(features: readonly Feature[], option = '--grids', options: { asGiven?: boolean } = {}): ReadGrids {
  if (features.length === 0) throw new UsageError(`${option}: the file has no features, so there are no grids to check`);
  requireGeometry(features, option, ['Polygon', 'MultiPolygon'], 'polygons');
  const { items, report } = normaliseInput(features, option, 'polygon', { idField: 'code' });
  const grids = items.map((item): PlanGrid => {
    const f = features[item.index]!;
    const p = f.properties ?? {};
    const zoneCode = text(p.zoneCode) ?? text(p.zone);
    return {
      code: text(p.code) ?? text(p.id) ?? text(f.id) ?? String(item.index + 1),
      geometry: options.asGiven ? (f.geometry as GridGeometry) : (item.geometry as GridGeometry),
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
    throw new UsageError(
      `${option}: ${dup.length} grid code(s) used twice: ${dup.slice(0, SHOW).join(', ')}; each grid needs its own code`,
    );
  }
  return { grids, repaired: items.map((i) => i.geometry as GridGeometry), names: items.map((i) => i.name), report };
}

function unionOf(geometries: readonly GridGeometry[]): GridGeometry | null {
  if (geometries.length === 0) return null;
  if (geometries.length === 1) return geometries[0]!;
  const fc = featureCollection(geometries.map((g) => ({ type: 'Feature' as const, properties: {}, geometry: g })));
  return union(fc)?.geometry ?? null;
}

/**
 * Communities of the grids (`repaired`: each grid's geometry after the normalising step).
 * With a boundary file, each feature is a community: matched by its `code`/`communityCode`/
 * `community` property, or the only community when there is one (the features then make up
 * its boundary together). Without one, a community is the union of its grids: gaps are then
 * holes between grids only.
 */
export function readCommunities(
  grids: readonly PlanGrid[],
  boundary: readonly Feature[] | undefined,
  option = '--boundary',
  repaired: readonly GridGeometry[] = grids.map((g) => g.geometry),
): { communities: PlanCommunity[]; report?: NormaliseReport } {
  const codes = [...new Set(grids.map((g) => g.communityCode))];
  if (!boundary) {
    const communities = codes.flatMap((code) => {
      const geometry = unionOf(repaired.filter((_, i) => grids[i]!.communityCode === code));
      return geometry ? [{ code, geometry }] : [];
    });
    return { communities };
  }
  if (boundary.length === 0) throw new UsageError(`${option}: the file has no features`);
  requireGeometry(boundary, option, ['Polygon', 'MultiPolygon'], 'polygons');
  const { items, report } = normaliseInput(boundary, option, 'polygon');
  const geometryOf = (f: Feature): GridGeometry => items[boundary.indexOf(f)]!.geometry as GridGeometry;
  const named = (f: Feature): string | undefined =>
    text(f.properties?.code) ?? text(f.properties?.communityCode) ?? text(f.properties?.community);
  if (codes.length === 1 && !boundary.some((f) => named(f) === codes[0])) {
    const geometry = unionOf(boundary.map(geometryOf));
    if (!geometry) throw new UsageError(`${option}: the boundary polygons have no area`);
    return { communities: [{ code: codes[0]!, geometry }], report };
  }
  const communities = codes.map((code) => {
    const mine = boundary.filter((f) => named(f) === code);
    const geometry = mine.length > 0 ? unionOf(mine.map(geometryOf)) : null;
    if (!geometry) {
      throw new UsageError(
        `${option}: no boundary feature has code "${code}", the community of some grids; give each boundary feature a "code" property`,
      );
    }
    return { code, geometry };
  });
  return { communities, report };
}
