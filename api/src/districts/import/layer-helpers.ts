/** Small helpers every layer importer shares: fields by name or guess, the normalising step into the report, geometry equality. */
import type { Feature, Geometry } from 'geojson';
import type { ReportBuilder } from './import-report.js';
import { normaliseFeatures, type GeometryExpectation, type NormalisedFeature } from './normalise-layer.js';
import { ImportError } from '../../import/import.types.js';

/** The value of `field`, or of the first of `guesses` present; strings trimmed, empty as undefined. */
export function fieldValue(props: Record<string, unknown>, field: string | undefined, guesses: readonly string[] = []): unknown {
  for (const k of field !== undefined ? [field] : guesses) {
    const v = props[k];
    if (v === undefined || v === null) continue;
    if (typeof v === 'string') {
      const t = v.trim();
      if (t !== '') return t;
      continue;
    }
    return v;
  }
  return undefined;
}

export function fieldText(props: Record<string, unknown>, field: string | undefined, guesses: readonly string[] = []): string | undefined {
  const v = fieldValue(props, field, guesses);
  if (v === undefined) return undefined;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).normalize('NFKC').trim() || undefined;
}

/** A number from a field ("12", "12.5", 12, "12层"); undefined when absent, NaN when unreadable. */
export function fieldNumber(
  props: Record<string, unknown>,
  field: string | undefined,
  guesses: readonly string[] = [],
): number | undefined {
  const v = fieldValue(props, field, guesses);
  if (v === undefined) return undefined;
  if (typeof v === 'number') return v;
  const m = /^-?\d+(\.\d+)?/.exec(String(v).normalize('NFKC').trim());
  return m ? Number(m[0]) : Number.NaN;
}

/** A named field must exist in the file: a clear error (exit 2) naming the fields there are. */
export function requireFields(fields: readonly string[], named: Record<string, string | undefined>): void {
  for (const [option, name] of Object.entries(named)) {
    if (name !== undefined && !fields.includes(name)) {
      throw new ImportError(
        `${option} "${name}" is not a field of this file; its fields are: ${fields.slice(0, 40).join(', ') || '(none)'}`,
      );
    }
  }
}

/** Runs the normalising step and copies its repairs and rejections into the report. */
export function normaliseInto(
  report: ReportBuilder,
  features: readonly Feature<Geometry | null>[],
  options: { expect: GeometryExpectation; idField?: string; nameField?: string },
  /** Position in the whole file of each of `features`, when they are a subset of it. */
  indexInFile?: readonly number[],
): NormalisedFeature[] {
  // A feature without geometry is the normaliser's to reject (no_geometry), with the rest.
  const { items, report: n } = normaliseFeatures(features as readonly Feature[], options);
  const at = (i: number): number => indexInFile?.[i] ?? i;
  for (const e of n.rejections)
    report.add('rejected', e.reason, { index: at(e.index), id: e.id, ...(e.name ? { name: e.name } : {}) }, e.detail);
  for (const e of n.repairs) {
    const informational = n.reasons[e.reason]?.informational === true;
    report.add(
      informational ? 'warning' : 'repaired',
      e.reason,
      { index: at(e.index), id: e.id, ...(e.name ? { name: e.name } : {}) },
      e.detail,
    );
  }
  return indexInFile ? items.map((it) => ({ ...it, index: at(it.index) })) : items;
}

function flatten(g: unknown, out: number[]): number[] {
  if (Array.isArray(g) && typeof g[0] === 'number') out.push(g[0] as number, g[1] as number);
  else if (Array.isArray(g)) for (const x of g) flatten(x, out);
  return out;
}

/** 1 cm in degrees of latitude (a degree of longitude is never longer). */
export const SAME_POSITION_DEG = 0.01 / 111_320;

/**
 * Same geometry within 1 cm per vertex (degrees compared at 1 cm of latitude), same vertex
 * order: what "unchanged" means when a layer is imported again, also after a trip through a
 * projected system.
 */
export function sameGeometry(a: Geometry, b: Geometry): boolean {
  if (a.type !== b.type) return false;
  const x = flatten((a as { coordinates: unknown }).coordinates, []);
  const y = flatten((b as { coordinates: unknown }).coordinates, []);
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (Math.abs(x[i]! - y[i]!) > SAME_POSITION_DEG) return false;
  return true;
}
