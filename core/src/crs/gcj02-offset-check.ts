/**
 * Whether a layer in degrees is offset by GCJ-02 (or BD-09) against the district's own
 * reference layer: web-map downloads look like WGS84 but sit a few hundred metres off. The
 * layer's vertices are measured to the reference's edges as given, and again after undoing
 * each offset; the system that brings them closest is the verdict, when it closes most of
 * the gap. Distances in metres; positions `[lng, lat]` degrees.
 */
import Flatbush from 'flatbush';
import type { Feature, Geometry, Position } from 'geojson';
import { metresPerDegree } from '../geometry/geodesic.js';
import { bd09ToGcj02, gcj02ToWgs84 } from './china-offsets.js';

export interface Gcj02OffsetCheck {
  /** `wgs84`: aligned as given; `gcj02`/`bd09`: aligned once that offset is undone; `unclear`: none aligns clearly. */
  verdict: 'wgs84' | 'gcj02' | 'bd09' | 'unclear';
  /** Median distance, metres, from the layer's sampled vertices to the reference, per reading. */
  medianM: { asGiven: number; asGcj02: number; asBd09: number };
  /** Vertices measured. */
  samples: number;
}

export interface Gcj02OffsetCheckOptions {
  /** Vertices sampled from the layer at most (default 2000). */
  maxSamples?: number;
  /** The reading must bring the median within this share of the given reading's (default 0.5). */
  ratio?: number;
  /** …and closer by at least this many metres (default 10; the offset itself is 100–700 m, but against a dense reference a misplaced vertex still lies near some edge). */
  minGainM?: number;
}

function positionsOf(g: Geometry | null, out: Position[][]): void {
  if (!g) return;
  switch (g.type) {
    case 'Point':
      out.push([g.coordinates]);
      break;
    case 'MultiPoint':
      out.push(...g.coordinates.map((p) => [p]));
      break;
    case 'LineString':
      out.push(g.coordinates);
      break;
    case 'MultiLineString':
    case 'Polygon':
      out.push(...g.coordinates);
      break;
    case 'MultiPolygon':
      for (const p of g.coordinates) out.push(...p);
      break;
    case 'GeometryCollection':
      for (const c of g.geometries) positionsOf(c, out);
      break;
  }
}

/** Reference edges (and lone points as zero-length edges) in local metres, with an index. */
function referenceIndex(features: Feature<Geometry | null>[], origin: Position) {
  const k = metresPerDegree(origin[1]!);
  const toXY = (p: Position): [number, number] => [(p[0]! - origin[0]!) * k.x, (p[1]! - origin[1]!) * k.y];
  const paths: Position[][] = [];
  for (const f of features) positionsOf(f.geometry, paths);
  const segs: number[] = [];
  for (const path of paths) {
    if (path.length === 1) segs.push(...toXY(path[0]!), ...toXY(path[0]!));
    for (let i = 1; i < path.length; i++) segs.push(...toXY(path[i - 1]!), ...toXY(path[i]!));
  }
  const n = segs.length / 4;
  if (n === 0) return null;
  const index = new Flatbush(n);
  for (let i = 0; i < n; i++) {
    const [ax, ay, bx, by] = [segs[4 * i]!, segs[4 * i + 1]!, segs[4 * i + 2]!, segs[4 * i + 3]!];
    index.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
  }
  index.finish();
  const distance = (p: Position): number => {
    const [px, py] = toXY(p);
    let best = Infinity;
    for (const i of index.neighbors(px, py, 4)) {
      const [ax, ay, bx, by] = [segs[4 * i]!, segs[4 * i + 1]!, segs[4 * i + 2]!, segs[4 * i + 3]!];
      const dx = bx - ax;
      const dy = by - ay;
      const len2 = dx * dx + dy * dy;
      const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
      best = Math.min(best, Math.hypot(px - ax - t * dx, py - ay - t * dy));
    }
    return best;
  };
  return distance;
}

function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * @param features the layer to check, read as if WGS84
 * @param referenceFeatures the district's own layer known to be WGS84/CGCS2000 (boundary, streets, buildings)
 * @example gcj02OffsetCheck(kmlCommunities, districtBoundary).verdict // 'gcj02'
 */
export function gcj02OffsetCheck(
  features: Feature<Geometry | null>[],
  referenceFeatures: Feature<Geometry | null>[],
  options: Gcj02OffsetCheckOptions = {},
): Gcj02OffsetCheck {
  const maxSamples = options.maxSamples ?? 2000;
  const ratio = options.ratio ?? 0.5;
  const minGainM = options.minGainM ?? 10;
  const paths: Position[][] = [];
  for (const f of features) positionsOf(f.geometry, paths);
  const all = paths.flat().filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]));
  const step = Math.max(1, Math.ceil(all.length / maxSamples));
  const sample = all.filter((_, i) => i % step === 0);
  const nan = { verdict: 'unclear' as const, medianM: { asGiven: NaN, asGcj02: NaN, asBd09: NaN }, samples: 0 };
  if (sample.length === 0) return nan;
  const distance = referenceIndex(referenceFeatures, sample[0]!);
  if (!distance) return nan;
  const medianM = {
    asGiven: median(sample.map(distance)),
    asGcj02: median(sample.map((p) => distance(gcj02ToWgs84(p)))),
    asBd09: median(sample.map((p) => distance(gcj02ToWgs84(bd09ToGcj02(p))))),
  };
  const best = medianM.asGcj02 <= medianM.asBd09 ? ('gcj02' as const) : ('bd09' as const);
  const bestM = Math.min(medianM.asGcj02, medianM.asBd09);
  let verdict: Gcj02OffsetCheck['verdict'] = 'unclear';
  if (bestM <= medianM.asGiven * ratio && medianM.asGiven - bestM >= minGainM) verdict = best;
  else if (medianM.asGiven <= bestM * ratio && bestM - medianM.asGiven >= minGainM) verdict = 'wgs84';
  return { verdict, medianM, samples: sample.length };
}
