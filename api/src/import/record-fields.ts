/**
 * Reading one source record's position and time under a field mapping: the shared first
 * step of incident and track imports. Positions come back in WGS84 degrees.
 */
import { pointInPolygon, toWgs84, type SourceCrs } from '@gridatlas/core';
import type { MultiPolygon, Polygon } from 'geojson';
import type { FieldMapping, RejectReason, SourceRecord } from './import.types.js';
import { parseTime, type TimeFormat } from './parse-time.js';

export interface RecordReader {
  crs: SourceCrs;
  fields: FieldMapping;
  utcOffsetMin: number;
  timeFormat?: TimeFormat;
  /** The district to keep points inside; null skips the check. */
  boundary: Polygon | MultiPolygon | null;
}

export type Read<T> = { ok: true; value: T } | { ok: false; reason: RejectReason; detail?: string };

function coordinate(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : NaN;
  if (typeof v !== 'string' || v.trim() === '') return null;
  const x = Number(v.trim().replace(/,/g, '.'));
  return Number.isFinite(x) ? x : NaN;
}

export function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/** The WGS84 `[lng, lat]` of a record: from the mapped fields, else its point geometry. */
export function readPosition(r: RecordReader, rec: SourceRecord): Read<[number, number]> {
  let x: number | null;
  let y: number | null;
  if (r.fields.lng !== undefined && r.fields.lat !== undefined) {
    x = coordinate(rec.fields[r.fields.lng]);
    y = coordinate(rec.fields[r.fields.lat]);
  } else if (rec.point) {
    [x, y] = rec.point;
  } else {
    return { ok: false, reason: 'missing_coordinates' };
  }
  if (x === null || y === null) return { ok: false, reason: 'missing_coordinates' };
  if (Number.isNaN(x) || Number.isNaN(y) || Math.abs(x) > 180 || Math.abs(y) > 90 || (x === 0 && y === 0)) {
    return { ok: false, reason: 'bad_coordinates', detail: `${String(x)}, ${String(y)}` };
  }
  const p = toWgs84([x, y], r.crs);
  if (r.boundary && !pointInPolygon(p, r.boundary)) return { ok: false, reason: 'outside_district', detail: `${p[0].toFixed(6)}, ${p[1].toFixed(6)}` };
  return { ok: true, value: p };
}

/** The record's time in epoch ms. */
export function readTime(r: RecordReader, rec: SourceRecord): Read<number> {
  const raw = r.fields.time === undefined ? undefined : rec.fields[r.fields.time];
  if (isBlank(raw)) return { ok: false, reason: 'missing_time' };
  const t = parseTime(raw, r.utcOffsetMin, r.timeFormat);
  if (t === null) return { ok: false, reason: 'bad_time', detail: String(raw).slice(0, 40) };
  return { ok: true, value: t };
}
