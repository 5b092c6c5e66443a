/**
 * Reading one source record's position and time under a field mapping: the shared first
 * step of incident and track imports. A position — from the mapped longitude/latitude fields,
 * else the record's geometry — is converted from its coordinate system to WGS84 first, then
 * goes through core's normalising step (`normaliseGeometry`, expect a point), which repairs
 * what it can (Z dropped, a MultiPoint of one point) and refuses what cannot be a position
 * (not numbers, projected metres, swapped axes, out of range) with a reason and a sentence.
 * Positions come back in WGS84 degrees.
 */
import { converterToWgs84, normaliseGeometry, pointInPolygon, type Crs, type GeometryRepair } from '@gridatlas/core';
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import type { FieldMapping, RejectReason, SourceRecord } from './import.types.js';
import { parseTime, type TimeFormat } from './parse-time.js';

export interface RecordReader {
  /** The import's coordinate system (`--crs`): of the mapped fields, and of geometry whose file names none. */
  crs: Crs;
  fields: FieldMapping;
  utcOffsetMin: number;
  timeFormat?: TimeFormat;
  /** The district to keep points inside; null skips the check. */
  boundary: Polygon | MultiPolygon | null;
}

export type Read<T> = { ok: true; value: T } | { ok: false; reason: RejectReason; detail?: string };

/** A position in WGS84 and what the normalising step repaired on the way. */
export interface ReadPosition {
  position: [number, number];
  repairs: GeometryRepair[];
}

function coordinate(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : NaN;
  if (typeof v !== 'string' || v.trim() === '') return null;
  const x = Number(v.trim().replace(/,/g, '.'));
  return Number.isFinite(x) ? x : NaN;
}

export function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/** WGS84 itself, or CGCS2000 taken as WGS84: the numbers stand as they are. */
function isDegreesAsGiven(crs: Crs): boolean {
  return crs.kind === 'geographic' && (crs.datum === 'WGS84' || crs.datum === 'CGCS2000');
}

/**
 * `geometry` with every position of two finite numbers converted to WGS84, its Z/M kept for
 * the normalising step to report; positions that are not numbers are left for it to refuse.
 * Throws a RangeError for a position the system cannot convert.
 */
function toWgs84Geometry(geometry: Geometry, crs: Crs): Geometry {
  if (isDegreesAsGiven(crs)) return geometry;
  const convert = converterToWgs84(crs);
  const walk = (c: unknown): unknown => {
    if (!Array.isArray(c)) return c;
    if (typeof c[0] === 'number' || (c.length >= 2 && !Array.isArray(c[0]))) {
      const [x, y] = c as unknown[];
      if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) return c;
      return [...convert(c as Position), ...c.slice(2)];
    }
    return c.map(walk);
  };
  if (geometry.type === 'GeometryCollection') return { ...geometry, geometries: geometry.geometries.map((g) => toWgs84Geometry(g, crs)) };
  return { ...geometry, coordinates: walk((geometry as { coordinates: unknown }).coordinates) } as Geometry;
}

/** The record's geometry as a GeoJSON geometry in its own system: from the mapped fields, else the file's geometry. */
function sourceGeometry(r: RecordReader, rec: SourceRecord): Read<{ geometry: Geometry; crs: Crs }> {
  if (r.fields.lng !== undefined && r.fields.lat !== undefined) {
    const x = coordinate(rec.fields[r.fields.lng]);
    const y = coordinate(rec.fields[r.fields.lat]);
    if (x === null || y === null) return { ok: false, reason: 'missing_coordinates' };
    if (Number.isNaN(x) || Number.isNaN(y)) {
      return {
        ok: false,
        reason: 'bad_coordinates',
        detail: `${String(rec.fields[r.fields.lng])}, ${String(rec.fields[r.fields.lat])}: not numbers`,
      };
    }
    return { ok: true, value: { geometry: { type: 'Point', coordinates: [x, y] }, crs: r.crs } };
  }
  if (!rec.geometry) return { ok: false, reason: 'missing_coordinates' };
  return { ok: true, value: { geometry: rec.geometry, crs: rec.crs ?? r.crs } };
}

/** Rejections of the normalising step as import reasons: a geometry with nothing in it has no coordinates. */
const REASON: Record<string, RejectReason> = {
  no_geometry: 'missing_coordinates',
  empty: 'missing_coordinates',
  wrong_type: 'wrong_type',
  bad_coordinates: 'bad_coordinates',
  projected_coordinates: 'projected_coordinates',
  swapped_coordinates: 'swapped_coordinates',
  out_of_range: 'out_of_range',
};

/** `[0, 0]` stands for "no position" in many exports (null island), in any system. */
function isZeroPoint(g: Geometry): boolean {
  if (g.type !== 'Point') return false;
  const c = g.coordinates as unknown[];
  return c[0] === 0 && c[1] === 0;
}

/** The WGS84 `[lng, lat]` of a record, converted and normalised, inside the district. */
export function readPosition(r: RecordReader, rec: SourceRecord): Read<ReadPosition> {
  const source = sourceGeometry(r, rec);
  if (!source.ok) return source;
  const { geometry, crs } = source.value;
  if (isZeroPoint(geometry)) return { ok: false, reason: 'bad_coordinates', detail: '0, 0 (no position)' };
  let wgs84: Geometry;
  try {
    wgs84 = toWgs84Geometry(geometry, crs);
  } catch (error) {
    return {
      ok: false,
      reason: 'bad_coordinates',
      detail: `${JSON.stringify((geometry as { coordinates?: unknown }).coordinates)?.slice(0, 60)}: not a position in ${crs.name} (${(error as Error).message})`,
    };
  }
  const n = normaliseGeometry(wgs84, { expect: 'point' });
  if (!n.geometry) return { ok: false, reason: REASON[n.rejection!.reason] ?? 'bad_coordinates', detail: n.rejection!.detail };
  if (n.geometry.type !== 'Point') {
    return {
      ok: false,
      reason: 'wrong_type',
      detail: `a MultiPoint of ${n.geometry.coordinates.length} different points where one position is needed`,
    };
  }
  const p = n.geometry.coordinates as [number, number];
  if (r.boundary && !pointInPolygon(p, r.boundary))
    return { ok: false, reason: 'outside_district', detail: `${p[0].toFixed(6)}, ${p[1].toFixed(6)}` };
  return { ok: true, value: { position: [p[0], p[1]], repairs: n.repairs } };
}

/** The record's time in epoch ms. */
export function readTime(r: RecordReader, rec: SourceRecord): Read<number> {
  const raw = r.fields.time === undefined ? undefined : rec.fields[r.fields.time];
  if (isBlank(raw)) return { ok: false, reason: 'missing_time' };
  const t = parseTime(raw, r.utcOffsetMin, r.timeFormat);
  if (t === null) return { ok: false, reason: 'bad_time', detail: String(raw).slice(0, 40) };
  return { ok: true, value: t };
}
