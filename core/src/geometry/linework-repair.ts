/**
 * Repair of one invalid polygon the way PostGIS's `ST_MakeValid(g, 'method=linework')` does
 * it (GEOS MakeValid): node all ring linework, polygonize it, keep faces at even nesting depth
 * (a ring inside a ring is a hole, a ring inside that an island), then repeat on the linework
 * not yet on the area's boundary, each new area taken by symmetric difference. Self-crossing
 * rings come apart into their loops, a hole written outside-in becomes a hole, and linework
 * that bounds no area (a spike, a zero-width corridor) is left out and measured.
 * Degrees `[lng, lat]`; lengths metres.
 */
import { haversineM } from './geodesic.js';
import { buildArea } from './build-area.js';
import { fromJstsPolygons, nodedSegments, symDifference, type JGeometry } from './jsts-bridge.js';
import type { XY } from './read-coordinates.js';

export interface LineworkArea {
  /** Valid polygons (rings closed; orientation not yet normalised); empty when nothing encloses area. */
  polygons: XY[][][];
  /** Linework that bounds no area and was left out (spikes, zero-width pieces), metres. */
  collapsedM: number;
  /** Where the first left-out piece is. */
  collapsedAt?: XY;
}

const key = (a: XY, b: XY): string =>
  a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]) ? `${a[0]},${a[1]}|${b[0]},${b[1]}` : `${b[0]},${b[1]}|${a[0]},${a[1]}`;

/** Noded segments with repeats (two rings along the same edge) kept once. */
function uniqueSegments(rings: readonly XY[][]): [XY, XY][] {
  const seen = new Set<string>();
  return nodedSegments(rings).filter(([a, b]) => {
    const k = key(a, b);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** At most this many passes; real rings need one or two. */
const MAX_PASSES = 16;

/** Repairs the rings of one polygon (closed, `[lng, lat]`) into valid polygons. */
export function lineworkArea(rings: readonly XY[][]): LineworkArea {
  const all = uniqueSegments(rings);
  let cut = all;
  let area: JGeometry | null = null;
  const used = new Set<string>();
  for (let pass = 0; pass < MAX_PASSES && cut.length > 0; pass++) {
    const built = buildArea(cut);
    if (!built.area || built.area.isEmpty()) break;
    area = area ? symDifference(area, built.area) : built.area;
    // The boundary of the kept faces' union: edges of exactly one kept face.
    const uses = new Map<string, number>();
    for (const face of built.faces) {
      for (const ring of face) {
        for (let i = 1; i < ring.length; i++) {
          const k = key(ring[i - 1]!, ring[i]!);
          uses.set(k, (uses.get(k) ?? 0) + 1);
          used.add(k);
        }
      }
    }
    const next = cut.filter(([a, b]) => (uses.get(key(a, b)) ?? 0) % 2 === 0);
    if (next.length === cut.length) break;
    cut = next;
  }
  let collapsedM = 0;
  let collapsedAt: XY | undefined;
  for (const [a, b] of all) {
    if (used.has(key(a, b))) continue;
    collapsedM += haversineM(a, b);
    collapsedAt ??= a;
  }
  return { polygons: area ? fromJstsPolygons(area) : [], collapsedM, ...(collapsedAt ? { collapsedAt } : {}) };
}
