/**
 * The few JSTS (the JavaScript port of JTS, which GEOS and PostGIS derive from) pieces the
 * normalising step uses, imported one module each so a browser bundle carries only these,
 * and conversions between `[lng, lat]` rings and JSTS geometries. JSTS works in the plane of
 * the coordinates as given, degrees here, as PostGIS does for `geometry`.
 */
import Coordinate from 'jsts/org/locationtech/jts/geom/Coordinate.js';
import GeometryFactory from 'jsts/org/locationtech/jts/geom/GeometryFactory.js';
import PrecisionModel from 'jsts/org/locationtech/jts/geom/PrecisionModel.js';
import GeometryNoder from 'jsts/org/locationtech/jts/noding/snapround/GeometryNoder.js';
import OverlayOp from 'jsts/org/locationtech/jts/operation/overlay/OverlayOp.js';
import Polygonizer from 'jsts/org/locationtech/jts/operation/polygonize/Polygonizer.js';
import UnaryUnionOp from 'jsts/org/locationtech/jts/operation/union/UnaryUnionOp.js';
import IsValidOp from 'jsts/org/locationtech/jts/operation/valid/IsValidOp.js';
import ArrayList from 'jsts/java/util/ArrayList.js';
import type { XY } from './read-coordinates.js';

/* JSTS ships loose typings; these name the handful of methods used here. */
export interface JGeometry {
  getGeometryType(): string;
  getNumGeometries(): number;
  getGeometryN(i: number): JGeometry;
  isEmpty(): boolean;
  getArea(): number;
  getCoordinates(): { x: number; y: number }[];
  getExteriorRing(): JGeometry;
  getNumInteriorRing(): number;
  getInteriorRingN(i: number): JGeometry;
}

interface JList<T> {
  size(): number;
  toArray(): T[];
}

/** Snap-rounding grid of the noder: 1e-9° (about 0.1 mm), far below any survey's precision. */
export const NODING_SCALE = 1e9;

const factory = new GeometryFactory();
const noder = new GeometryNoder(new PrecisionModel(NODING_SCALE));

const coords = (ring: readonly XY[]): Coordinate[] => ring.map((p) => new Coordinate(p[0], p[1]));

/** A JSTS Polygon from closed rings (first the shell, then holes). */
export function toJstsPolygon(rings: readonly XY[][]): JGeometry {
  const [shell, ...holes] = rings;
  return factory.createPolygon(
    factory.createLinearRing(coords(shell!)),
    holes.map((h) => factory.createLinearRing(coords(h))),
  ) as unknown as JGeometry;
}

/** A JSTS MultiPolygon from polygons given as rings. */
export function toJstsMultiPolygon(polygons: readonly XY[][][]): JGeometry {
  return factory.createMultiPolygon(polygons.map((p) => toJstsPolygon(p) as never)) as unknown as JGeometry;
}

/** The polygons of a polygonal JSTS geometry as rings of `[lng, lat]` (orientation as JSTS left it). */
export function fromJstsPolygons(g: JGeometry): XY[][][] {
  const out: XY[][][] = [];
  const visit = (h: JGeometry): void => {
    const type = h.getGeometryType();
    if (type === 'Polygon') {
      if (h.isEmpty()) return;
      const ring = (r: JGeometry): XY[] => r.getCoordinates().map((c) => [c.x, c.y]);
      const rings = [ring(h.getExteriorRing())];
      for (let i = 0; i < h.getNumInteriorRing(); i++) rings.push(ring(h.getInteriorRingN(i)));
      out.push(rings);
    } else if (type === 'MultiPolygon' || type === 'GeometryCollection') {
      for (let i = 0; i < h.getNumGeometries(); i++) visit(h.getGeometryN(i));
    }
  };
  visit(g);
  return out;
}

export interface ValidityError {
  /** JTS's error type (TopologyValidationError constants). */
  type: number;
  message: string;
  at?: XY;
}

