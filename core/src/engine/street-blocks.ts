/**
 * Street blocks of a community: the faces its streets cut it into (街巷定界). Streets are
 * clipped to the community boundary, noded with the boundary ring, and the faces of that
 * planar graph tile the boundary exactly (shared edges are vertex for vertex the same).
 * Input and output are WGS84 `[lng, lat]` degrees; areas m², lengths metres.
 */
import type { LineString, Polygon, Position } from 'geojson';
import { geometryBBox } from '../geometry/point-in-polygon.js';
import { faceLocator } from './face-locator.js';
import { localFrame, type LocalFrame } from './local-frame.js';
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

/** The boundary's rings (outer first, then holes) and the street lines near it, in `frame`. */
export function frameLines(
  boundary: Polygon,
  streets: readonly LineString[],
  frame: LocalFrame,
): { rings: FrameLine[]; lines: FrameLine[] } {
  const box = geometryBBox(boundary);
  const pad = 1e-4;
  const rings: FrameLine[] = boundary.coordinates.map((r) => ({ xy: r.map((p) => frame.toXY(p)), lngLat: r }));
  const lines: FrameLine[] = [];
  for (const s of streets) {
    if (s.coordinates.length < 2) continue;
    const b = geometryBBox({ type: 'Polygon', coordinates: [s.coordinates] });
    if (b[0] > box[2] + pad || b[2] < box[0] - pad || b[1] > box[3] + pad || b[3] < box[1] - pad) continue;
    lines.push({ xy: s.coordinates.map((p) => frame.toXY(p)), lngLat: s.coordinates });
  }
  return { rings, lines };
}

/** Turns planar faces into GeoJSON polygons and a point locator. */
export function blocksOf(planar: PlanarFaces, frame: LocalFrame): StreetBlocks {
  const ll = (ids: number[]): Position[] => [...ids.map((v) => planar.lngLat[v]!), planar.lngLat[ids[0]!]!];
  const faces: Polygon[] = planar.faces.map((f) => ({ type: 'Polygon', coordinates: [ll(f.ring), ...f.holes.map(ll)] }));
  const locate = faceLocator(planar, planar.gridM);
  return {
    faces,
    areas: planar.faces.map((f) => f.area),
    adjacency: planar.adjacency,
    frame,
    planar,
    faceOf: (point) => {
      const [x, y] = frame.toXY(point);
      return locate(x, y);
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
  const { rings, lines } = frameLines(boundary, streets, frame);
  return blocksOf(planarFaces(frame, rings, lines, options), frame);
}
