/**
 * Point geometry for the rows of a CSV or XLSX: from the longitude/latitude fields named, or
 * guessed (lng, lon, longitude, x, 经度 …). A table with no such fields is rows without
 * geometry (a population registry keyed by building code); a row whose coordinates are
 * blank or not numbers has none either, and is counted.
 */
import { guessFields } from '../field-guess.js';
import type { LayerWarnings } from './layer-warnings.js';
import { FormatError } from './format-error.js';

export interface CoordinateFields {
  lng: string;
  lat: string;
}

export function coordinateFields(columns: string[], options: { lngField?: string; latField?: string }): CoordinateFields | null {
  if ((options.lngField === undefined) !== (options.latField === undefined))
    throw new FormatError('unreadable', 'give the longitude and latitude fields together (--lng-field and --lat-field)');
  if (options.lngField !== undefined) {
    for (const f of [options.lngField, options.latField!]) {
      if (!columns.includes(f))
        throw new FormatError('unreadable', `no field "${f}"; the fields are ${columns.join(', ')}`, { fields: columns });
    }
    return { lng: options.lngField, lat: options.latField! };
  }
  const guessed = guessFields(columns, {}, ['lng', 'lat']);
  return guessed.lng !== undefined && guessed.lat !== undefined ? { lng: guessed.lng, lat: guessed.lat } : null;
}

function number(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string' || v.trim() === '') return null;
  const x = Number(v.trim());
  return Number.isFinite(x) ? x : null;
}

/** The row's point in the file's coordinates, or null (counted in `warnings`). */
export function pointOfRow(
  properties: Record<string, unknown>,
  fields: CoordinateFields,
  row: number,
  warnings: LayerWarnings,
): [number, number] | null {
  const x = number(properties[fields.lng]);
  const y = number(properties[fields.lat]);
  if (x === null || y === null) {
    warnings.add('no_coordinates', `rows whose ${fields.lng}/${fields.lat} are blank or not numbers have no geometry`, row);
    return null;
  }
  return [x, y];
}
