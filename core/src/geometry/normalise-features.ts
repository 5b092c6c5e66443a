/**
 * The normalising step over a list of GeoJSON features: each feature's geometry normalised,
 * each feature named by its own id and name so a person can find it in their file, and a
 * report that accounts for every feature (read = accepted + rejected) with every repair and
 * rejection listed, counted per reason with a sample.
 *
 * @example
 * const { items, report } = normaliseFeatures(collection.features, { expect: 'polygon', idField: 'GEOID' });
 * report.reasons.nested_shell // { kind: 'repair', count: 3, sample: { id: '060750…', detail: 'part 2 … lies inside part 1 …' } }
 */
import type { Feature, Geometry } from 'geojson';
import type {
  GeometryExpectation,
  NormalisedFeature,
  NormaliseEntry,
  NormaliseReport,
  ReasonSummary,
  RejectionReason,
  RepairReason,
} from './normalise.types.js';
import { normaliseGeometry } from './normalise-geometry.js';

export interface NormaliseFeaturesOptions {
  /** The kind of geometry needed; several kinds: each feature is read as the kind its type is (else the first). */
  expect: GeometryExpectation | readonly GeometryExpectation[];
  /** Property holding the feature's own id; default `id`, `code`, then the feature id. */
  idField?: string;
  /** Property holding its name; default the first of the common name fields. */
  nameField?: string;
}

const ID_FIELDS = ['id', 'ID', 'code', 'CODE', 'GEOID', 'GEO_ID'];
const NAME_FIELDS = ['name', 'NAME', 'Name', '名称', 'title'];

function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() === '' ? undefined : v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** The feature's own id, else its 1-based position in the file. */
export function featureId(f: Feature | null | undefined, index: number, idField?: string): string {
  const props = (f?.properties ?? {}) as Record<string, unknown>;
  if (idField !== undefined) return text(props[idField]) ?? String(index + 1);
  for (const k of ID_FIELDS) {
    const v = text(props[k]);
    if (v !== undefined) return v;
  }
  return text(f?.id) ?? String(index + 1);
}

/** The feature's name, when it has one. */
export function featureName(f: Feature | null | undefined, nameField?: string): string | undefined {
  const props = (f?.properties ?? {}) as Record<string, unknown>;
  if (nameField !== undefined) return text(props[nameField]);
  for (const k of NAME_FIELDS) {
    const v = text(props[k]);
    if (v !== undefined) return v;
  }
  return undefined;
}

const KIND_OF_TYPE: Record<string, GeometryExpectation> = {
  Point: 'point',
  MultiPoint: 'point',
  LineString: 'line',
  MultiLineString: 'line',
  Polygon: 'polygon',
  MultiPolygon: 'polygon',
};

function expectationOf(f: Feature | null | undefined, expect: NormaliseFeaturesOptions['expect']): GeometryExpectation {
  if (typeof expect === 'string') return expect;
  const kind = KIND_OF_TYPE[f?.geometry?.type ?? ''];
  return kind && expect.includes(kind) ? kind : expect[0]!;
}

/** Normalises every feature; nothing is dropped without an entry in the report. */
export function normaliseFeatures(
  features: readonly (Feature | null | undefined)[],
  options: NormaliseFeaturesOptions,
): { items: NormalisedFeature[]; report: NormaliseReport } {
  const items: NormalisedFeature[] = [];
  const repairs: NormaliseEntry[] = [];
  const rejections: NormaliseEntry[] = [];
  const reasons: NormaliseReport['reasons'] = {};
  let repaired = 0;
  const note = (kind: ReasonSummary['kind'], entry: NormaliseEntry, informational?: boolean): void => {
    (kind === 'repair' ? repairs : rejections).push(entry);
    const summary = reasons[entry.reason];
    if (summary) summary.count++;
    else {
      const { id, name, detail, areaBeforeM2, areaAfterM2 } = entry;
      reasons[entry.reason] = {
        kind,
        count: 1,
        ...(informational ? { informational: true } : {}),
        sample: {
          id,
          ...(name !== undefined ? { name } : {}),
          detail,
          ...(areaBeforeM2 !== undefined ? { areaBeforeM2, areaAfterM2 } : {}),
        },
      };
    }
  };
  const round1 = (x: number | undefined): number | undefined => (x === undefined ? undefined : Math.round(x * 10) / 10);

  features.forEach((f, index) => {
    const id = featureId(f, index, options.idField);
    const name = featureName(f, options.nameField);
    const who = { index, id, ...(name !== undefined ? { name } : {}) };
    const n = normaliseGeometry((f?.geometry ?? null) as Geometry | null, { expect: expectationOf(f, options.expect) });
    const areas = n.areaBeforeM2 !== undefined ? { areaBeforeM2: round1(n.areaBeforeM2)!, areaAfterM2: round1(n.areaAfterM2 ?? 0)! } : {};
    // A refused feature is listed once, by why it was refused.
    if (n.geometry)
      for (const r of n.repairs) note('repair', { ...who, reason: r.reason as RepairReason, detail: r.detail, ...areas }, r.informational);
    for (const p of n.rejectedParts) {
      note('rejection', {
        ...who,
        reason: p.reason as RejectionReason,
        detail: p.detail,
        ...(p.areaM2 !== undefined ? { areaBeforeM2: p.areaM2, areaAfterM2: 0 } : {}),
      });
    }
    if (!n.geometry) {
      note('rejection', {
        ...who,
        reason: n.rejection!.reason,
        detail: n.rejection!.detail,
        ...(areas.areaBeforeM2 !== undefined ? { areaBeforeM2: areas.areaBeforeM2, areaAfterM2: 0 } : {}),
      });
      return;
    }
    if (n.rejectedParts.length > 0 || n.repairs.some((r) => !r.informational)) repaired++;
    items.push({
      ...who,
      properties: { ...((f?.properties ?? {}) as Record<string, unknown>) },
      geometry: n.geometry,
      repairs: n.repairs,
      rejectedParts: n.rejectedParts,
      ...(n.areaBeforeM2 !== undefined ? { areaBeforeM2: n.areaBeforeM2, areaAfterM2: n.areaAfterM2 ?? 0 } : {}),
    });
  });
  return {
    items,
    report: {
      read: features.length,
      accepted: items.length,
      repaired,
      rejected: features.length - items.length,
      reasons,
      repairs,
      rejections,
    },
  };
}
