/** One layer opened by its format's reader: attributes decoded, geometry still in the file's own system. */
import type { Crs } from '@gridatlas/core';
import type { Geometry } from 'geojson';
import type { LayerWarnings } from './layer-warnings.js';
import type { FieldType, LayerEncoding, LayerField, LayerFormat } from './layer.types.js';

export interface RawRecord {
  /** 1-based row in the layer. */
  row: number;
  /** In the file's coordinates. */
  geometry: Geometry | null;
  properties: Record<string, unknown>;
}

export interface RawLayer {
  format: LayerFormat;
  name: string;
  encoding: LayerEncoding | null;
  /** The system the file itself states (.prj, GeoJSON `crs`), or its format's default (GeoJSON, KML: WGS84). */
  declaredCrs: { crs: Crs; how: 'prj' | 'default' } | null;
  /** Known from a header (DBF); null: worked out from the records by `fieldTypes`. */
  fields: LayerField[] | null;
  fieldTypes?: FieldTypes;
  /** Features the header declares, when it does. */
  count: number | null;
  /** Extent from a header, the file's coordinates. */
  bbox: [number, number, number, number] | null;
  /** The kind of geometry a header declares (a shapefile's shape type); undefined when the format has none. */
  geometryKind?: 'point' | 'line' | 'polygon' | 'null' | 'other';
  /** Rows counted without parsing them (tables), for the preview. */
  countRecords?: () => number | null;
  /** Why the .prj could not be read, when the reader was told to carry on. */
  prjProblem?: string;
  records(): AsyncIterable<RawRecord>;
  warnings: LayerWarnings;
}

/** Field types worked out from values as records pass. */
export class FieldTypes {
  private readonly types = new Map<string, FieldType>();

  see(properties: Record<string, unknown>): void {
    for (const name in properties) {
      const was = this.types.get(name);
      // Mixed stays mixed whatever comes: no need to look (most of a large table's cells).
      if (was === 'mixed') continue;
      const t = typeOf(properties[name]);
      this.types.set(
        name,
        was === undefined || was === 'empty'
          ? t
          : t === 'empty' || t === was
            ? was
            : was === 'integer' && t === 'number'
              ? 'number'
              : was === 'number' && t === 'integer'
                ? 'number'
                : 'mixed',
      );
    }
  }

  list(): LayerField[] {
    return [...this.types].map(([name, type]) => ({ name, type }));
  }
}

function typeOf(v: unknown): FieldType {
  if (v === null || v === undefined || v === '') return 'empty';
  if (typeof v === 'boolean') return 'boolean';
  if (v instanceof Date) return 'date';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'string') {
    const c = v.charCodeAt(0);
    // Text that cannot start a number (letters, CJK) is decided by its first character.
    if (!((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46 || c === 32)) return 'string';
    const s = v.trim();
    if (s.length < 16 && /^[+-]?\d+$/.test(s)) return 'integer';
    if (s !== '' && Number.isFinite(Number(s))) return 'number';
    return 'string';
  }
  return 'mixed';
}
