/**
 * The outline of a grid from its unit faces. Faces from one planar graph share edges vertex
 * for vertex, so the union is exact: edges used in both directions cancel and the rest are
 * traced into rings (turning like a face walk, so pinched rings come apart). Faces that do
 * not share vertices (census blocks drawn separately) fall back to Turf's union.
 * Degrees `[lng, lat]`; outer ring counter-clockwise, holes clockwise.
 */
import { featureCollection, polygon as turfPolygon, union } from '@turf/turf';
import type { Polygon, Position } from 'geojson';
import { areaM2 } from '../geometry/geodesic.js';

const key = (p: Position): string => `${p[0]},${p[1]}`;

function signedArea2(ring: readonly Position[]): number {
  let s = 0;
  for (let i = 1; i < ring.length; i++) s += ring[i - 1]![0]! * ring[i]![1]! - ring[i]![0]! * ring[i - 1]![1]!;
  return s;
}

/** Union of faces sharing exact vertices, or null when it is not one polygon. */
function exactUnion(faces: readonly Polygon[]): Polygon | null {
  const points = new Map<string, Position>();
  const directed = new Map<string, [string, string]>();
  for (const f of faces) {
    f.coordinates.forEach((ring, ri) => {
      const ccw = signedArea2(ring) > 0;
      const forward = ri === 0 ? ccw : !ccw;
      for (let i = 1; i < ring.length; i++) {
        const a = forward ? ring[i - 1]! : ring[i]!;
        const b = forward ? ring[i]! : ring[i - 1]!;
        const ka = key(a);
        const kb = key(b);
        if (ka === kb) continue;
        points.set(ka, a);
        points.set(kb, b);
        const back = `${kb}|${ka}`;
        if (directed.has(back)) directed.delete(back);
        else directed.set(`${ka}|${kb}`, [ka, kb]);
      }
    });
  }
  const out = new Map<string, string[]>();
  for (const [, [a, b]] of directed) {
    const list = out.get(a);
    if (list) list.push(b);
    else out.set(a, [b]);
  }
  const angle = (from: string, to: string): number => {
    const p = points.get(from)!;
    const q = points.get(to)!;
    return Math.atan2(q[1]! - p[1]!, q[0]! - p[0]!);
  };
  const rings: Position[][] = [];
  let guard = directed.size + 1;
  for (const [start, targets] of out) {
    while (targets.length > 0) {
      const ring: Position[] = [points.get(start)!];
      let prev = start;
      let cur = targets.shift()!;
      while (guard-- > 0) {
        ring.push(points.get(cur)!);
        if (cur === start) break;
        const options = out.get(cur);
        if (!options || options.length === 0) return null;
        // The outgoing edge turning furthest right keeps rings simple at a pinch.
        let pick = 0;
        if (options.length > 1) {
          const back = angle(cur, prev);
          let bestTurn = Infinity;
          options.forEach((o, i) => {
            let turn = angle(cur, o) - back;
            while (turn <= 0) turn += 2 * Math.PI;
            if (turn < bestTurn) {
              bestTurn = turn;
              pick = i;
            }
          });
        }
        prev = cur;
        cur = options.splice(pick, 1)[0]!;
      }
      if (guard <= 0) return null;
      rings.push(ring);
    }
  }
  const outers = rings.filter((r) => signedArea2(r) > 0);
  if (outers.length !== 1) return null;
  return { type: 'Polygon', coordinates: [outers[0]!, ...rings.filter((r) => signedArea2(r) <= 0)] };
}

/**
 * The faces' union as one Polygon, or null when they do not form one piece.
 *
 * @example
 * unionFaces(grid.unitIds.map((id) => unitsById.get(id)!.geometry))
 */
export function unionFaces(faces: readonly Polygon[]): Polygon | null {
  if (faces.length === 0) return null;
  if (faces.length === 1) return faces[0]!;
  const exact = exactUnion(faces);
  if (exact) {
    const sum = faces.reduce((s, f) => s + areaM2(f), 0);
    if (Math.abs(areaM2(exact) - sum) <= 1e-6 * sum + 1) return exact;
  }
  const merged = union(featureCollection(faces.map((f) => turfPolygon(f.coordinates))))?.geometry;
  if (!merged) return null;
  if (merged.type === 'Polygon') return merged;
  if (merged.coordinates.length === 1) return { type: 'Polygon', coordinates: merged.coordinates[0]! };
  return null;
}
