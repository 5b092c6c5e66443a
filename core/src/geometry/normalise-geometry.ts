/**
 * The one normalising step every reader of geometry goes through (units, grids, boundaries,
 * streets, records): a GeoJSON geometry as it comes, of the kind the reader expects, made
 * valid with nothing dropped silently. Polygons: see normalise-polygon.ts. Lines: Z dropped,
 * repeated vertices removed, parts with no length refused by name. Points: Z dropped, a
 * MultiPoint of one point read as a Point. Coordinates must be WGS84 `[lng, lat]` degrees;
 * anything else is refused with a diagnosis (projected metres, swapped axes).
 *
 * @example
 * const n = normaliseGeometry(feature.geometry, { expect: 'polygon' });
 * if (!n.geometry) throw new Error(n.rejection!.detail);
 * n.repairs.forEach((r) => console.log(r.reason, r.detail));
 */
import type { Geometry, LineString, MultiLineString, Point } from 'geojson';
import type { GeometryExpectation, GeometryRejection, GeometryRepair, NormalisedGeometry, NormaliseOptions } from './normalise.types.js';
import { normalisePolygonal } from './normalise-polygon.js';
import { readPositions, type CoordinateTally, type XY } from './read-coordinates.js';

const TYPES: Record<GeometryExpectation, readonly string[]> = {
  polygon: ['Polygon', 'MultiPolygon'],
  line: ['LineString', 'MultiLineString'],
  point: ['Point', 'MultiPoint'],
};

const NOUN: Record<GeometryExpectation, string> = { polygon: 'a polygon', line: 'a line', point: 'a point' };

function refuse(rejection: GeometryRejection): NormalisedGeometry {
  return { geometry: null, repairs: [], rejection, rejectedParts: [] };
}

const zDropped = (): GeometryRepair => ({
  reason: 'z_dropped',
  detail: 'Z/M values dropped (positions are [lng, lat])',
  informational: true,
});

/** Members of the expected kind, with the rest named as rejected parts. */
function members(g: Geometry, expect: GeometryExpectation, rejected: GeometryRejection[]): Geometry[] {
  if (g.type !== 'GeometryCollection') return [g];
  const geometries = Array.isArray(g.geometries) ? g.geometries : [];
  return geometries.flatMap((m, i) => {
    if (m && m.type === 'GeometryCollection') return members(m, expect, rejected);
    if (m && TYPES[expect].includes(m.type)) return [m];
    rejected.push({
      reason: 'wrong_type',
      detail: `member ${i + 1} of the GeometryCollection is ${m?.type ?? 'empty'}, not ${NOUN[expect]}: left out`,
    });
    return [];
  });
}

function polygonParts(list: readonly Geometry[], tally: CoordinateTally): XY[][][] | null {
  const parts: XY[][][] = [];
  for (const g of list) {
    const raw = (g as { coordinates?: unknown }).coordinates;
    const polys = g.type === 'Polygon' ? [raw] : Array.isArray(raw) ? raw : null;
    if (!polys) {
      tally.problem ??= { reason: 'bad_coordinates', detail: `${g.type} coordinates must be an array` };
      return null;
    }
    for (const rings of polys as unknown[]) {
      if (!Array.isArray(rings)) {
        tally.problem ??= { reason: 'bad_coordinates', detail: 'a polygon must be an array of rings' };
        return null;
      }
      const part: XY[][] = [];
      for (const ring of rings as unknown[]) {
        const read = readPositions(ring, tally);
        if (!read) return null;
        part.push(read);
      }
      if (part.length > 0) parts.push(part);
    }
  }
  return parts;
}

function lineParts(list: readonly Geometry[], tally: CoordinateTally): XY[][] | null {
  const parts: XY[][] = [];
  for (const g of list) {
    const raw = (g as { coordinates?: unknown }).coordinates;
    const lines = g.type === 'LineString' ? [raw] : Array.isArray(raw) ? raw : null;
    if (!lines) {
      tally.problem ??= { reason: 'bad_coordinates', detail: `${g.type} coordinates must be an array` };
      return null;
    }
    for (const line of lines as unknown[]) {
      const read = readPositions(line, tally);
      if (!read) return null;
      parts.push(read);
    }
  }
  return parts;
}

