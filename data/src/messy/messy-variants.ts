/**
 * Messy variants of real polygon features, for tests and benchmarks of everything that reads
 * geometry: the same features with the mistakes desktop GIS exports and hand edits make —
 * single-part MultiPolygons, a hole written as a second shell (with the enclave unit that
 * sits in it), bow-ties and figure-8s, slivers and overlaps between neighbours, spikes,
 * repeated vertices, unclosed rings, clockwise exteriors, an island part, Z values.
 * Deterministic: the same features, kind and seed give the same variant.
 *
 * @example
 * const v = messyVariant(blockGroups.features, 'nested_shell', { seed: 1, count: 3, countFields: ['Population'] });
 * v.changed // ids of the three block groups now written with a second shell; v.added: their enclaves
 */
import {
  checkPolygon,
  createRandom,
  distanceToBoundaryM,
  featureId,
  representativePoint,
  type MultiPolygon,
  type Polygon,
  type Position,
} from '@gridatlas/core';
import type { Feature } from 'geojson';
import { addSpike, repeatVertices, reverseRun, scaleRing, square, swapVertices, type Ring } from './ring-edits.js';

export const MESSY_KINDS = [
  'single_part_multi',
  'nested_shell',
  'bowtie',
  'figure8',
  'sliver',
  'overlap',
  'spike',
  'duplicate_vertices',
  'unclosed',
  'wrong_orientation',
  'island',
  'z',
] as const;

export type MessyKind = (typeof MESSY_KINDS)[number];

export interface MessyOptions {
  /** Seed of the choice of features and vertices (default 1). */
  seed?: number;
  /** Features changed per kind (default 3); `single_part_multi`, `unclosed`, `wrong_orientation`, `z` change every feature. */
  count?: number;
  /** Property with each feature's own id (default: `id`, `code`, `GEOID`, `GEO_ID`, the feature id, or its position). */
  idField?: string;
  /** Count properties (households, persons…) of which an enclave takes a tenth from its parent. */
  countFields?: readonly string[];
}

export interface MessyVariant {
  kind: MessyKind;
  features: Feature<Polygon | MultiPolygon>[];
  /** Ids of the features written wrongly. */
  changed: string[];
  /** Ids of features added (the enclave in a nested shell). */
  added: string[];
}

type Parts = Position[][][];

const partsOf = (g: Polygon | MultiPolygon): Parts => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);

/** Index of the part with the most vertices (the main one of a real feature). */
const mainPart = (parts: Parts): number => parts.reduce((best, p, i) => (p[0]!.length > parts[best]![0]!.length ? i : best), 0);

const EVERY: ReadonlySet<MessyKind> = new Set(['single_part_multi', 'unclosed', 'wrong_orientation', 'z']);

