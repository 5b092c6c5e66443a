/**
 * A grid outline made valid before it is written. The union of a grid's units can be a ring
 * that touches itself at a point (a pinch): units that meet only at a corner, or a ring of
 * units closing around a hole at one vertex. PostGIS calls such a ring invalid (ST_IsValid:
 * "Ring Self-intersection"), so the outline goes through core's one normalising step, which
 * repairs it as ST_MakeValid does: two lobes become a MultiPolygon of the parts, a pinch that
 * encloses a hole becomes a polygon with that hole. The repairs are returned to be reported;
 * a valid outline is returned as the very input object (its vertices stay shared exactly
 * with its neighbours'). Degrees `[lng, lat]`; areas m².
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { areaM2 } from '../geometry/geodesic.js';
import { toJstsPolygon, validityError } from '../geometry/jsts-bridge.js';
import { normaliseGeometry } from '../geometry/normalise-geometry.js';
import type { GeometryRepair } from '../geometry/normalise.types.js';
import type { XY } from '../geometry/read-coordinates.js';

export interface ValidOutline {
  geometry: Polygon | MultiPolygon;
  /** What the normalising step repaired (none when the outline was valid as built). */
  repairs: GeometryRepair[];
}

/**
 * @example
 * validOutline(unionFaces(faces)!) // a pinched two-lobe ring → MultiPolygon of both lobes
 */
export function validOutline(outline: Polygon): ValidOutline {
  // Valid in the OGC sense (JTS's IsValidOp, from which GEOS and so ST_IsValid derive): nothing to do.
  if (!validityError(toJstsPolygon(outline.coordinates as XY[][]))) return { geometry: outline, repairs: [] };
  const n = normaliseGeometry(outline, { expect: 'polygon' });
  const g = n.geometry;
  // The normalising step keeps every part of a polygon with area; an outline with none cannot arise from unit faces.
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) return { geometry: outline, repairs: [] };
  const geometry: Polygon | MultiPolygon =
    g.type === 'MultiPolygon' && g.coordinates.length === 1 ? { type: 'Polygon', coordinates: g.coordinates[0]! } : g;
  return { geometry, repairs: n.repairs.filter((r) => !r.informational) };
}

/** Areas of an outline's parts, m², largest first. */
export function partAreasM2(geometry: Polygon | MultiPolygon): number[] {
  const parts = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return parts.map((coordinates) => areaM2({ type: 'Polygon', coordinates })).sort((a, b) => b - a);
}
