/**
 * Street blocks of a community: the faces its streets cut it into (街巷定界). Streets are
 * clipped to the community boundary, noded with the boundary ring, and the faces of that
 * planar graph tile the boundary exactly (shared edges are vertex for vertex the same).
 * Input and output are WGS84 `[lng, lat]` degrees; areas m², lengths metres.
 */
import Flatbush from 'flatbush';
import type { LineString, Polygon, Position } from 'geojson';
import { geometryBBox } from '../geometry/point-in-polygon.js';
import { insideRing, localFrame, type LocalFrame, type XY } from './local-frame.js';
import { planarFaces, type FrameLine, type PlanarFaces, type PlanarOptions } from './planar-faces.js';

export type StreetBlockOptions = PlanarOptions;

export interface StreetBlocks {
  /** The faces, counter-clockwise outer rings, holes clockwise. */
  faces: Polygon[];
  /** Planar area of each face in the local frame, m². */
  areas: number[];
  /** Shared edge length between faces, metres: `adjacency[a]` maps b → length. */
  adjacency: Map<number, number>[];
  /** Index of the face holding `[lng, lat]`, or -1 when outside the boundary. */
  faceOf(point: Position): number;
  /** The frame the faces were built in (for cutting them further). */
  frame: LocalFrame;
  planar: PlanarFaces;
}

/** The boundary's outer ring and the street lines near it, in a frame centred on the boundary. */
export function frameLines(boundary: Polygon, streets: readonly LineString[], frame: LocalFrame): { ring: FrameLine; lines: FrameLine[] } {
  const box = geometryBBox(boundary);
  const pad = 1e-4;
  const outer = boundary.coordinates[0]!;
  const ring: FrameLine = { xy: outer.map((p) => frame.toXY(p)), lngLat: outer };
  const lines: FrameLine[] = [];
  for (const hole of boundary.coordinates.slice(1)) lines.push({ xy: hole.map((p) => frame.toXY(p)), lngLat: hole });
  for (const s of streets) {
    const b = geometryBBox({ type: 'Polygon', coordinates: [s.coordinates] });
    if (b[0] > box[2] + pad || b[2] < box[0] - pad || b[1] > box[3] + pad || b[3] < box[1] - pad) continue;
    lines.push({ xy: s.coordinates.map((p) => frame.toXY(p)), lngLat: s.coordinates });
  }
  return { ring, lines };
}

/** Turns planar faces into GeoJSON polygons and a point locator. */
export function blocksOf(planar: PlanarFaces, frame: LocalFrame): StreetBlocks {
  const ll = (ids: number[]): Position[] => [...ids.map((v) => planar.lngLat[v]!), planar.lngLat[ids[0]!]!];
  const faces: Polygon[] = planar.faces.map((f) => ({ type: 'Polygon', coordinates: [ll(f.ring), ...f.holes.map(ll)] }));
  const rings = planar.faces.map((f) => [f.ring, ...f.holes].map((r) => r.map((v) => planar.xy[v]!)));
  const index = new Flatbush(Math.max(1, rings.length));
  for (const r of rings) {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const [x, y] of r[0]!) {
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
    index.add(minX, minY, maxX, maxY);
  }
  if (rings.length === 0) index.add(0, 0, 0, 0);
  index.finish();
  const inFace = (x: number, y: number, r: XY[][]): boolean => insideRing(x, y, r[0]!) && !r.slice(1).some((h) => insideRing(x, y, h));
  return {
    faces,
    areas: planar.faces.map((f) => f.area),
    adjacency: planar.adjacency,
    frame,
    planar,
    faceOf: (point) => {
      const [x, y] = frame.toXY(point);
      const hits = index.search(x, y, x, y).filter((i) => i < rings.length && inFace(x, y, rings[i]!));
      return hits.length === 0 ? -1 : Math.min(...hits);
    },
  };
}

/**
 * The street blocks of `boundary` cut by `streets` (any lines; those far away are skipped).
 *
 * @example
 * const blocks = streetBlocks(community.boundary, streets.map((s) => s.geometry));
 * blocks.faces.length; blocks.faceOf(building.point) // index of its block
 */
export function streetBlocks(boundary: Polygon, streets: readonly LineString[], options: StreetBlockOptions = {}): StreetBlocks {
  const frame = localFrame(geometryBBox(boundary));
  const { ring, lines } = frameLines(boundary, streets, frame);
  return blocksOf(planarFaces(ring, lines, options), frame);
}
