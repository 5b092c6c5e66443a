/**
 * An area from noded linework as GEOS's BuildArea makes it (what PostGIS's ST_BuildArea and
 * ST_MakeValid's linework method use): every face the linework encloses; a face whose
 * outline is a hole of another face is that face's child; faces with an even number of
 * ancestors are kept (a ring inside a ring is a hole, a ring inside that an island) and joined.
 * Faces side by side at the same depth are all kept.
 *
 * Why not JSTS's Polygonizer in its "only polygonal" mode, which claims the same: it decides
 * in and out by alternating between neighbouring shells and loops until every shell is
 * decided, and a shell whose only link to the outside was a ring it dropped as invalid is never
 * decided — the loop never ends (洪山区 and 青山区 converted from GCJ-02 hung the importer).
 * Here every step is bounded: faces are matched to holes through a map keyed by the ring's
 * edges (GEOS compares each hole with every later face), and depths are counted along parent
 * links that only point to earlier faces. Degrees `[lng, lat]`.
 */
import UnaryUnionOp from 'jsts/org/locationtech/jts/operation/union/UnaryUnionOp.js';
import { polygonizeFaces, toJstsMultiPolygon, type JGeometry } from './jsts-bridge.js';
import type { XY } from './read-coordinates.js';

const edgeKey = (a: XY, b: XY): string =>
  a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]) ? `${a[0]},${a[1]}|${b[0]},${b[1]}` : `${b[0]},${b[1]}|${a[0]},${a[1]}`;

/**
 * The same closed ring whichever vertex it starts at and whichever way it runs: its edges,
 * sorted. (Faces of one noded graph share edges only when they are the same ring.)
 */
function ringKey(ring: readonly XY[]): string {
  const edges: string[] = [];
  for (let i = 1; i < ring.length; i++) edges.push(edgeKey(ring[i - 1]!, ring[i]!));
  return edges.sort().join(';');
}

function envelopeArea(ring: readonly XY[]): number {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of ring) {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  return (x1 - x0) * (y1 - y0);
}

export interface BuiltArea {
  /** The kept faces (shell, then holes), before joining. */
  faces: XY[][][];
  /** Their union; null when no face is kept. */
  area: JGeometry | null;
}

/** The area of noded, de-duplicated segments (see the file comment). */
export function buildArea(segments: readonly [XY, XY][]): BuiltArea {
  const found = polygonizeFaces(segments);
  if (found.length === 0) return { faces: [], area: null };
  // Larger envelopes first, so a face's children come after it (as GEOS sorts them).
  const faces = found.map((rings) => ({ rings, env: envelopeArea(rings[0]!) })).sort((a, b) => b.env - a.env);
  // Faces by the key of their outer ring, in the sorted order.
  const byShell = new Map<string, number[]>();
  faces.forEach((f, i) => {
    const k = ringKey(f.rings[0]!);
    const list = byShell.get(k);
    if (list) list.push(i);
    else byShell.set(k, [i]);
  });
  const parent = new Int32Array(faces.length).fill(-1);
  faces.forEach((f, i) => {
    for (const hole of f.rings.slice(1)) {
      const child = byShell.get(ringKey(hole))?.find((j) => j > i && parent[j] === -1);
      if (child !== undefined) parent[child] = i;
    }
  });
  // Depth in sorted order: a parent always comes first, so its depth is already known.
  const depth = new Int32Array(faces.length);
  for (let i = 0; i < faces.length; i++) depth[i] = parent[i]! >= 0 ? depth[parent[i]!]! + 1 : 0;
  const kept = faces.filter((_, i) => depth[i]! % 2 === 0).map((f) => f.rings);
  if (kept.length === 0) return { faces: [], area: null };
  const area = UnaryUnionOp.union(toJstsMultiPolygon(kept) as never) as unknown as JGeometry;
  return { faces: kept, area };
}
