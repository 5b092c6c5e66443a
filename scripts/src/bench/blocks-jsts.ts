/**
 * Street blocks the JSTS way, for the comparison that decided how `core/` builds them:
 * JSTS's snap-rounding GeometryNoder (MCIndexSnapRounder) on the same 1 cm grid in the same
 * local frame, the noded edges inside the boundary, then JSTS's Polygonizer. No near-miss
 * joins and no sliver merging (JSTS has neither): compare with `core/` run strictly.
 * Benchmark only; the product does not use JSTS.
 */
import 'jsts/org/locationtech/jts/monkey.js';
import ArrayList from 'jsts/java/util/ArrayList.js';
import Coordinate from 'jsts/org/locationtech/jts/geom/Coordinate.js';
import GeometryFactory from 'jsts/org/locationtech/jts/geom/GeometryFactory.js';
import PrecisionModel from 'jsts/org/locationtech/jts/geom/PrecisionModel.js';
import GeometryNoder from 'jsts/org/locationtech/jts/noding/snapround/GeometryNoder.js';
import Polygonizer from 'jsts/org/locationtech/jts/operation/polygonize/Polygonizer.js';
import { geometryBBox, metresPerDegree, type LineString, type Polygon, type Position } from '@gridatlas/core';

interface JstsCoordinate {
  x: number;
  y: number;
}
interface JstsGeometry {
  getCoordinates(): JstsCoordinate[];
  getArea(): number;
  getInteriorPoint(): { getCoordinate(): JstsCoordinate };
}
interface JstsList<T> {
  size(): number;
  iterator(): { hasNext(): boolean; next(): T };
}

const each = <T>(list: JstsList<T>): T[] => {
  const out: T[] = [];
  for (let it = list.iterator(); it.hasNext();) out.push(it.next());
  return out;
};

function inside(x: number, y: number, rings: readonly [number, number][][]): boolean {
  let c = false;
  for (const r of rings) {
    for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
      const [xi, yi] = r[i]!;
      const [xj, yj] = r[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
    }
  }
  return c;
}

/** Faces (count and areas, m²) of `streets` inside `boundary` built with JSTS, and the time of each step. */
export function jstsFaces(
  boundary: Polygon,
  streets: readonly LineString[],
  gridM = 0.01,
): { faces: number; area: number; nodeMs: number; polygonizeMs: number } {
  const [x0, y0, x1, y1] = geometryBBox(boundary);
  const lng0 = (x0 + x1) / 2;
  const lat0 = (y0 + y1) / 2;
  const k = metresPerDegree(lat0);
  const scale = 1 / gridM;
  const pm = new PrecisionModel(scale);
  const gf = new GeometryFactory(pm);
  const round = (v: number): number => Math.round(v * scale) / scale;
  const xy = (p: Position): [number, number] => [(p[0]! - lng0) * k.x, (p[1]! - lat0) * k.y];
  const line = (coords: readonly Position[]): unknown =>
    gf.createLineString(coords.map((p) => new Coordinate(round(xy(p)[0]), round(xy(p)[1]))));
  const rings = boundary.coordinates.map((r) => r.map(xy));

  const t0 = performance.now();
  const input = new ArrayList(undefined);
  for (const r of boundary.coordinates) input.add(line(r));
  for (const s of streets) if (s.coordinates.length >= 2) input.add(line(s.coordinates));
  const noded = new GeometryNoder(pm).node(input) as JstsList<JstsGeometry>;
  const t1 = performance.now();
  // Unique segments inside the boundary (or on it), then polygonize.
  const seen = new Set<string>();
  const polygonizer = new Polygonizer(false);
  for (const g of each(noded)) {
    const cs = g.getCoordinates();
    for (let i = 1; i < cs.length; i++) {
      const a = cs[i - 1]!;
      const b = cs[i]!;
      if (a.x === b.x && a.y === b.y) continue;
      const key = a.x < b.x || (a.x === b.x && a.y < b.y) ? `${a.x},${a.y},${b.x},${b.y}` : `${b.x},${b.y},${a.x},${a.y}`;
      if (seen.has(key)) continue;
      seen.add(key);
      polygonizer.add(gf.createLineString([a, b]));
    }
  }
  const polygons = each(polygonizer.getPolygons() as JstsList<JstsGeometry>);
  let faces = 0;
  let area = 0;
  for (const p of polygons) {
    const c = p.getInteriorPoint().getCoordinate();
    if (!inside(c.x, c.y, rings)) continue;
    faces++;
    area += p.getArea();
  }
  const t2 = performance.now();
  return { faces, area, nodeMs: t1 - t0, polygonizeMs: t2 - t1 };
}
