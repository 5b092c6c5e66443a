/**
 * Which face holds a point. Faces share edges node for node, and every ring is tested with
 * the same half-open rule on each edge taken bottom to top, so a point inside the boundary
 * lies in exactly one face: a point on an edge between two faces goes to the face east of it
 * (north of a horizontal edge), the same way every time. A point just outside the noded
 * boundary but within `toleranceM` of it (the grid moved the boundary by up to 0.71 of a grid
 * step) goes to the nearest face. Local frame, metres.
 */
import Flatbush from 'flatbush';
import type { XY } from './local-frame.js';
import type { PlanarFaces } from './planar-faces.js';

/** Whether (x, y) is inside the ring (even-odd), half-open and the same for either winding. */
function crossings(x: number, y: number, ring: readonly number[], xy: readonly XY[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    let a = xy[ring[j]!]!;
    let b = xy[ring[i]!]!;
    if (a[1] > b[1]) [a, b] = [b, a];
    if (y < a[1] || y >= b[1]) continue;
    if ((b[0] - a[0]) * (y - a[1]) - (b[1] - a[1]) * (x - a[0]) > 0) inside = !inside;
  }
  return inside;
}

function distanceToSegment(x: number, y: number, a: XY, b: XY): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / len2));
  return Math.hypot(x - a[0] - t * dx, y - a[1] - t * dy);
}

/**
 * A locator over `planar`'s faces: face index of a point (metres), or -1 outside.
 *
 * @example
 * const locate = faceLocator(planar, 0.01);
 * locate(...frame.toXY(building.point))
 */
export function faceLocator(planar: PlanarFaces, toleranceM: number): (x: number, y: number) => number {
  const { xy, faces } = planar;
  const index = new Flatbush(Math.max(1, faces.length));
  for (const f of faces) {
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const v of f.ring) {
      x0 = Math.min(x0, xy[v]![0]);
      y0 = Math.min(y0, xy[v]![1]);
      x1 = Math.max(x1, xy[v]![0]);
      y1 = Math.max(y1, xy[v]![1]);
    }
    index.add(x0, y0, x1, y1);
  }
  if (faces.length === 0) index.add(0, 0, 0, 0);
  index.finish();
  const inFace = (x: number, y: number, fi: number): boolean => {
    const f = faces[fi]!;
    let inside = crossings(x, y, f.ring, xy);
    for (const h of f.holes) if (crossings(x, y, h, xy)) inside = !inside;
    return inside;
  };
  return (x, y) => {
    const hits = index.search(x, y, x, y).filter((fi) => fi < faces.length && inFace(x, y, fi));
    if (hits.length > 0) return Math.min(...hits);
    let best = -1;
    let bestD = toleranceM;
    for (const fi of index.search(x - toleranceM, y - toleranceM, x + toleranceM, y + toleranceM)) {
      if (fi >= faces.length) continue;
      for (const r of [faces[fi]!.ring, ...faces[fi]!.holes]) {
        for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
          const d = distanceToSegment(x, y, xy[r[j]!]!, xy[r[i]!]!);
          if (d <= bestD && (d < bestD || best < 0 || fi < best)) {
            bestD = d;
            best = fi;
          }
        }
      }
    }
    return best;
  };
}