function normaliseLines(
  parts: XY[][],
  multi: boolean,
  repairs: GeometryRepair[],
  rejectedParts: GeometryRejection[],
): LineString | MultiLineString | null {
  let duplicates = 0;
  const kept: XY[][] = [];
  parts.forEach((line, i) => {
    const out: XY[] = [];
    for (const p of line) {
      const last = out[out.length - 1];
      if (last && last[0] === p[0] && last[1] === p[1]) duplicates++;
      else out.push(p);
    }
    if (out.length >= 2) kept.push(out);
    else {
      rejectedParts.push({
        reason: 'collapsed_part',
        detail: `${multi ? `line ${i + 1}` : 'the line'} has no length (${out.length} distinct vertex): left out`,
        ...(out[0] ? { at: out[0] } : {}),
      });
    }
  });
  if (duplicates > 0) repairs.push({ reason: 'duplicate_vertices', detail: `${duplicates} repeated vertex(es) removed` });
  if (kept.length === 0) return null;
  if (kept.length === 1) {
    if (multi)
      repairs.push({ reason: 'single_part_multi', detail: 'a MultiLineString of one line: read as a LineString', informational: true });
    return { type: 'LineString', coordinates: kept[0]! };
  }
  return { type: 'MultiLineString', coordinates: kept };
}

/** Normalises one GeoJSON geometry of the expected kind (see the file comment). */
export function normaliseGeometry(geometry: Geometry | null | undefined, options: NormaliseOptions): NormalisedGeometry {
  const { expect } = options;
  if (!geometry || typeof geometry !== 'object') return refuse({ reason: 'no_geometry', detail: 'the feature has no geometry' });
  const type = (geometry as { type?: unknown }).type;
  if (type !== 'GeometryCollection' && !TYPES[expect].includes(type as string)) {
    const known = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'].includes(type as string);
    return refuse({
      reason: 'wrong_type',
      detail: known ? `a ${String(type)} where ${NOUN[expect]} is needed` : `geometry type ${JSON.stringify(type ?? null)} is not GeoJSON`,
    });
  }
  const rejectedParts: GeometryRejection[] = [];
  const list = members(geometry, expect, rejectedParts);
  if (list.length === 0)
    return { ...refuse({ reason: 'empty', detail: `the GeometryCollection holds no ${NOUN[expect].slice(2)}` }), rejectedParts };
  const multi = list.length > 1 || list[0]!.type.startsWith('Multi');
  const tally: CoordinateTally = { hadZ: false };
  const repairs: GeometryRepair[] = [];

  if (expect === 'polygon') {
    const parts = polygonParts(list, tally);
    if (!parts) return refuse(tally.problem!);
    if (parts.length === 0) return refuse({ reason: 'empty', detail: 'the polygon has no rings' });
    const r = normalisePolygonal(parts, multi);
    if (tally.hadZ) repairs.push(zDropped());
    repairs.push(...r.repairs);
    rejectedParts.push(...r.rejectedParts);
    const areas = { areaBeforeM2: r.areaBeforeM2, areaAfterM2: r.areaAfterM2 };
    if (!r.geometry) {
      const detail = r.rejectedParts.map((p) => p.detail).join('; ') || 'nothing of the polygon encloses an area';
      return { geometry: null, repairs, rejection: { reason: 'collapsed_part', detail }, rejectedParts: [], ...areas };
    }
    return { geometry: r.geometry, repairs, rejectedParts, ...areas };
  }

  if (expect === 'line') {
    const parts = lineParts(list, tally);
    if (!parts) return refuse(tally.problem!);
    if (tally.hadZ) repairs.push(zDropped());
    const g = normaliseLines(parts, multi, repairs, rejectedParts);
    if (!g)
      return { geometry: null, repairs, rejection: { reason: 'collapsed_part', detail: 'the line has no length' }, rejectedParts: [] };
    return { geometry: g, repairs, rejectedParts };
  }

  const points: XY[] = [];
  for (const g of list) {
    const raw = (g as { coordinates?: unknown }).coordinates;
    const read = readPositions(g.type === 'Point' ? [raw] : raw, tally);
    if (!read) return refuse(tally.problem!);
    points.push(...read);
  }
  if (tally.hadZ) repairs.push(zDropped());
  const distinct = points.filter((p, i) => points.findIndex((q) => q[0] === p[0] && q[1] === p[1]) === i);
  if (distinct.length === 0) return refuse({ reason: 'empty', detail: 'the MultiPoint has no points' });
  if (distinct.length < points.length)
    repairs.push({ reason: 'duplicate_vertices', detail: `${points.length - distinct.length} repeated point(s) removed` });
  if (distinct.length === 1) {
    if (multi) repairs.push({ reason: 'single_part_multi', detail: 'a MultiPoint of one point: read as a Point', informational: true });
    const point: Point = { type: 'Point', coordinates: distinct[0]! };
    return { geometry: point, repairs, rejectedParts };
  }
  return { geometry: { type: 'MultiPoint', coordinates: distinct }, repairs, rejectedParts };
}