/** Null when valid in the OGC sense (as PostGIS's ST_IsValid), else JTS's first error. */
export function validityError(g: JGeometry): ValidityError | null {
  const op = new IsValidOp(g as never);
  if (op.isValid()) return null;
  const e = op.getValidationError() as { getErrorType(): number; getMessage(): string; getCoordinate(): { x: number; y: number } | null };
  const c = e.getCoordinate();
  return { type: e.getErrorType(), message: e.getMessage(), ...(c ? { at: [c.x, c.y] as XY } : {}) };
}

/** A position on the noder's grid (the precision model's own rounding). */
const onGrid = (v: number): number => Math.round(v * NODING_SCALE) / NODING_SCALE;

/**
 * Every ring as linework, noded by snap rounding: split at each crossing, as 2-point segments.
 * JTS's snap rounder expects its input already on its grid and does not round it: an input
 * vertex off the grid beside a crossing's rounded node leaves a segment of ~1e-12° between
 * them, the Polygonizer drops the ring through it as invalid and then never finishes
 * (findDisjointShells waits for a shell only that ring linked to the outside) — as 青山区
 * and 洪山区 did once converted from GCJ-02, whose vertices carry every digit a double has.
 * So the vertices are put on the grid first (a move of at most 0.5e-9°, ~0.05 mm).
 */
export function nodedSegments(rings: readonly XY[][]): [XY, XY][] {
  const lines = new ArrayList(undefined as never);
  for (const r of rings) {
    const snapped: XY[] = [];
    for (const p of r) {
      const q: XY = [onGrid(p[0]), onGrid(p[1])];
      const last = snapped[snapped.length - 1];
      if (!last || last[0] !== q[0] || last[1] !== q[1]) snapped.push(q);
    }
    if (snapped.length > 1) lines.add(factory.createLineString(coords(snapped)));
  }
  const noded = noder.node(lines) as unknown as JList<JGeometry>;
  const segments: [XY, XY][] = [];
  for (const line of noded.toArray()) {
    const c = line.getCoordinates();
    for (let i = 1; i < c.length; i++) {
      if (c[i - 1]!.x === c[i]!.x && c[i - 1]!.y === c[i]!.y) continue;
      segments.push([
        [c[i - 1]!.x, c[i - 1]!.y],
        [c[i]!.x, c[i]!.y],
      ]);
    }
  }
  return segments;
}

/**
 * Every face the noded segments enclose, each with the rings of the faces inside it as its
 * holes: JTS's Polygonizer in its default mode, as GEOS's BuildArea calls it. (Its "only
 * polygonal" mode is another rule — neighbours alternate in and out — and searches for ever
 * when a ring it dropped as invalid was a shell's only link to the outside.) Rings it cannot
 * close or that are invalid are left out, as in GEOS.
 */
export function polygonizeFaces(segments: readonly [XY, XY][]): XY[][][] {
  if (segments.length === 0) return [];
  const p = new Polygonizer(false);
  const lines = new ArrayList(undefined as never);
  for (const [a, b] of segments) lines.add(factory.createLineString(coords([a, b])));
  p.add(lines as never);
  return (p.getPolygons() as unknown as JList<JGeometry>).toArray().flatMap((g) => fromJstsPolygons(g));
}

export const union = (a: JGeometry, b: JGeometry): JGeometry => OverlayOp.union(a as never, b as never) as unknown as JGeometry;
export const difference = (a: JGeometry, b: JGeometry): JGeometry => OverlayOp.difference(a as never, b as never) as unknown as JGeometry;
export const intersection = (a: JGeometry, b: JGeometry): JGeometry =>
  OverlayOp.intersection(a as never, b as never) as unknown as JGeometry;
export const symDifference = (a: JGeometry, b: JGeometry): JGeometry =>
  OverlayOp.symDifference(a as never, b as never) as unknown as JGeometry;

/** Union of many polygonal geometries (cascaded). */
export function unionAll(geometries: readonly JGeometry[]): JGeometry | null {
  if (geometries.length === 0) return null;
  if (geometries.length === 1) return geometries[0]!;
  const polys = geometries.flatMap((g) => fromJstsPolygons(g));
  return UnaryUnionOp.union(toJstsMultiPolygon(polys) as never) as unknown as JGeometry;
}

export const emptyPolygon = (): JGeometry => factory.createPolygon() as unknown as JGeometry;