/** One messy variant of `features` (polygons or multipolygons). */
export function messyVariant(features: readonly Feature[], kind: MessyKind, options: MessyOptions = {}): MessyVariant {
  const rng = createRandom(options.seed ?? 1).fork(kind);
  const count = options.count ?? 3;
  const ids = features.map((f, i) => featureId(f, i, options.idField));
  const candidates = features.flatMap((f, i) => {
    const g = f.geometry;
    if (g?.type !== 'Polygon' && g?.type !== 'MultiPolygon') return [];
    const parts = partsOf(g);
    return parts[mainPart(parts)]![0]!.length >= 7 ? [i] : [];
  });
  const chosen = new Set<number>();
  if (EVERY.has(kind)) features.forEach((_, i) => chosen.add(i));
  else {
    const pool = candidates.slice();
    while (chosen.size < Math.min(count, candidates.length)) chosen.add(pool.splice(rng.int(0, pool.length - 1), 1)[0]!);
  }
  // Islands go east of everything, one row each, so they touch nothing.
  let east = -Infinity;
  for (const f of features) {
    const g = f.geometry as Polygon | MultiPolygon | null;
    if (g) for (const part of partsOf(g)) for (const p of part[0]!) east = Math.max(east, p[0]!);
  }
  const out: Feature<Polygon | MultiPolygon>[] = [];
  const changed: string[] = [];
  const added: string[] = [];
  let islands = 0;
  features.forEach((f, i) => {
    const g = f.geometry as Polygon | MultiPolygon;
    if (!chosen.has(i) || (g?.type !== 'Polygon' && g?.type !== 'MultiPolygon')) {
      out.push(f as Feature<Polygon | MultiPolygon>);
      return;
    }
    const parts: Parts = structuredClone(partsOf(g));
    const main = mainPart(parts);
    const outer = parts[main]![0]!;
    const centre = representativePoint(parts[main]!);
    const k = rng.int(0, 1000);
    let props = { ...(f.properties ?? {}) };
    let geometry: Polygon | MultiPolygon | null = null;
    switch (kind) {
      case 'single_part_multi':
        if (g.type === 'MultiPolygon') break;
        geometry = { type: 'MultiPolygon', coordinates: parts };
        break;
      case 'nested_shell': {
        const halfM = Math.min(60, distanceToBoundaryM(centre, { type: 'Polygon', coordinates: parts[main]! }) * 0.4);
        const inner = square(centre, halfM);
        geometry = { type: 'MultiPolygon', coordinates: [...parts, [inner]] };
        const enclave: Record<string, unknown> = { ...props };
        for (const field of options.countFields ?? []) {
          const n = Number(props[field]);
          if (!Number.isFinite(n)) continue;
          enclave[field] = Math.round(n / 10);
          props = { ...props, [field]: n - Math.round(n / 10) };
        }
        const id = `${ids[i]}-enclave`;
        enclave[options.idField ?? idKeyOf(f)] = id;
        out.push({ type: 'Feature', properties: props, geometry });
        out.push({ type: 'Feature', properties: enclave, geometry: { type: 'Polygon', coordinates: [inner] } });
        changed.push(ids[i]!);
        added.push(id);
        return;
      }
      case 'bowtie':
        parts[main]![0] = crossing(outer, (j) => swapVertices(outer, k + j));
        break;
      case 'figure8':
        parts[main]![0] = crossing(outer, (j) => reverseRun(outer, k + j));
        break;
      case 'sliver':
        parts[main] = parts[main]!.map((r) => scaleRing(r, centre, -1));
        break;
      case 'overlap':
        parts[main] = parts[main]!.map((r) => scaleRing(r, centre, 2));
        break;
      case 'spike':
        parts[main]![0] = addSpike(outer, k, centre, 25);
        break;
      case 'duplicate_vertices':
        parts[main]![0] = repeatVertices(outer, 3);
        break;
      case 'unclosed':
        for (const part of parts) for (let r = 0; r < part.length; r++) part[r] = part[r]!.slice(0, -1);
        break;
      case 'wrong_orientation':
        // Exteriors clockwise and holes counter-clockwise, as shapefiles write them.
        for (const part of parts)
          for (let r = 0; r < part.length; r++) if (ccw(part[r]!) === (r === 0)) part[r] = part[r]!.slice().reverse();
        break;
      case 'island':
        parts.push([square([east + 0.004 + islands++ * 0.002, centre[1]!], 30)]);
        break;
      case 'z':
        for (const part of parts) for (let r = 0; r < part.length; r++) part[r] = part[r]!.map((p) => [p[0]!, p[1]!, 12.5]);
        break;
    }
    geometry ??=
      g.type === 'Polygon' && parts.length === 1
        ? { type: 'Polygon', coordinates: parts[0]! }
        : { type: 'MultiPolygon', coordinates: parts };
    out.push({ ...f, properties: props, geometry } as Feature<Polygon | MultiPolygon>);
    changed.push(ids[i]!);
  });
  return { kind, features: out, changed, added };
}

/** Whether a closed ring runs counter-clockwise. */
function ccw(ring: Ring): boolean {
  let s = 0;
  for (let i = 1; i < ring.length; i++) s += ring[i - 1]![0]! * ring[i]![1]! - ring[i]![0]! * ring[i - 1]![1]!;
  return s > 0;
}

/** The first of the edits that makes the ring cross itself (an edit of a straight run may not). */
function crossing(ring: Ring, edit: (attempt: number) => Ring): Ring {
  for (let j = 0; j < ring.length; j++) {
    const edited = edit(j);
    if (/crosses itself/.test(checkPolygon({ type: 'Polygon', coordinates: [edited] }).reason ?? '')) return edited;
  }
  return edit(0);
}

/** The property the feature's id came from, for naming an added feature the same way. */
function idKeyOf(f: Feature): string {
  const props = f.properties ?? {};
  return (
    ['id', 'ID', 'code', 'CODE', 'GEOID', 'GEO_ID'].find((k) => props[k] !== undefined && props[k] !== null && props[k] !== '') ?? 'id'
  );
}

/** Every kind, each on its own copy of the features. */
export function messyVariants(features: readonly Feature[], options: MessyOptions = {}): MessyVariant[] {
  return MESSY_KINDS.map((kind) => messyVariant(features, kind, options));
}
